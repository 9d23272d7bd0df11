#!/bin/sh
# The 9P share test, run in the guest on a mounted share: every operation
# through the shell and busybox, then escape attempts. Prints "ok NAME" or
# "not ok NAME: detail" lines and "md5 NAME SUM" lines for the host to
# compare. Runs on both machines (tests/p9/9p-share.sh). Usage:
# sh 9p-guest.sh SHARE   (SHARE holds bin/p9sys and the host-made symlinks
# abs, rel, chain, dlink, dchain pointing outside it)
S=${1:?share mount point}
W=$S/work
ok() { echo "ok $1"; }
no() { echo "not ok $1: $2"; }
is() { if [ "$2" = "$3" ]; then ok "$1"; else no "$1" "got '$2', want '$3'"; fi; }

rm -rf "$W"; mkdir "$W" || no mkdir "cannot mkdir $W"
is mounted "$(grep " $S 9p " /proc/mounts | cut -d' ' -f1)" host
is statfs-type "$(stat -f -c %t "$S")" 1021997

# Files: big write/read, append, truncate, O_EXCL, holes.
dd if=/dev/urandom of=/tmp/big bs=1024 count=700 2>/dev/null
cp /tmp/big "$W/big" && cmp /tmp/big "$W/big" && ok big-write-read || no big-write-read "cmp failed"
echo "md5 big $(md5sum < "$W/big" | cut -d' ' -f1)"
echo one > "$W/f"; echo two >> "$W/f"
is append "$(cat "$W/f" | tr '\n' ,)" "one,two,"
truncate -s 2 "$W/f" 2>/dev/null || : > "$W/f"
is truncate "$(stat -c %s "$W/f")" 2
dd if=/dev/zero of="$W/hole" bs=1 count=1 seek=99999 2>/dev/null
is sparse-size "$(stat -c %s "$W/hole")" 100000
(set -C; echo x > "$W/f") 2>/dev/null && no noclobber "overwrote" || ok noclobber-excl

# Directories: many entries (several Treaddir replies), rename, rmdir.
mkdir "$W/d"
i=0; while [ $i -lt 300 ]; do : > "$W/d/entry-with-a-longish-name-$i"; i=$((i + 1)); done
is readdir-300 "$(ls "$W/d" | wc -l)" 300
is readdir-dots "$(ls -a "$W/d" | grep -c '^\.\.\?$')" 2
mv "$W/d" "$W/e" && [ -f "$W/e/entry-with-a-longish-name-299" ] && ok rename-dir || no rename-dir "moved dir not found"
(cd "$W/e" && is getcwd "$(pwd -P)" "$W/e")
rm -r "$W/e" && [ ! -e "$W/e" ] && ok rmdir-recursive || no rmdir-recursive "still there"
mkdir "$W/ne"; : > "$W/ne/x"
rmdir "$W/ne" 2>/dev/null && no rmdir-notempty "removed" || ok rmdir-notempty

# Links, symlinks, attributes.
echo data > "$W/a"; ln "$W/a" "$W/b"
is hardlink-count "$(stat -c %h "$W/a")" 2
ln -s a "$W/s"
is readlink "$(readlink "$W/s")" a
is follow "$(cat "$W/s")" data
chmod 640 "$W/a"
is chmod "$(stat -c %a "$W/b")" 640
touch -d '2001-09-09 01:46:40' "$W/a" 2>/dev/null
is utimes "$(stat -c %Y "$W/a")" 1000000000
rm "$W/b"
is unlink-count "$(stat -c %h "$W/a")" 1
is fsync "$("$S/bin/p9sys" fsync "$W/sync" < /tmp/big)" ok
cmp -s /tmp/big "$W/sync" && ok fsync-data || no fsync-data "the fsync'ed copy differs"

# Escapes: every symlink the host planted resolves in the guest's own
# namespace, and nothing reaches the host directory beside the share.
leaks() { case $(cat "$1" 2>&1) in *SECRET*) no "$2" "read the host file" ;; *) ok "$2" ;; esac; }
refused() { if (eval "$2") 2>/dev/null; then no "$1" "it worked"; else ok "$1"; fi; }
for l in abs rel chain; do leaks "$S/$l" "escape-$l"; done
ls "$S/dlink/" 2>/dev/null | grep -q secret && no escape-dlink "listed outside" || ok escape-dlink
ls "$S/dchain/" 2>/dev/null | grep -q secret && no escape-dir-chain "listed outside" || ok escape-dir-chain
refused write-through-dlink 'echo pwn > "$S/dlink/secret"'
refused write-through-rel 'echo pwn > "$S/rel"'
refused write-through-abs 'echo pwn > "$S/abs"'
refused mkdir-through-dchain 'mkdir "$S/dchain/new"'
cat "$S/../outside/secret" 2>/dev/null | grep -q SECRET && no escape-dotdot "read via .." || ok escape-dotdot
is dotdot-is-guest "$(cd "$S/.." && pwd -P)" "$(dirname "$S")"
ln -s ../../outside "$W/up"; ln -s /etc "$W/etc"; ln -s ../chain "$W/c2"
ls "$W/up/" 2>/dev/null | grep -q secret && no escape-new-symlink "listed outside" || ok escape-new-symlink
refused write-through-new-symlink 'echo pwn > "$W/up/planted"'
leaks "$W/c2" escape-guest-chain
ln "$S/abs" "$W/hl" 2>/dev/null # a hard link to the link itself, or nothing
leaks "$W/hl" escape-hardlink-to-symlink
is symlink-to-guest-etc "$(ls "$W/etc/" | grep -c '^passwd$\|^init.d$')" "$(ls /etc/ | grep -c '^passwd$\|^init.d$')"
echo keep > "$W/keep"
is rename-out-exdev "$("$S/bin/p9sys" rename "$W/keep" /tmp/keep)" EXDEV
is rename-dotdot-name "$("$S/bin/p9sys" rename "$W/keep" "$S/../keep")" EXDEV
is rename-into-dlink "$("$S/bin/p9sys" rename "$W/keep" "$S/dlink/keep")" ENOENT
is rename-kept "$(cat "$W/keep")" keep
echo "done"
