//! Time from spawning the built `updash` on a pseudo-terminal to its first frame on screen
//! (the tab bar), on an empty home. The pty test only checks the frame comes.

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Spawns updash in `home` on an 80x24 pty and returns how long until "1 Connect" shows.
fn first_frame(home: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
    let seen = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.lock().unwrap().process(&buf[..n]);
        }
    });
    let took = loop {
        if parser
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains("1 Connect")
        {
            break start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no first frame");
        std::thread::sleep(Duration::from_millis(1));
    };
    let _ = child.kill();
    let _ = child.wait();
    took
}

fn bench(c: &mut Criterion) {
    let home = tempfile::tempdir().expect("home");
    let mut group = c.benchmark_group("tui");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("first frame on a pty", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| first_frame(home.path())).sum());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
