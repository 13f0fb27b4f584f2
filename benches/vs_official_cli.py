#!/usr/bin/env python3
"""`updash db list --json` side by side with the official Upstash CLI, 10,006 databases.

Starts `updash sandbox --ephemeral --seed 10000`, points both command lines at it (the
official CLI through a fetch shim that swaps its API host for the sandbox's URL), and runs
them in turn (A B A B ...), each as a whole process with its output read through a pipe.
Prints the median wall time, CPU time and peak memory of each, and the median of the
pair-by-pair ratios A/B. The peak is measured through GNU time (/usr/bin/time) when it is
installed: without it, it cannot go below this script's own resident size.

The official CLI (`@upstash/cli`, node) is installed with npm into a temporary folder unless
UPSTASH_CLI names its `upstash` script.

Run: python3 benches/vs_official_cli.py target/release/updash [-n RUNS] [--seed N]
"""

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

SHIM = """const target = process.env.UPSTASH_BENCH_API_URL;
const real = globalThis.fetch;
globalThis.fetch = (url, init) =>
  real(String(url).replace("https://api.upstash.com", target), init);
"""
EMAIL = "operator@example.com"
API_KEY = "sandbox-personal-api-key"


def official_cli(work: str) -> str:
    given = os.environ.get("UPSTASH_CLI")
    if given:
        return given
    subprocess.run(
        ["npm", "install", "--silent", "--prefix", work, "@upstash/cli@1"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return os.path.join(work, "node_modules", ".bin", "upstash")


def start_sandbox(binary: str, home: str, seed: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [binary, "sandbox", "--ephemeral", "--seed", str(seed), "--port", "0"],
        env=env_for(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "listening on " in line:
            url = line.split("listening on ", 1)[1].split()[0]
            return proc, url
    proc.kill()
    sys.exit("the sandbox did not say where it listens")


def env_for(home: str) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
    }


# GNU time reports the peak of the command alone. A child's own ru_maxrss starts at the
# resident size of the process it was forked from (this Python, about 20 MiB), which would
# hide anything smaller.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd: list, env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one whole run."""
    with tempfile.NamedTemporaryFile("r") as peak:
        wrapped = [TIME, "-f", "%M", "-o", peak.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        size = 0
        while chunk := proc.stdout.read(1 << 16):
            size += len(chunk)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or size < 1_000_000:
            sys.exit(f"{cmd[0]} failed (exit {proc.returncode}, {size} bytes out)")
        kib = int(peak.read().split()[-1]) if TIME else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, kib / 1024


def main() -> None:
    args = sys.argv[1:]
    runs, seed = 15, 10_000
    if "-n" in args:
        i = args.index("-n")
        runs = int(args[i + 1])
        del args[i : i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    with tempfile.TemporaryDirectory() as work:
        upstash = official_cli(work)
        shim = os.path.join(work, "to-sandbox.mjs")
        with open(shim, "w") as f:
            f.write(SHIM)
        sandbox, url = start_sandbox(binary, os.path.join(work, "sandbox-home"), seed)
        try:
            urllib.request.urlopen(url + "/.well-known/updash-sandbox", timeout=10).read()
            env = env_for(os.path.join(work, "home"))
            env.update(UPDASH_SANDBOX_URL=url, UPSTASH_EMAIL=EMAIL, UPSTASH_API_KEY=API_KEY)
            ours = [binary, "--sandbox", "db", "list", "--json"]
            theirs_env = dict(env, NODE_OPTIONS=f"--import {shim}", UPSTASH_BENCH_API_URL=url)
            theirs = [upstash, "redis", "list", "--email", EMAIL, "--api-key", API_KEY]
            run(ours, env), run(theirs, theirs_env)  # warm-up, not counted
            a, b = [], []
            for _ in range(runs):
                a.append(run(ours, env))
                b.append(run(theirs, theirs_env))
        finally:
            sandbox.send_signal(signal.SIGINT)
            try:
                sandbox.wait(timeout=10)
            except subprocess.TimeoutExpired:
                sandbox.kill()
    print(f"{runs} runs each, {seed + 6} databases, medians")
    print(f"{'':14}{'wall s':>10}{'cpu s':>10}{'peak MiB':>10}")
    for name, rows in (("updash", a), ("official CLI", b)):
        print(f"{name:14}" + "".join(f"{statistics.median(c):>10.3f}" for c in zip(*rows)))
    ratios = [statistics.median(x[k] / y[k] for x, y in zip(a, b)) for k in range(3)]
    print(f"{'ratio A/B':14}" + "".join(f"{r:>10.3f}" for r in ratios))


if __name__ == "__main__":
    main()
