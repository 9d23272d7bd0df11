"""The comparison half of tests/parity/parity.py: each target's results
against the expectations, the known-differences file applied, a results
line per (target, test) on stdout and report.txt / report.html in the
arch's build directory.

  parity.py report DIR KNOWN TARGET...
DIR holds list, oracle-user/, linux-aarch64/ and one directory per target.
The expectation of a test is its oracle's result: oracle-user/ (the aarch64
binary under qemu-aarch64) for "user" tests, linux-aarch64/ (Debian's arm64
Linux booted in QEMU) for "linux" tests. The same expectations hold for
every target, whatever its arch; the linux-aarch64 target is compared on
the "user" tests only (a check that the user-mode oracle agrees with a
booted Linux).
"""
import difflib
import fnmatch
import html
import os
import shlex

ORACLE_BOOT = "linux-aarch64"
TITLES = {"janux-aarch64": "Janux aarch64 (QEMU)", "linux-aarch64": "Linux arm64 (QEMU, Debian)",
          "janux-wasm32-node": "Janux wasm32 (Node)",
          "janux-wasm32-chromium": "Janux wasm32 (Chromium)"}


def parse_known(path):
    """[(target glob, test, line prefix or '*', reason, line number)] from KNOWN."""
    out = []
    with open(path) as f:
        for no, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, sep, reason = line.partition(" -- ")
            words = shlex.split(head)
            if not sep or len(words) != 3 or not reason.strip():
                raise SystemExit(f"{path}:{no}: want TARGET TEST LINE -- REASON")
            out.append((words[0], words[1], words[2], reason.strip(), no))
    return out


def read(path):
    """The text of PATH (bad bytes replaced), or None when it does not exist."""
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="replace")
    except FileNotFoundError:
        return None


def without(text, prefixes):
    """The lines of TEXT that start with none of PREFIXES."""
    return [l for l in text.splitlines() if not any(l.startswith(p) for p in prefixes)]


def judge(want, got, known):
    """(verdict, detail) for one target's result against its expectation.

    verdict: PASS, FAIL or SKIP; known: the entries for this target and test."""
    whole = [k for k in known if k[2] == "*"]
    prefixes = [k[2] for k in known if k[2] != "*"]
    if want is None:
        return "FAIL", "no expectation (the oracle gave no result)"
    if got is not None and got == want:
        if known:
            return "FAIL", f"matches Linux now: remove known-differences line {known[0][4]}"
        return "PASS", ""
    if whole:
        return "SKIP", f"known difference: {whole[0][3]}"
    if got is None:
        return "FAIL", "no result (the test did not finish; see console.log)"
    if without(want, prefixes) != without(got, prefixes):
        return "FAIL", "output differs from Linux"
    stale = [k for k in known if [l for l in want.splitlines() if l.startswith(k[2])] ==
             [l for l in got.splitlines() if l.startswith(k[2])]]
    if stale:
        return "FAIL", f"matches Linux now: remove known-differences line {stale[0][4]}"
    return "PASS", "differs only in known lines: " + "; ".join(k[3] for k in known)


def diff(want, got):
    """A unified diff from the expectation to the result ("" when equal)."""
    return "".join(difflib.unified_diff((want or "").splitlines(True), (got or "").splitlines(True),
                                        "linux", "target", n=2))


def evaluate(base, known, targets):
    """[(target, test, verdict, detail, diff, how)] for every target and test."""
    with open(os.path.join(base, "list")) as f:
        tests = [line.split() for line in f if line.strip()]
    rows = []
    for target in targets:
        for name, _, oracle in tests:
            if oracle == "linux" and target == ORACLE_BOOT:
                continue
            odir = "oracle-user" if oracle == "user" else ORACLE_BOOT
            want = read(os.path.join(base, odir, name + ".out"))
            got = read(os.path.join(base, target, name + ".out"))
            how = (read(os.path.join(base, odir, name + ".how")) or "").strip()
            mine = [k for k in known if fnmatch.fnmatch(target, k[0]) and k[1] == name]
            verdict, detail = judge(want, got, mine)
            rows.append((target, name, verdict, detail, diff(want, got) if want != got else "", how))
    return rows


def counts(rows, target):
    """"N PASS, N FAIL, N SKIP" of one target's rows."""
    verdicts = [r[2] for r in rows if r[0] == target]
    return ", ".join(f"{verdicts.count(v)} {v}" for v in ("PASS", "FAIL", "SKIP"))


def write_text(path, rows):
    """The text report: a verdict per target and test, its origin, the diff."""
    with open(path, "w") as f:
        for target in dict.fromkeys(r[0] for r in rows):
            f.write(f"{target}: {counts(rows, target)}\n")
        f.write("\n")
        for target, name, verdict, detail, d, how in rows:
            f.write(f"{verdict} {target} {name}{': ' + detail if detail else ''}\n"
                    f"  expectation: {how}\n")
            if d and verdict != "PASS":
                f.write("".join("  " + l for l in d.splitlines(True)))
            f.write("\n")


def write_html(path, rows, targets):
    """The HTML report: a test x target table, diffs folded under each cell."""
    tests = sorted({r[1] for r in rows})
    cell = {(r[0], r[1]): r for r in rows}
    colors = {"PASS": "#cfc", "FAIL": "#fcc", "SKIP": "#ffc"}
    head = "".join(f"<th>{html.escape(TITLES.get(t, t))}<br><small>{counts(rows, t)}</small></th>"
                   for t in targets)
    body = []
    for name in tests:
        tds = []
        for t in targets:
            r = cell.get((t, name))
            if r is None:
                tds.append('<td style="color:#888">oracle</td>')
                continue
            extra = f"<br><small>{html.escape(r[3])}</small>" if r[3] else ""
            if r[4] and r[2] != "PASS":
                extra += f"<details><summary>diff</summary><pre>{html.escape(r[4])}</pre></details>"
            tds.append(f'<td style="background:{colors[r[2]]}">{r[2]}{extra}</td>')
        how = next((r[5] for r in rows if r[1] == name), "")
        body.append(f"<tr><th>{name}</th>{''.join(tds)}<td><small>{html.escape(how)}</small></td></tr>")
    with open(path, "w") as f:
        f.write("<!doctype html><meta charset=utf-8><title>Janux parity</title>"
                "<style>td,th{border:1px solid #aaa;padding:4px;vertical-align:top}"
                "table{border-collapse:collapse}pre{font-size:11px}</style>"
                f"<h1>Janux parity with Linux</h1><table><tr><th>test</th>{head}"
                f"<th>expectation made by</th></tr>{''.join(body)}</table>\n")


def main(base, known_path, *targets):
    """Compare, print the results lines, write report.txt and report.html."""
    rows = evaluate(base, parse_known(known_path), targets)
    for target, name, verdict, detail, _, _ in rows:
        sep = ": " if verdict != "PASS" else " " if detail else ""
        print(f"{verdict} parity/{target}/{name}{sep}{'(' + detail + ')' if verdict == 'PASS' and detail else detail}")
    write_text(os.path.join(base, "report.txt"), rows)
    write_html(os.path.join(base, "report.html"), rows, targets)
