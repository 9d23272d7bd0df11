#!/usr/bin/env python3
"""QEMU tier: ^C on the serial console reaches the guest's foreground job.
Runs `bin/janux-qemu -c` with a command that traps SIGINT, prints "ready"
and sleeps 10 s; sends 0x03 to the console and checks that the sleep ends
with status 130 and the shell carries on within 2 s. Prints PASS/FAIL.
  tests/qemu/interrupt.py LOGFILE [janux-qemu args...]
"""
import os
import selectors
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CMD = 'trap "echo caught" INT; echo ready; sleep 10; echo "after $?"'
BOOT_LIMIT, AFTER_LIMIT = 30.0, 2.0


def read_until(proc, sel, want, deadline, out):
    """Collect output lines into out until one equals want; False on timeout/EOF."""
    while time.monotonic() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        line = proc.stdout.readline()
        if not line:
            return False
        out.append(line.decode(errors="replace").rstrip("\n"))
        if out[-1].startswith(want):
            return True
    return False


def main():
    log, extra = sys.argv[1], sys.argv[2:]
    proc = subprocess.Popen([os.path.join(ROOT, "bin/janux-qemu"), *extra, "-c", CMD],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    out, why, elapsed = [], None, None
    if not read_until(proc, sel, "ready", time.monotonic() + BOOT_LIMIT, out):
        why = "no 'ready' from the guest"
    else:
        time.sleep(0.5)
        proc.stdin.write(b"\x03")
        proc.stdin.flush()
        sent = time.monotonic()
        if not read_until(proc, sel, "after", sent + AFTER_LIMIT, out):
            why = f"the shell did not go on within {AFTER_LIMIT} s of ^C"
        elapsed = time.monotonic() - sent
    try:
        rest, _ = proc.communicate(timeout=10)
        out += rest.decode(errors="replace").splitlines()
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        why = why or "QEMU did not exit after the command"
    with open(log, "w") as f:
        f.write("\n".join(out) + f"\nstatus {proc.returncode}, ^C to 'after' {elapsed}\n")
    if not why and ("after 130" not in out or not any("caught" in l for l in out)):
        why = "expected 'caught' and 'after 130'"
    print(f"FAIL qemu/command/ctrl-c: {why} (see {log})" if why else
          f"PASS qemu/command/ctrl-c")


if __name__ == "__main__":
    main()
