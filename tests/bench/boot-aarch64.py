#!/usr/bin/env python3
"""Benchmark: boot time on QEMU virt (aarch64), Janux vs Debian's arm64
Linux, with the same busybox initramfs and the same QEMU command line
except -kernel (from `bin/janux-qemu --dry-run -c true`). Wall time from
starting QEMU to init's start marker and to QEMU's exit after power-off,
median of RUNS each. Writes the JSON fragment of tests/bench/report.mjs.
  tests/bench/boot-aarch64.py OUT.json [RUNS]
"""
import glob
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIMIT = 60.0


def linux_kernel():
    """Path of Debian's arm64 Image, fetched into build/peers/ if needed."""
    peer = os.path.join(ROOT, "build/peers/linux-arm64")
    if not glob.glob(f"{peer}/boot/vmlinuz-*"):
        subprocess.run([f"{ROOT}/mk/fetch-deb.sh", "linux-image-cloud-arm64:arm64", peer],
                       check=True, stdout=subprocess.DEVNULL)
    return sorted(glob.glob(f"{peer}/boot/vmlinuz-*"))[-1]


def base_command(workdir):
    """The QEMU argv of `janux-qemu -c true`, its initrd copied to workdir, and the tag."""
    out = subprocess.run([f"{ROOT}/bin/janux-qemu", "--dry-run", "-c", "true"],
                         check=True, capture_output=True, text=True).stdout
    argv, dry = shlex.split(out), os.path.join(ROOT, "build/aarch64/janux-qemu-dry")
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(dry, workdir)
    argv[argv.index("-initrd") + 1] = os.path.join(workdir, "initrd.cpio")
    with open(os.path.join(workdir, "tag")) as f:
        return argv, f.read().strip()


def one_run(argv, marker):
    """(ms to the marker, ms to QEMU's exit); raises if the marker never came."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    seen = None
    for line in p.stdout:
        if seen is None and marker in line:
            seen = time.monotonic() - start
    p.wait(timeout=LIMIT)
    end = time.monotonic() - start
    if seen is None or p.returncode != 0:
        raise RuntimeError(f"{argv[argv.index('-kernel') + 1]}: no marker or status {p.returncode}")
    return seen * 1000, end * 1000


def main():
    out, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    argv, tag = base_command(os.path.join(os.path.dirname(os.path.abspath(out)), "boot-aarch64"))
    marker = f"@@{tag}:start".encode()
    kernels = {"janux-aarch64": argv[argv.index("-kernel") + 1], "linux-aarch64": linux_kernel()}
    med = {}
    for name, kernel in kernels.items():
        k_argv = list(argv)
        k_argv[k_argv.index("-kernel") + 1] = kernel
        samples = [one_run(k_argv, marker) for _ in range(runs)]
        med[name] = [statistics.median(s[i] for s in samples) for i in (0, 1)]
    note = f"median of {runs}, QEMU TCG virt cortex-a72 256M, same busybox initramfs"
    frag = [{"name": title, "unit": "ms", "better": "lower", "baseline": "linux-aarch64",
             "runs": runs, "note": note, "values": {k: round(v[i], 1) for k, v in med.items()}}
            for i, title in enumerate(("boot to init (aarch64)", "boot to power-off (aarch64)"))]
    with open(out, "w") as f:
        json.dump(frag, f, indent=1)


if __name__ == "__main__":
    main()
