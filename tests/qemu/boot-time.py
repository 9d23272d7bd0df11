#!/usr/bin/env python3
"""Measure the aarch64 boot: wall time from starting QEMU to the banner line
and to QEMU's exit (PSCI power off after the panic), N runs, median.
Not a test: prints a table (and JSON with --json).
    tests/qemu/boot-time.py [--runs N] [--cpu cortex-a72|max] [--gic 2|3] [--json]"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def one_run(args):
    cmd = [os.path.join(ROOT, "bin/janux-qemu"), "--no-initrd", "--cpu", args.cpu, "--gic", args.gic,
           "--cmdline", ""]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    banner = None
    for line in p.stdout:
        if banner is None and b"] Janux " in line:
            banner = time.monotonic() - start
    p.wait(timeout=30)
    end = time.monotonic() - start
    if banner is None or p.returncode != 0:
        sys.exit(f"boot-time: run failed (status {p.returncode}, banner seen: {banner is not None})")
    return banner, end


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpu", default="cortex-a72")
    ap.add_argument("--gic", default="3")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    runs = [one_run(args) for _ in range(args.runs)]
    res = {"cpu": args.cpu, "gic": args.gic, "runs": args.runs,
           "banner_s": statistics.median(r[0] for r in runs),
           "poweroff_s": statistics.median(r[1] for r in runs)}
    if args.json:
        print(json.dumps(res))
    else:
        print(f"aarch64 boot ({args.cpu}, GICv{args.gic}, median of {args.runs}): "
              f"banner {res['banner_s']*1000:.0f} ms, power off {res['poweroff_s']*1000:.0f} ms")


main()
