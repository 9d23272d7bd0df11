#!/usr/bin/env python3
"""The parity corpus's tool: list the corpus, write its initramfs manifest,
make expectations under qemu-aarch64 user mode, run the corpus on a kernel
in one QEMU boot, and compare every target with the expectations.

  parity.py list SRCDIR OUT                  # "NAME KIND ORACLE" lines
  parity.py manifest LIST BINDIR BUSYBOX OUT # mkcpio.py manifest
  parity.py user LIST BINDIR OUTDIR          # qemu-aarch64 user-mode runs
  parity.py boot 'LAUNCHER' CPIO LIST OUTDIR [oracle]  # one boot (LAUNCHER -c)
  parity.py report DIR KNOWN TARGET...       # PASS/FAIL lines, report.{txt,html}

Every result is NAME.out in a directory: the test's output, then a line
"[exit N]" (N as sh's $?: 128+SIG for a death by signal), or "[timed out]".
NAME.how says how it was made. An oracle run (user, boot ... oracle) fails
unless every test finished in time, so a bad expectation is never kept. Tests declare their oracle in their source ("parity-oracle:
user" or "linux"); see docs/parity.md.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = {"progs": ("prog", ".c"), "scripts": ("script", ".sh")}
TEST_LIMIT = 30  # seconds per test, as guest-run.sh's watchdog


def corpus(srcdir):
    """[(name, kind, oracle)] of every test under srcdir, sorted by name."""
    tests = []
    for sub, (kind, ext) in KINDS.items():
        for f in sorted(os.listdir(os.path.join(srcdir, sub))):
            if not f.endswith(ext):
                continue
            with open(os.path.join(srcdir, sub, f)) as fh:
                m = re.search(r"parity-oracle:\s*(user|linux)", fh.read())
            if not m:
                sys.exit(f"parity: {sub}/{f} declares no 'parity-oracle: user|linux'")
            tests.append((f[:-len(ext)], kind, m.group(1)))
    return sorted(tests)


def read_list(path):
    """[(name, kind, oracle)] from a list file written by cmd_list."""
    with open(path) as f:
        return [tuple(line.split()) for line in f if line.strip()]


def result_text(out, status):
    """The stored form of one run: output, a newline if it lacks one, then
    [exit N] (status an int) or [timed out] (status None)."""
    if out and not out.endswith(b"\n"):
        out += b"\n(no newline at end of output)\n"
    return out + (b"[timed out]\n" if status is None else b"[exit %d]\n" % status)


def write_result(outdir, name, data, how):
    """Store one result as OUTDIR/NAME.out and how it was made as NAME.how."""
    with open(os.path.join(outdir, name + ".out"), "wb") as f:
        f.write(data)
    with open(os.path.join(outdir, name + ".how"), "w") as f:
        f.write(how + "\n")


def cmd_list(srcdir, out):
    """Write the corpus under SRCDIR as "NAME KIND ORACLE" lines to OUT."""
    with open(out, "w") as f:
        f.writelines(f"{n} {k} {o}\n" for n, k, o in corpus(srcdir))


def base_manifest(busybox):
    """The manifest lines every test image starts with: the FHS directories
    the init script needs, /dev/console and BUSYBOX as /bin/busybox."""
    return ["dir /bin 0755 0 0", "dir /dev 0755 0 0", "dir /proc 0755 0 0",
            "dir /sbin 0755 0 0", "dir /tmp 01777 0 0", "nod /dev/console 0600 0 0 c 5 1",
            f"file /bin/busybox {os.path.abspath(busybox)} 0755 0 0"] + applet_links(busybox)


def applet_links(busybox):
    """Manifest lines linking each applet to BUSYBOX when a busybox.links
    file lies beside it (Janux's own build, whose busybox has no --install);
    none for Debian's, which janux-init installs with busybox --install."""
    links = os.path.join(os.path.dirname(busybox), "busybox.links")
    if not os.path.exists(links):
        return []
    lines = ["dir /usr 0755 0 0", "dir /usr/bin 0755 0 0", "dir /usr/sbin 0755 0 0"]
    with open(links) as f:
        for path in f.read().split():
            if path != "/bin/busybox":
                lines.append(f"slink {path} /bin/busybox 0777 0 0")
    return lines


def boot(launch, cpio, command, limit):
    """Start a machine with initramfs CPIO and run COMMAND in it: LAUNCH is
    the launcher's argv (bin/janux-qemu --kernel K, or bin/janux --machine
    wasm), given "--initrd CPIO -c COMMAND". Returns (what COMMAND printed
    on the console, the launcher's stderr), both bytes."""
    argv = list(launch) + ["--initrd", cpio, "-c", command]
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=limit)
        return p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", b"(boot timed out)\n"


def cmd_manifest(listfile, bindir, busybox, out):
    """A manifest for userland/mkcpio.py: BUSYBOX, /dev/console and the corpus."""
    here = os.path.dirname(os.path.abspath(__file__))
    lines = base_manifest(busybox) + [
             "dir /parity 0755 0 0", "dir /parity/bin 0755 0 0", "dir /parity/scripts 0755 0 0",
             f"file /parity/list {os.path.abspath(listfile)} 0644 0 0",
             f"file /parity/run.sh {here}/guest-run.sh 0644 0 0"]
    for name, kind, _ in read_list(listfile):
        if kind == "prog":
            lines.append(f"file /parity/bin/{name} {os.path.abspath(bindir)}/{name} 0755 0 0")
        else:
            lines.append(f"file /parity/scripts/{name}.sh {here}/scripts/{name}.sh 0644 0 0")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def qemu_user_version():
    """qemu-aarch64's version line, for the .how files."""
    out = subprocess.run(["qemu-aarch64", "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "qemu-aarch64"


def cmd_user(listfile, bindir, outdir):
    """Run each user-oracle program under qemu-aarch64 in a fresh directory."""
    os.makedirs(outdir, exist_ok=True)
    how = f"{qemu_user_version()} user mode on host Linux {os.uname().release}"
    for name, kind, oracle in read_list(listfile):
        if oracle != "user":
            continue
        with tempfile.TemporaryDirectory(prefix=f"parity-{name}-") as work:
            os.chmod(work, 0o755)  # as the guest's /tmp/parity/NAME (umask 022)
            try:
                p = subprocess.run(["qemu-aarch64", os.path.abspath(os.path.join(bindir, name))],
                                   cwd=work, stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=TEST_LIMIT)
                out, status = p.stdout, p.returncode if p.returncode >= 0 else 128 - p.returncode
            except subprocess.TimeoutExpired:
                sys.exit(f"parity: {name} timed out under qemu-aarch64; no expectation kept")
        write_result(outdir, name, result_text(out, status), how)


def split_console(text):
    """{name: stored result} from the guest driver's console output."""
    results, pat = {}, re.compile(rb"^@@parity:begin (\S+)\n(.*?)\n@@parity:end \1 (\d+|timeout)$",
                                  re.S | re.M)
    for m in pat.finditer(text):
        status = None if m.group(3) == b"timeout" else int(m.group(3))
        results[m.group(1).decode()] = (result_text(m.group(2), status), status is not None)
    return results


def cmd_boot(launch, cpio, listfile, outdir, oracle=None):
    """Boot once with the corpus (LAUNCH: the launcher command line, as for
    boot()); one result per test that finished. As an oracle ("oracle"),
    fail unless every test finished in time."""
    os.makedirs(outdir, exist_ok=True)
    tests = read_list(listfile)
    argv = shlex.split(launch)
    console, err = boot(argv, cpio, "sh /parity/run.sh", limit=60 + TEST_LIMIT * len(tests))
    with open(os.path.join(outdir, "console.log"), "wb") as f:
        f.write(console + err)
    how = f"{' '.join(os.path.relpath(a, ROOT) if a.startswith('/') else a for a in argv)} -c with {os.path.basename(cpio)}"
    results = split_console(console)
    for name, _, _ in tests:
        if name in results:
            write_result(outdir, name, results[name][0], how)
    print(f"parity: {len(results)} results from {launch}")
    bad = [n for n, _, o in tests if o == "linux" and not results.get(n, (0, False))[1]]
    if oracle and bad:
        sys.exit(f"parity: no result in time from {launch} for {' '.join(bad)}; "
                 f"no expectation kept (see {outdir}/console.log)")


if __name__ == "__main__":
    import parity_report  # noqa: E402  (the comparison half)
    cmds = {"list": (cmd_list, 2), "manifest": (cmd_manifest, 4), "user": (cmd_user, 3),
            "boot": (cmd_boot, (4, 5)), "report": (parity_report.main, None)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    fn, nargs = cmds[sys.argv[1]]
    if nargs is not None and len(sys.argv) - 2 not in (nargs if isinstance(nargs, tuple) else (nargs,)):
        sys.exit(__doc__)
    fn(*sys.argv[2:])
