#!/usr/bin/env python3
"""Write a reproducible newc (SVR4, "070701") cpio archive from a manifest.

Usage: mkcpio.py MANIFEST OUT.cpio

The manifest has one entry per line (blank lines and '#' comments ignored),
in the style of Linux's gen_init_cpio lists:

    dir   PATH MODE UID GID
    file  PATH SOURCE MODE UID GID
    slink PATH TARGET MODE UID GID
    nod   PATH MODE UID GID c|b MAJOR MINOR

MODE is octal permission bits (e.g. 0755, 04755). Paths are absolute.
The archive is deterministic: entries sorted by path, inode numbers given in
that order from 1, every mtime SOURCE_DATE_EPOCH (0 when unset), nlink 1
(2 for directories), owners only as the manifest says. Any bad line, a
duplicate path, a missing parent directory or an unreadable source stops
with a message naming the line, and no archive is left behind.
"""
import os
import stat
import sys

FIELDS = {"dir": 5, "file": 6, "slink": 6, "nod": 8}
TYPE_BITS = {"dir": stat.S_IFDIR, "file": stat.S_IFREG, "slink": stat.S_IFLNK}


class ManifestError(Exception):
    pass


def parse_entry(words, where):
    """Return a dict describing one manifest line; raise ManifestError."""
    kind = words[0]
    if kind not in FIELDS:
        raise ManifestError(f"{where}: unknown entry type '{kind}'")
    if len(words) != FIELDS[kind]:
        raise ManifestError(f"{where}: '{kind}' takes {FIELDS[kind] - 1} fields")
    path = words[1]
    if not path.startswith("/") or path == "/" or "//" in path or path.endswith("/") \
            or any(p in (".", "..") for p in path.split("/")[1:]):
        raise ManifestError(f"{where}: bad path '{path}' (absolute, normalised)")
    rest = words[2:]
    entry = {"path": path.lstrip("/"), "kind": kind, "data": b"", "rdev": (0, 0)}
    if kind in ("file", "slink"):
        entry["arg"], rest = rest[0], rest[1:]
    try:
        perm, uid, gid = int(rest[0], 8), int(rest[1]), int(rest[2])
    except ValueError:
        raise ManifestError(f"{where}: mode must be octal, uid and gid decimal")
    if perm > 0o7777 or uid < 0 or gid < 0:
        raise ManifestError(f"{where}: mode, uid or gid out of range")
    if kind == "nod":
        if rest[3] not in ("c", "b"):
            raise ManifestError(f"{where}: device type must be c or b")
        try:
            entry["rdev"] = (int(rest[4]), int(rest[5]))
        except ValueError:
            raise ManifestError(f"{where}: device numbers must be decimal")
        type_bits = stat.S_IFCHR if rest[3] == "c" else stat.S_IFBLK
    else:
        type_bits = TYPE_BITS[kind]
    entry.update(mode=type_bits | perm, uid=uid, gid=gid)
    return entry


def load_data(entry, where):
    """Fill entry['data'] from the source file or the link target."""
    if entry["kind"] == "slink":
        entry["data"] = entry["arg"].encode()
    elif entry["kind"] == "file":
        try:
            with open(entry["arg"], "rb") as f:
                entry["data"] = f.read()
        except OSError as e:
            raise ManifestError(f"{where}: cannot read {entry['arg']}: {e.strerror}")


def read_manifest(name):
    """Return the manifest's entries sorted by path, checked for consistency."""
    entries = {}
    with open(name) as f:
        for lineno, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            where = f"{name}:{lineno}"
            entry = parse_entry(words, where)
            if entry["path"] in entries:
                raise ManifestError(f"{where}: duplicate path /{entry['path']}")
            load_data(entry, where)
            entries[entry["path"]] = entry
    for path, entry in entries.items():
        parent = os.path.dirname(path)
        if parent and entries.get(parent, {}).get("kind") != "dir":
            raise ManifestError(f"{name}: /{path}: parent /{parent} is not a dir entry")
    return [entries[p] for p in sorted(entries, key=lambda p: p.encode())]


def header(ino, mode, uid, gid, nlink, mtime, size, rdev, namesize):
    """One newc header: magic and 13 eight-digit hex fields."""
    fields = (ino, mode, uid, gid, nlink, mtime, size, 0, 0, rdev[0], rdev[1], namesize, 0)
    return b"070701" + b"".join(b"%08X" % v for v in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def record(ino, entry, mtime):
    """Header, NUL-terminated name and data, each padded to 4 bytes."""
    name = entry["path"].encode() + b"\0"
    data = entry["data"]
    nlink = 2 if entry["kind"] == "dir" else 1
    head = header(ino, entry["mode"], entry["uid"], entry["gid"], nlink, mtime,
                  len(data), entry["rdev"], len(name))
    return head + name + pad4(len(head) + len(name)) + data + pad4(len(data))


def write_archive(entries, out, mtime):
    trailer = {"path": "TRAILER!!!", "kind": "trailer", "data": b"", "mode": 0,
               "uid": 0, "gid": 0, "rdev": (0, 0)}
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        for ino, entry in enumerate(entries, 1):
            f.write(record(ino, entry, mtime))
        f.write(record(0, trailer, 0))
    os.replace(tmp, out)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: mkcpio.py MANIFEST OUT.cpio")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    if not epoch.isdigit() or int(epoch) >= 1 << 32:
        sys.exit(f"mkcpio: SOURCE_DATE_EPOCH must be a 32-bit count of seconds, not '{epoch}'")
    try:
        entries = read_manifest(argv[1])
    except ManifestError as e:
        sys.exit(f"mkcpio: {e}")
    except OSError as e:
        sys.exit(f"mkcpio: cannot read {e.filename}: {e.strerror}")
    write_archive(entries, argv[2], int(epoch))


if __name__ == "__main__":
    main(sys.argv)
