#!/bin/sh
# The page's empty home disk (docs/web.md, "The disk"): an ext2 image of
# SIZE (4 KiB blocks, no root reserve, label janux-home) holding
# lost+found and the directory `user` (0755, uid/gid 1000: /home/user once
# init mounts the disk on /home), written gzip'd to OUT. Made with
# mke2fs and debugfs, so no root privilege is needed for the owner.
#   userland/home-image.sh OUT.gz SIZE
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
gzip -9n <"$tmp/home.img" >"$out.tmp" && mv "$out.tmp" "$out"
