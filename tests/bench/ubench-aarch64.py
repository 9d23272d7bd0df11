#!/usr/bin/env python3
"""Benchmark: syscall round trip, spawn, pipe throughput, file cycle and a
shell workload (tests/bench/progs/ubench.c, tests/bench/workload.sh) on
Janux aarch64 and Debian's arm64 Linux, each booted in the same QEMU with
the same initramfs (Debian's busybox-static:arm64 and the benchmarks), on
Janux wasm32 under Node (bin/janux) and in headless Chromium
(tests/wasm/janux-chromium.mjs) when UBENCH_WASM32 is given (the same
source built with janux-cc --arch wasm32, Janux's wasm32 busybox), and
natively on the host (the same C source built with the host compiler,
Debian's busybox-static for the host as the shell) as the ceiling. Each
kernel is booted RUNS times; the median of each figure is kept. Writes the
JSON fragment of tests/bench/report.mjs.
  tests/bench/ubench-aarch64.py OUT.json UBENCH_AARCH64 UBENCH_HOST JANUX_IMAGE [RUNS [UBENCH_WASM32 BUSYBOX_WASM32]]
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests/parity"))
import parity  # noqa: E402  (boot() and the base image manifest)

GUEST_LIMIT = 300  # seconds one boot of the benchmarks may take
MODES = ("syscall", "fork", "spawn", "forkmem", "file", "pipe")  # ubench modes before "run"
GUEST_RUN = ("{ [ -c /dev/null ] || mount -t devtmpfs devtmpfs /dev; } && cd /tmp && for m in " + " ".join(MODES) + "; do /bench/ubench $m; done && "
             "/bench/ubench run /bin/sh /bench/workload.sh")
# name in the table, unit, better, the RESULT key
FIGURES = [("syscall round trip (getppid)", "ns", "lower", "syscall"),
           ("fork+exit+wait", "us", "lower", "fork"),
           ("spawn: fork+exec+wait", "us", "lower", "spawn"),
           ("memory one live forked child costs (sysinfo freeram)", "KiB", "lower", "forkmem"),
           ("resident set of one live forked child (/proc/PID/statm)", "KiB", "lower", "forkrss"),
           ("file create/write/read/unlink 4 KiB", "us", "lower", "file"),
           ("pipe throughput (64 KiB writes)", "MB/s", "higher", "pipe"),
           ("shell workload (loops, subshells, pipelines)", "ms", "lower", "run")]


def fetch(pkg, dest, pattern):
    """Path of PATTERN under DEST, fetching Debian package PKG there if needed."""
    if not glob.glob(os.path.join(dest, pattern)):
        subprocess.run([f"{ROOT}/mk/fetch-deb.sh", pkg, dest], check=True, stdout=subprocess.DEVNULL)
    return sorted(glob.glob(os.path.join(dest, pattern)))[-1]


def load_average():
    """The host's 1-minute load average, as /proc/loadavg gives it."""
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def results(text):
    """{key: value} from "RESULT key value unit" lines."""
    return {m[1]: float(m[2]) for m in re.finditer(r"^RESULT (\w+) ([0-9.]+) ", text, re.M)}


def image(ubench, busybox, workdir):
    """The benchmark initramfs of UBENCH and BUSYBOX (built with
    userland/mkcpio.py) in workdir, named after UBENCH."""
    lines = parity.base_manifest(busybox) + [
        "dir /bench 0755 0 0", f"file /bench/ubench {os.path.abspath(ubench)} 0755 0 0",
        f"file /bench/workload.sh {HERE}/workload.sh 0644 0 0"]
    tag = os.path.basename(ubench)
    manifest, cpio = os.path.join(workdir, f"{tag}.list"), os.path.join(workdir, f"{tag}.cpio")
    with open(manifest, "w") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run([f"{ROOT}/userland/mkcpio.py", manifest, cpio], check=True)
    return cpio


def guest(launch, cpio):
    """Boot once with LAUNCH (a launcher argv taking --initrd and -c) and the
    benchmark image: {key: value}; a figure missing is said on stderr with
    the end of the console, and left out."""
    out, err = parity.boot(launch, cpio, GUEST_RUN, limit=GUEST_LIMIT)
    got = results(out.decode(errors="replace"))
    if len(got) != len(FIGURES):
        print(f"ubench: {os.path.basename(launch[0])}: {len(got)} of {len(FIGURES)} results\n"
              f"{out.decode(errors='replace')[-2000:]}{err.decode(errors='replace')[-2000:]}", file=sys.stderr)
    return got


def summary(samples, key):
    """{system: median of its values of KEY} over the boots that gave one."""
    return {k: round(statistics.median(s[key] for s in v if key in s), 2)
            for k, v in samples.items() if any(key in s for s in v)}


def host(ubench, workdir):
    """The figures measured natively, busybox applets first in PATH."""
    bb = fetch("busybox-static", f"{ROOT}/build/peers/busybox-host", "bin/busybox")
    bindir = os.path.join(workdir, "host-bin")
    os.makedirs(bindir, exist_ok=True)
    subprocess.run([bb, "--install", "-s", bindir], check=True)
    env = dict(os.environ, PATH=f"{bindir}:/usr/bin:/bin")
    text = ""
    for m in MODES:
        text += subprocess.run([os.path.abspath(ubench), m], cwd=workdir, env=env, check=True,
                               capture_output=True, text=True).stdout
    text += subprocess.run([os.path.abspath(ubench), "run", f"{bindir}/sh", f"{HERE}/workload.sh"],
                           cwd=workdir, env=env, check=True, capture_output=True, text=True).stdout
    return results(text)


def main():
    """Measure every figure RUNS times on each system and write the fragment."""
    out, ub_arm, ub_host, janux = sys.argv[1:5]
    load_start, began = load_average(), time.monotonic()
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    wasm = sys.argv[6:8]
    linux = fetch("linux-image-cloud-arm64:arm64", f"{ROOT}/build/peers/linux-arm64", "boot/vmlinuz-*")
    with tempfile.TemporaryDirectory(prefix="ubench-") as work:
        busybox = fetch("busybox-static:arm64", f"{ROOT}/build/peers/busybox-arm64", "bin/busybox")
        cpio = image(ub_arm, busybox, work)
        qemu = f"{ROOT}/bin/janux-qemu"
        native = f"host-{os.uname().machine}"
        systems = {"janux-aarch64": lambda: guest([qemu, "--kernel", janux], cpio),
                   "linux-aarch64": lambda: guest([qemu, "--kernel", linux], cpio),
                   native: lambda: host(ub_host, work)}
        if wasm:
            wasm_cpio = image(wasm[0], wasm[1], work)
            systems["janux-wasm32-node"] = lambda: guest([f"{ROOT}/bin/janux", "--machine", "wasm"], wasm_cpio)
            systems["janux-wasm32-chromium"] = lambda: guest(
                [f"{ROOT}/tests/wasm/janux-chromium.mjs", "--timeout", str(GUEST_LIMIT - 20)], wasm_cpio)
        samples = {k: [] for k in systems}
        for _ in range(runs):
            for k, run in systems.items():
                samples[k].append(run())
    load = f"load average {load_start} at the start, {load_average()} at the end, {time.monotonic() - began:.0f} s in all"
    print(f"ubench: {load}")
    note = (f"{load}; median of {runs} boots, about 1 s per figure; QEMU TCG virt cortex-a72 256M, "
            f"same initramfs; janux-wasm32-node/-chromium: the same source built for wasm32 under Node 20 / "
            f"in headless Chromium (a fresh browser per boot); {native} is the same C source run natively (the ceiling)")
    frag = [{"name": name, "unit": unit, "better": better, "baseline": "linux-aarch64",
             "runs": runs, "note": note,
             "values": summary(samples, key)}
            for name, unit, better, key in FIGURES]
    with open(out, "w") as f:
        json.dump(frag, f, indent=1)


if __name__ == "__main__":
    main()
