#!/usr/bin/env bash
# QEMU tier: ext2 on a virtio-blk disk under Janux, checked with the host's
# e2fsprogs: init mounts an attached ext2 disk on /home; files, a
# directory and a symlink written there, then sync and power off, leave an
# image that `e2fsck -fn` finds clean and `debugfs` reads back; data
# fsync'ed before QEMU is killed is intact; root=/dev/vda boots init from
# the disk.
#   tests/qemu/ext2-disk.sh LOGDIR   (prints PASS/FAIL lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=ext2-disk
. "$root/tests/qemu/disk-lib.sh" "${1:-}"
mkdir -p "$work/src/sub"

# fsck NAME IMG: e2fsck -fn must be clean
fsck() {
	if e2fsck -fn "$2" >"$work/$1-fsck.log" 2>&1; then pass "$1-e2fsck-clean"
	else fail "$1-e2fsck-clean" "e2fsck -fn reported problems (see $work/$1-fsck.log)"; fi
}
# dbg IMG CMD: debugfs output, banner dropped
dbg() { debugfs -R "$2" "$1" 2>/dev/null; }

echo hello-from-the-host >"$work/src/hello.txt"
echo deep >"$work/src/sub/f"
img=$work/home.img
mke2fs -q -F -t ext2 -b 1024 -d "$work/src" "$img" 16M >/dev/null

# ---- /home, writes, sync, power off ----
run write --disk "$img" -c 'grep " /home " /proc/mounts | cut -d" " -f1-3
cat /home/hello.txt /home/sub/f
dd if=/dev/urandom of=/home/big.bin bs=1024 count=300 2>/dev/null
md5sum /home/big.bin | cut -d" " -f1
mkdir /home/newdir && echo inside >/home/newdir/note && ln -s newdir/note /home/link
rm /home/sub/f && echo "sync $(sync; echo $?)"'
mapfile -t out <"$work/write.log"
check home-mounted "${out[0]:-}" "/dev/vda /home ext2"
check home-reads-host-files "${out[1]:-} ${out[2]:-}" "hello-from-the-host deep"
check write-sync-status "${out[4]:-}" "sync 0"
fsck write "$img"
check write-debugfs-big "$(dbg "$img" 'cat /big.bin' | md5sum | cut -d' ' -f1)" "${out[3]:-none}"
check write-debugfs-note "$(dbg "$img" 'cat /newdir/note')" inside
check write-debugfs-symlink "$(dbg "$img" 'stat /link' | grep -o 'Fast link dest: "[^"]*"')" 'Fast link dest: "newdir/note"'
check write-debugfs-unlinked "$(dbg "$img" 'ls -l /sub' | grep -c ' f *$')" 0

# ---- power cut after fsync ----
mke2fs -q -F -t ext2 -d "$work/src" "$work/cut.img" 16M >/dev/null
dry 'dd if=/dev/urandom of=/home/cut.bin bs=1024 count=64 conv=fsync 2>/dev/null && sync /home &&
echo "md5 $(md5sum /home/cut.bin | cut -d" " -f1)" && echo SYNCED-$((6*7)); sleep 100' --disk "$work/cut.img"
if ! power_cut "$work/power-cut.log" SYNCED-42; then fail power-cut-fsync "the guest never reported SYNCED"
else check power-cut-fsync "$(dbg "$work/cut.img" 'cat /cut.bin' | md5sum | cut -d' ' -f1)" \
	"$(tr -d '\r' <"$work/power-cut.log" | sed -n 's/^md5 //p')"; fi

# ---- root=/dev/vda: init from the disk ----
mkdir -p "$work/rootsrc/bin" "$work/rootsrc/sbin" "$work/rootsrc/dev" "$work/rootsrc/proc" "$work/rootsrc/etc"
"$root/bin/janux-qemu" --dry-run -c true >/dev/null # fetches busybox-static:arm64 if needed
cp "$root/build/peers/busybox-arm64/bin/busybox" "$work/rootsrc/bin/"
cat >"$work/rootsrc/sbin/init-test" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
echo "@@sbin: $(/bin/busybox ls /sbin)"
echo from-root-boot >/etc/written
/bin/busybox sync
/bin/busybox poweroff -f
INIT
chmod +x "$work/rootsrc/sbin/init-test"
mke2fs -q -F -t ext2 -d "$work/rootsrc" "$work/root.img" 16M >/dev/null
timeout -k 2 "$limit" "$root/bin/janux-qemu" --no-initrd --disk "$work/root.img" \
	--cmdline 'root=/dev/vda init=/sbin/init-test' </dev/null >"$work/root.log" 2>&1
check root-boot-runs-disk-init "$(tr -d '\r' <"$work/root.log" | grep '^@@sbin')" "@@sbin: init-test"
check root-boot-writes "$(dbg "$work/root.img" 'cat /etc/written')" from-root-boot
fsck root-boot "$work/root.img"
