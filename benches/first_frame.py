#!/usr/bin/env python3
"""Time from starting `updash --sandbox` in a pseudo-terminal to its first frame.

Each run starts the binary in a fresh home at 120x40, waits until the first frame (the tab
bar) is drawn, then quits with q. With two binaries the runs alternate
(A B A B ...) and the medians and the median ratio A/B are printed.

Run: python3 benches/first_frame.py target/release/updash [OTHER_BINARY] [-n RUNS]
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

FIRST_FRAME = b"1 Connect"
LIMIT_S = 20.0
ARGS = os.environ.get("FIRST_FRAME_ARGS", "--sandbox").split()


def first_frame_seconds(binary: str) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "TERM": "xterm-256color",
        }
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(binary, [binary, *ARGS], env)
        # 120x40, as an operator's terminal would be (a new pty is 0x0).
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        seen = b""
        elapsed = None
        try:
            while time.perf_counter() - start < LIMIT_S:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if FIRST_FRAME in seen:
                    elapsed = time.perf_counter() - start
                    break
            os.write(fd, b"q")
            deadline = time.perf_counter() + LIMIT_S
            while time.perf_counter() < deadline:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                try:
                    if select.select([fd], [], [], 0.05)[0]:
                        os.read(fd, 65536)
                except OSError:
                    pass
            else:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
        finally:
            os.close(fd)
        if elapsed is None:
            raise SystemExit(f"{binary}: no first frame within {LIMIT_S} s")
        return elapsed


def main() -> None:
    args = sys.argv[1:]
    runs = 15
    if "-n" in args:
        i = args.index("-n")
        runs = int(args[i + 1])
        del args[i : i + 2]
    if not 1 <= len(args) <= 2:
        raise SystemExit(__doc__)
    times = {b: [] for b in args}
    ratios = []
    for _ in range(runs):
        pair = [first_frame_seconds(b) for b in args]
        for b, t in zip(args, pair):
            times[b].append(t)
        if len(pair) == 2:
            ratios.append(pair[0] / pair[1])
    for b in args:
        t = times[b]
        print(f"{b}: median {statistics.median(t) * 1000:.1f} ms "
              f"(min {min(t) * 1000:.1f}, max {max(t) * 1000:.1f}, {runs} runs)")
    if ratios:
        print(f"A/B median ratio {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
