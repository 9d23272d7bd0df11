#!/usr/bin/env python3
"""Filter for bin/janux-qemu -c: from the serial console (stdin) streams
the text between the lines "@@TAG:start" and "@@TAG:exit:N" (CRs dropped)
to stdout and writes N to STATUS_FILE, then reads on until QEMU exits. If the command never started, the
console log goes to stderr instead, to show why.
  command-output.py TAG STATUS_FILE
"""
import sys


def main(tag, status_path):
    start, stop = f"@@{tag}:start".encode(), f"@@{tag}:exit:".encode()
    out, boot_log, running, done = sys.stdout.buffer, [], False, False
    for raw in iter(sys.stdin.buffer.readline, b""):
        line = raw.replace(b"\r", b"")
        if done:  # drain until QEMU exits after the power-off
            continue
        if not running:
            if line.rstrip(b"\n") == start:
                running = True
            else:
                boot_log.append(line)
            continue
        i = line.find(stop)
        if i < 0:
            out.write(line)
            out.flush()
            continue
        # The command's last line may lack its newline: keep what precedes.
        out.write(line[:i])
        out.flush()
        with open(status_path, "w") as f:
            f.write(line[i + len(stop):].decode(errors="replace").strip() + "\n")
        done = True
    if not running:
        sys.stderr.buffer.write(b"".join(boot_log))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
