#!/usr/bin/env python3
"""Write a newc cpio: the entries of an optional base archive (plain or
gzip, its trailers dropped; several archives one after another, as the
kernel accepts, are all kept) followed by new entries, then one trailer.
Used by bin/janux-qemu and bin/janux to add their init script and -c
command to any initramfs.

  initrd-add.py OUT [--base ARCHIVE] ENTRY...
  ENTRY: NAME=HOSTFILE (regular file; mode from the host file, e.g. 0755)
         NAME/      (directory, 0755)
"""
import gzip
import os
import sys

MAGIC = b"070701"
HDR = 110


def pad4(n):
    return (4 - n % 4) % 4


def base_entries(data):
    """The raw bytes of every entry of DATA, one newc archive or several
    one after another (NUL padding between them), without their trailers."""
    pos, out = 0, bytearray()
    while True:
        while pos < len(data) and data[pos] == 0:
            pos += 1
        if pos == len(data):
            return bytes(out)
        pos = one_archive(data, pos, out)


def one_archive(data, pos, out):
    """Append the entries of the archive at DATA[POS:] to OUT; return where
    its trailer ends."""
    while True:
        if len(data) - pos < HDR or data[pos:pos + 6] not in (MAGIC, b"070702"):
            raise ValueError(f"not a newc archive at byte {pos}")
        fields = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        size, namesize = fields[6], fields[11]
        name_end = pos + HDR + namesize
        name = data[pos + HDR:name_end - 1]
        end = name_end + pad4(HDR + namesize) + size
        end += pad4(end)
        if end > len(data) + 3:
            raise ValueError(f"entry '{name.decode(errors='replace')}' runs past the end")
        if name == b"TRAILER!!!":
            return min(end, len(data))
        out += data[pos:end]
        pos = end


def entry(name, mode, body, ino):
    """One newc entry (uid/gid 0, mtime 0, one link)."""
    bname = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0, len(bname), 0]
    hdr = MAGIC + b"".join(b"%08X" % f for f in fields)
    return hdr + bname + b"\0" * pad4(HDR + len(bname)) + body + b"\0" * pad4(len(body))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out_path, args = argv[1], argv[2:]
    out = bytearray()
    if args[:1] == ["--base"]:
        with open(args[1], "rb") as f:
            data = f.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        out += base_entries(data)
        args = args[2:]
    for ino, arg in enumerate(args, start=0x7a000000):
        if arg.endswith("/"):
            out += entry(arg.rstrip("/"), 0o040755, b"", ino)
            continue
        name, sep, host = arg.partition("=")
        if not sep or not name:
            sys.exit(f"initrd-add: bad entry '{arg}' (NAME=HOSTFILE or NAME/)")
        with open(host, "rb") as f:
            body = f.read()
        out += entry(name, 0o100000 | (os.stat(host).st_mode & 0o7777), body, ino)
    out += entry("TRAILER!!!", 0, b"", 0)
    out += b"\0" * pad4(len(out))
    with open(out_path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except (OSError, ValueError) as e:
        sys.exit(f"initrd-add: {e}")
