#!/usr/bin/env python3
"""busybox's own testsuite on Janux and on Linux (docs/testing.md, tier
busybox): the subset to run, the testsuite's initramfs member, the Linux
oracle under qemu-aarch64 user mode, one boot per Janux machine, and the
comparison.

  bbtest.py list TSDIR LINKS SKIP OUT        # the subset, one NAME a line
  bbtest.py manifest TSDIR LIST CONFIG LINKS OUT  # mkcpio.py manifest (/bbtest)
  bbtest.py oracle BUSYBOX TSDIR LIST CONFIG LINKS WORK  # WORK/results
  bbtest.py boot 'LAUNCHER' IMAGE LIST OUTDIR      # OUTDIR/results
  bbtest.py report BASE KNOWN SKIP MACHINE...      # PASS/FAIL/SKIP lines

NAME is a new-style file (sed.tests) or an old-style applet directory
(cp/). A results file has one line per case, "NAME<TAB>VERDICT<TAB>CASE"
(VERDICT PASS, FAIL, SKIPPED or UNTESTED as the testsuite prints them), and
"NAME<TAB>END<TAB>STATUS" after each NAME's cases (STATUS its exit status,
"timeout", or "missing" when it never ended).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GUEST = "/bbtest"           # where the image holds the testsuite
LIMIT = 120                 # seconds per NAME on a Janux machine (the driver's watchdog)
ORACLE_LIMIT = 900          # the same under qemu-aarch64: every applet a new emulator
VERDICTS = ("PASS", "FAIL", "SKIPPED", "UNTESTED")


def read_lines(path):
    """The non-blank, non-comment lines of PATH."""
    with open(path) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def applets(links):
    """The applet names of a busybox.links file."""
    return sorted({os.path.basename(p) for p in read_lines(links)})


def skipped(path):
    """{NAME: reason} from the subset's exclusion file ("NAME -- REASON")."""
    out = {}
    for line in read_lines(path):
        name, sep, why = line.partition(" -- ")
        if not sep:
            sys.exit(f"bbtest: {path}: '{line}' is not 'NAME -- REASON'")
        out[name.strip()] = why.strip()
    return out


def cmd_list(tsdir, links, skip, out):
    """Every testsuite file and applet directory runtest would run for the
    applets in LINKS (plus busybox itself), minus those excluded in SKIP,
    into OUT; OUT is left untouched when it already says the same."""
    excluded = skipped(skip)
    names = []
    for a in ["busybox"] + applets(links):
        if os.path.isdir(os.path.join(tsdir, a)):
            names.append(a + "/")
        if os.path.isfile(os.path.join(tsdir, a + ".tests")):
            names.append(a + ".tests")
    unknown = set(excluded) - set(names)
    if unknown:
        sys.exit(f"bbtest: {skip} excludes what would not run: {' '.join(sorted(unknown))}")
    text = "".join(n + "\n" for n in sorted(set(names)) if n not in excluded)
    if os.path.exists(out) and open(out).read() == text:
        return  # unchanged: what depends on the list (the oracle) stays made
    with open(out, "w") as f:
        f.write(text)


def cmd_manifest(tsdir, listfile, config, links, out):
    """A mkcpio.py manifest of /bbtest: the testsuite tree, the build's
    .config, the driver, busybox (a link to /bin/busybox, the image's) and
    a links directory with every applet. Arch-independent: one member
    serves every image."""
    lines = [f"dir {GUEST} 0755 0 0", f"dir {GUEST}/links 0755 0 0",
             f"file {GUEST}/.config {os.path.abspath(config)} 0644 0 0",
             f"file {GUEST}/run.sh {HERE}/guest-run.sh 0644 0 0",
             f"file {GUEST}/list {os.path.abspath(listfile)} 0644 0 0",
             f"slink {GUEST}/busybox /bin/busybox 0777 0 0"]
    lines += [f"slink {GUEST}/links/{a} /bin/busybox 0777 0 0" for a in ["busybox"] + applets(links)]
    top = os.path.abspath(tsdir)
    for d, dirs, files in os.walk(top):
        dirs.sort()
        rel = os.path.relpath(d, top)
        here = f"{GUEST}/testsuite" + ("" if rel == "." else "/" + rel)
        lines.append(f"dir {here} 0755 0 0")
        for f in sorted(files):
            src = os.path.join(d, f)
            if os.path.islink(src) or not os.path.isfile(src) or re.search(r"\s", f):
                sys.exit(f"bbtest: {src}: only plain files without spaces are packed")
            mode = 0o755 if os.stat(src).st_mode & 0o100 else 0o644
            lines.append(f"file {here}/{f} {src} {mode:04o} 0 0")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def guest_command(tsdir, bindir, links, names):
    """The driver's command line with a clean environment (PATH: LINKS)."""
    return (f"env -i PATH={links} HOME=/ TERM=vt100 sh {bindir}/run.sh "
            f"{tsdir} {bindir} {links} {LIMIT} {' '.join(names)}")


def parse(text):
    """[(name, verdict, case)] from the driver's output (bytes): each
    NAME's verdict lines, then (name, "END", status); a NAME whose end
    never came ends with "missing"."""
    rows, name = [], None
    for line in text.decode(errors="replace").replace("\r", "").split("\n"):
        m = re.match(r"@@bb:(begin|end) (\S+)(?: (\S+))?$", line)
        if m and m.group(1) == "begin":
            if name:
                rows.append((name, "END", "missing"))
            name = m.group(2)
        elif m and name == m.group(2):
            rows.append((name, "END", m.group(3)))
            name = None
        elif name:
            v = re.match(r"(%s): (.*)$" % "|".join(VERDICTS), line)
            if v:
                rows.append((name, v.group(1), v.group(2)))
    if name:
        rows.append((name, "END", "missing"))
    return rows


def write_results(outdir, text, names, elapsed):
    """OUTDIR/output (TEXT), OUTDIR/results and OUTDIR/seconds (ELAPSED,
    the run's wall time); a NAME of NAMES that never began gets an END
    line "missing"."""
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "seconds"), "w") as f:
        f.write(f"{elapsed:.0f}\n")
    with open(os.path.join(outdir, "output"), "wb") as f:
        f.write(text)
    rows = parse(text)
    seen = {r[0] for r in rows}
    rows += [(n, "END", "missing") for n in names if n not in seen]
    with open(os.path.join(outdir, "results"), "w") as f:
        f.writelines("\t".join(r) + "\n" for r in rows)
    return rows


def driver_argv(tsdir, bindir, links, names, limit):
    """The driver's argv (run with PATH=LINKS, HOME and TERM only), each
    NAME limited to LIMIT seconds."""
    return ["sh", f"{bindir}/run.sh", tsdir, bindir, links, str(limit)] + names


def time_limit(names, limit):
    """The whole run's limit: generous, as a loaded 2-core machine runs
    wasm32 many times slower than a quiet one; a NAME at its own LIMIT
    still leaves room for the others."""
    return 300 + 15 * len(names) + limit


def cmd_oracle(busybox, tsdir, listfile, config, links, work):
    """Run the subset with BUSYBOX under qemu-aarch64 user mode (the host's
    Linux kernel): a copy of the testsuite (mtimes 0, as in the image), a
    bindir with .config, the driver and a busybox wrapper, and a links
    directory whose every applet is that wrapper (no binfmt_misc here: each
    applet runs as qemu-aarch64 -0 NAME BUSYBOX). Fails unless every NAME
    ended in time, so a bad expectation is never kept."""
    qemu = shutil.which("qemu-aarch64") or sys.exit("bbtest: no qemu-aarch64 (make deps)")
    work = os.path.abspath(work)
    shutil.rmtree(work, ignore_errors=True)
    ts, bindir, linkdir = (os.path.join(work, d) for d in ("testsuite", "bin", "links"))
    shutil.copytree(tsdir, ts, symlinks=True)
    for d, dirs, files in os.walk(ts):
        for p in [d] + [os.path.join(d, f) for f in files]:
            os.utime(p, (0, 0))
    os.makedirs(linkdir)
    os.makedirs(bindir)
    shutil.copy(config, os.path.join(bindir, ".config"))
    shutil.copy(os.path.join(HERE, "guest-run.sh"), os.path.join(bindir, "run.sh"))
    wrapper = os.path.join(bindir, "busybox")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec {qemu} -0 "$0" {os.path.abspath(busybox)} "$@"\n')
    os.chmod(wrapper, 0o755)
    for a in ["busybox"] + applets(links):
        os.symlink(wrapper, os.path.join(linkdir, a))
    names = read_lines(listfile)
    env = {"PATH": linkdir, "HOME": work, "TERM": "vt100"}
    argv = [qemu, os.path.abspath(busybox)] + driver_argv(ts, bindir, linkdir, names, ORACLE_LIMIT)
    start = time.monotonic()
    try:
        p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=time_limit(names, 5 * ORACLE_LIMIT))
        text = p.stdout
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"") + b"\n(the oracle run timed out)\n"
    rows = write_results(work, text, names, time.monotonic() - start)
    bad = [n for n, v, c in rows if v == "END" and not c.isdigit()]
    if bad:
        os.unlink(os.path.join(work, "results"))
        sys.exit(f"bbtest: the oracle did not finish {' '.join(bad)}; no expectation kept "
                 f"(see {work}/output)")


def cmd_boot(launch, image, listfile, outdir):
    """One boot of LAUNCH (a launcher command line taking --initrd and -c)
    with IMAGE, running the subset; OUTDIR/results and OUTDIR/output (the
    console, then the launcher's stderr)."""
    names = read_lines(listfile)
    cmd = "env -i PATH=%s/links HOME=/ TERM=vt100 %s" % (GUEST, shlex.join(
        driver_argv(f"{GUEST}/testsuite", GUEST, f"{GUEST}/links", names, LIMIT)))
    argv = shlex.split(launch) + ["--initrd", image, "-c", cmd]
    start = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=time_limit(names, LIMIT))
        text = p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"") + b"\n(the boot timed out)\n"
    write_results(outdir, text, names, time.monotonic() - start)


def parse_known(path):
    """[(machine glob, NAME, CASE, reason, line number)] from the
    known-differences file ("MACHINE NAME 'CASE' -- REASON")."""
    known = []
    with open(path) as f:
        for no, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            left, sep, why = line.partition(" -- ")
            words = shlex.split(left)
            if not sep or len(words) != 3 or not why.strip():
                sys.exit(f"bbtest: {path}:{no}: not \"MACHINE NAME 'CASE' -- REASON\"")
            known.append((words[0], words[1], words[2], why.strip(), no))
    return known


def read_results(path):
    """{NAME: ({(case, nth): verdict}, end status)} from a results file,
    in file order; nth counts repeats of a case name within NAME."""
    out = {}
    with open(path) as f:
        for line in f:
            name, verdict, case = line.rstrip("\n").split("\t", 2)
            cases, _ = out.setdefault(name, ({}, None))
            if verdict == "END":
                out[name] = (cases, case)
            else:
                nth = sum(1 for c, _ in cases if c == case)
                cases[(case, nth)] = verdict
    return out


def judge(want, got, known):
    """PASS or FAIL (with why) for one NAME on one machine: every case that
    passes under Linux (WANT) must pass here (GOT), unless KNOWN lists it;
    a KNOWN case that passes here (or not under Linux) is a stale entry."""
    wcases, _ = want
    gcases, end = got
    listed = {k[2]: k for k in known}
    lost = [c for (c, n), v in wcases.items()
            if v == "PASS" and gcases.get((c, n)) != "PASS" and c not in listed]
    stale = [k for c, k in listed.items()
             if not any(cc == c and v == "PASS" and gcases.get((cc, n)) != "PASS"
                        for (cc, n), v in wcases.items())]
    why = []
    if lost:
        why.append(f"{len(lost)} case(s) pass under Linux but not here: " +
                   ", ".join(repr(c) for c in lost[:5]) + (" ..." if len(lost) > 5 else ""))
    if end == "timeout":
        why.append(f"killed at its {LIMIT} s limit")
    elif end == "missing":
        why.append("never finished (the boot ended or timed out first)")
    if stale:
        why.append("known difference no longer differs: remove line " +
                   ", ".join(str(k[4]) for k in stale))
    return ("FAIL", "; ".join(why)) if why else ("PASS", "")


def counts(cases, want):
    """(passed, failed, skipped) of one machine: FAIL lines and the cases
    Linux printed that never ran here count as failed."""
    vs = list(cases.values()) + ["FAIL" for k in want if k not in cases]
    return (vs.count("PASS"), vs.count("FAIL"), vs.count("SKIPPED") + vs.count("UNTESTED"))


def seconds(outdir):
    """The run time cmd_oracle or cmd_boot recorded in OUTDIR, as text."""
    try:
        with open(os.path.join(outdir, "seconds")) as f:
            return f.read().strip() + " s"
    except OSError:
        return "?"


def cmd_report(base, known_path, skip, *machines):
    """PASS/FAIL lines, one per NAME per machine, and a SKIP line per
    excluded NAME, on stdout; the pass counts in BASE/report.txt."""
    import fnmatch
    known = parse_known(known_path)
    oracle = read_results(os.path.join(base, "oracle", "results"))
    for k in known:
        if k[1] not in oracle or not any(fnmatch.fnmatch(m, k[0]) for m in machines):
            sys.exit(f"bbtest: {known_path}:{k[4]}: no machine {k[0]} or no {k[1]} in the subset")
    allwant = {(n, c) for n, (cases, _) in oracle.items() for c in cases}
    table = [("linux (qemu-aarch64 user mode)",
              counts({(n, c): v for n, (cs, _) in oracle.items() for c, v in cs.items()}, set()),
              seconds(os.path.join(base, "oracle")), "expectation")]
    for machine in machines:
        path = os.path.join(base, machine, "results")
        got_all = read_results(path) if os.path.exists(path) else {}
        bad = 0
        for name, want in oracle.items():
            mine = [k for k in known if fnmatch.fnmatch(machine, k[0]) and k[1] == name]
            verdict, why = judge(want, got_all.get(name, ({}, "missing")), mine)
            bad += verdict == "FAIL"
            print(f"{verdict} busybox/{machine}/{name}" + (f": {why}" if why else ""))
        flat = {(n, c): v for n, (cs, _) in got_all.items() for c, v in cs.items()}
        table.append((machine, counts(flat, allwant), seconds(os.path.join(base, machine)),
                      f"{bad} file(s) differ" if bad else "matches"))
    excluded = skipped(skip)
    for name, why in excluded.items():
        print(f"SKIP busybox/{name}: {why}")
    with open(os.path.join(base, "report.txt"), "w") as f:
        f.write(f"busybox testsuite: {len(oracle)} files and applet directories run, "
                f"{len(excluded)} excluded (tests/busybox/skip); cases:\n")
        f.write(f"{'target':32} {'passed':>6} {'failed':>6} {'skipped':>7} {'time':>8}  vs Linux\n")
        for who, (p, fl, s), t, note in table:
            f.write(f"{who:32} {p:6} {fl:6} {s:7} {t:>8}  {note}\n")
        f.write(f"known differences: {len(known)} entries (tests/busybox/known-differences)\n")


if __name__ == "__main__":
    cmds = {"list": (cmd_list, 4), "manifest": (cmd_manifest, 5), "oracle": (cmd_oracle, 6),
            "boot": (cmd_boot, 4), "report": (cmd_report, None)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    fn, nargs = cmds[sys.argv[1]]
    if (nargs is None and len(sys.argv) < 5) or (nargs is not None and len(sys.argv) - 2 != nargs):
        sys.exit(__doc__)
    fn(*sys.argv[2:])
