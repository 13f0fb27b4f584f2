//! Running the built `updash` in a real pseudo-terminal and reading its screen (vt100).

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A child process on a pseudo-terminal, with a vt100 parser fed by a reader thread.
pub struct Pty {
    /// `None` once the terminal was hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Pty {
    /// Spawns `cmd` on a `cols`x`rows` terminal.
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn on pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let fd = pair.master.as_raw_fd().expect("the master's descriptor");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (p, r, stop) = (parser.clone(), raw.clone(), stop_reading.clone());
        // Reads only when poll says there is something, so `hang_up` can stop the thread and
        // close every copy of the master's descriptor (the kernel hangs the terminal up only
        // when the last one closes).
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; the master outlives this thread (joined first).
                if unsafe { libc::poll(&mut poll, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Self {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            parser,
            raw,
            stop_reading,
            reader: Some(reader),
        }
    }

    /// Closes the terminal as a dropped SSH connection does: every descriptor of the master
    /// side is closed, so the kernel hangs up the program's side (SIGHUP to the session
    /// leader; end of input and EIO for every reader and writer).
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the program is on the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the cursor is visible (the program did not leave it hidden).
    pub fn cursor_visible(&self) -> bool {
        !self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// Whether the terminal is in raw mode (no line editing, no echo), read from the
    /// terminal's settings, which the master side shares with the program's side.
    pub fn raw_mode(&self) -> bool {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is open");
        // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is the open master; t is a valid termios to fill.
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Every byte the program wrote so far.
    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Bytes written since `from`.
    pub fn raw_since(&self, from: usize) -> Vec<u8> {
        self.raw.lock().unwrap()[from..].to_vec()
    }

    /// Types `text` (keys as bytes, e.g. "\r" for Enter, "\x1b" for Esc).
    pub fn send(&mut self, text: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(text.as_bytes()).expect("write to pty");
        writer.flush().ok();
    }

    /// Waits until the screen contains `needle`; panics with the screen after `timeout`.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for `pred` on the screen text.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `find` finds something in the bytes written so far; panics after
    /// `timeout`.
    pub fn wait_until_raw<T>(
        &self,
        what: &str,
        timeout: Duration,
        find: impl Fn(&[u8]) -> Option<T>,
    ) -> T {
        let start = Instant::now();
        loop {
            if let Some(found) = find(&self.raw.lock().unwrap()) {
                return found;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the process to exit; its exit code, or `None` on timeout.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Resizes the terminal.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop_reading.store(true, Ordering::SeqCst);
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}
