#!/usr/bin/env python3
"""Userland tier: our image booted through its real init (busybox init,
inittab, rcS), not bin/janux's -c wrapper, with a fresh ext2 disk attached.
Waits for the console shell's prompt, types a line that records what init
and /etc/profile set up (hostname, mounts, HOME, ~/host) into /home (the
disk), syncs and powers off; then reads the file back from the image on
the host with debugfs, checks the image with e2fsck and the console log
for the motd and no "rcS: ..." failure.
Prints one PASS/FAIL line.
  tests/userland/init-boot.py wasm32|aarch64 WORKDIR
"""
import os
import selectors
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOOT_LIMIT, RUN_LIMIT = 120.0, 60.0
LINE = ('{ hostname; grep -c "^/dev/vda /home ext2 rw" /proc/mounts; '
        'grep -c " /proc proc " /proc/mounts; id -u; echo "$HOME"; readlink ~/host; } '
        '> /home/seen; sync; poweroff\r')
WANT = "janux\n1\n1\n0\n/root\n/mnt/host\n"
# rcS prints the motd (with shell builtins) and no "rcS: ..." failure.
MOTD = b"Welcome to Janux"
MACHINES = {
    "wasm32": ["bin/janux", "--initrd", "build/images/initramfs-wasm32.cpio"],
    "aarch64": ["bin/janux-qemu", "--initrd", "build/images/initramfs-aarch64.cpio.gz"],
}


def wait_for(proc, sel, text, deadline, out):
    """Read console bytes into out until text appears; False on timeout/EOF."""
    while time.monotonic() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            return False
        out.append(chunk)
        if text in b"".join(out):
            return True
    return False


def boot(machine, image, log):
    """Boot to the prompt, type LINE, wait for the power-off; None or why not."""
    proc = subprocess.Popen([os.path.join(ROOT, MACHINES[machine][0]), *MACHINES[machine][1:],
                             "--disk", image], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    out, why = [], None
    if not wait_for(proc, sel, b"root@janux:", time.monotonic() + BOOT_LIMIT, out):
        why = "no shell prompt from init's console shell"
    else:
        proc.stdin.write(LINE.encode())
        proc.stdin.flush()
    try:
        rest, _ = proc.communicate(timeout=RUN_LIMIT)
        out.append(rest)
    except subprocess.TimeoutExpired:
        proc.kill()
        out.append(proc.communicate()[0])
        why = why or "the machine did not power off"
    with open(log, "wb") as f:
        f.write(b"".join(out))
    return why


def main():
    machine, work = sys.argv[1], sys.argv[2]
    name = f"userland/{machine}-init-mounts-disk-on-home"
    os.makedirs(work, exist_ok=True)
    image, log = os.path.join(work, f"init-{machine}.img"), os.path.join(work, f"init-{machine}.log")
    with open(image, "wb") as f:
        f.truncate(8 << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", image], check=True)
    why = boot(machine, image, log)
    if not why:
        seen = subprocess.run(["debugfs", "-R", "cat /seen", image], capture_output=True, text=True).stdout
        fsck = subprocess.run(["e2fsck", "-fn", image], capture_output=True, text=True)
        with open(log, "rb") as f:
            boot_log = f.read()
        if seen != WANT:
            why = f"/home/seen on the disk is {seen!r}, want {WANT!r}"
        elif MOTD not in boot_log or b"rcS:" in boot_log:
            why = "rcS did not print the motd, or reported a failure"
        elif fsck.returncode != 0:
            why = f"e2fsck -fn: {fsck.stdout.strip().splitlines()[-1:]}"
    print(f"PASS {name}" if not why else f"FAIL {name}: {why} (see {log})")


if __name__ == "__main__":
    main()
