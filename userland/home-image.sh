#!/bin/sh
# The page's empty home disk (docs/web.md, "The disk"): an ext2 image of
# SIZE (4 KiB blocks, no root reserve, label janux-home) holding
# lost+found and the directory `user` (0755, uid/gid 1000: /home/user once
# init mounts the disk on /home), written to OUT as its non-zero 64 KiB
# blocks (below), gzip'd. Made with
# mke2fs and debugfs, so no root privilege is needed for the owner.
#   userland/home-image.sh OUT.sparse.gz SIZE
set -eu
[ $# -eq 2 ] || { echo "usage: $0 OUT.gz SIZE" >&2; exit 2; }
out=$1 size=$2
PATH=$PATH:/sbin:/usr/sbin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/empty"
mke2fs -q -F -t ext2 -b 4096 -m 0 -L janux-home -E root_owner=0:0 -d "$tmp/empty" "$tmp/home.img" "$size" >/dev/null
debugfs -w -f - "$tmp/home.img" >/dev/null 2>"$tmp/debugfs.log" <<'CMDS'
mkdir user
sif user uid 1000
sif user gid 1000
CMDS
e2fsck -fn "$tmp/home.img" >"$tmp/e2fsck.log" 2>&1 || { cat "$tmp/e2fsck.log" "$tmp/debugfs.log" >&2; exit 1; }
# Sparse: "JXSPARSE", the size (u64), then offset (u64), length (u32) and
# bytes of each 64 KiB block that is not all zeros (disk-store.js reads it).
python3 - "$tmp/home.img" "$tmp/home.sparse" <<'PY'
import struct, sys
BLOCK = 65536
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "wb") as out:
    out.write(b"JXSPARSE" + struct.pack("<Q", len(data)))
    for off in range(0, len(data), BLOCK):
        chunk = data[off:off + BLOCK]
        if chunk.count(0) != len(chunk):
            out.write(struct.pack("<QI", off, len(chunk)) + chunk)
PY
gzip -9n <"$tmp/home.sparse" >"$out.tmp" && mv "$out.tmp" "$out"
