#!/usr/bin/env bash
# virtio-blk disks under Janux (bin/janux --machine MACHINE --disk), checked
# against the image files on the host: raw reads (whole-disk md5, unaligned
# bytes), capacity, aligned/unaligned/cross-sector writes and a copy on the
# disk, writes past the end refused, a read-only disk refusing writes,
# vda/vdb order, data intact after the machine is killed once sync
# returned, concurrent readers and writers; on QEMU also the capacity
# ioctls (blockdev), a flush error from the device reaching fsync and
# legacy devices refused. MACHINE qemu is QEMU's virtio-blk (the
# reference; Debian's busybox), wasm the host shim's under Node (our
# busybox: no blockdev, no dd conv=). The guest commands are the same on
# both, so a wasm run also compares each run's guest output with the qemu
# run's logs in LOGDIR/../qemu (SKIP when there are none).
#   tests/qemu/virtio-blk.sh MACHINE LOGDIR   (prints PASS/FAIL lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=virtio-blk
machine=${1:?machine (qemu or wasm)}
. "$root/tests/qemu/disk-lib.sh" "${2:-}"
# qemu_only CMD: a newline and CMD on QEMU (Debian's busybox has blockdev), nothing on wasm
qemu_only() { if [ "$machine" = qemu ]; then printf '\n%s' "$1"; fi; }

# ---- reads and capacity: a 4 MiB random image, read-only use ----
img=$work/rand.img
python3 -c 'import random, sys; random.seed(4); sys.stdout.buffer.write(random.randbytes(4194304))' >"$img"
printf '\0\0' | dd of="$img" bs=1 seek=1080 conv=notrunc 2>/dev/null # never ext2's magic
run read --disk "$img" -c 'md5sum /dev/vda | cut -d" " -f1
dd if=/dev/vda bs=1 skip=1000 count=7 2>/dev/null | hexdump -v -e "1/1 \"%02x\""; echo
wc -c </dev/vda
dd if=/dev/vda bs=512 skip=8192 count=1 2>/dev/null | wc -c'"$(qemu_only 'blockdev --getsize64 /dev/vda; blockdev --getss /dev/vda; blockdev --getro /dev/vda')"
mapfile -t out < <(tr -d '\r' <"$work/read.log")
check read-whole-disk-md5 "${out[0]:-}" "$(md5sum <"$img" | cut -d' ' -f1)"
check read-unaligned "${out[1]:-}" "$(bytes "$img" 1000 7)"
check capacity-read-to-the-end "$(echo "${out[2]:-}" | tr -d ' ')" 4194304
check read-at-end-is-eof "$(echo "${out[3]:-}" | tr -d ' ')" 0
if [ "$machine" = qemu ]; then
	check capacity-getsize64 "${out[4]:-}" 4194304
	check capacity-sector-size "${out[5]:-}" 512
	check capacity-not-read-only "${out[6]:-}" 0
fi

# ---- writes: a copy on the disk, partial sectors, past the end ----
cp "$img" "$work/orig.img"
run write --disk "$img" -c 'dd if=/dev/vda of=/dev/vda bs=4096 count=64 seek=512 2>/dev/null && sync; echo "copy $?"
printf janux-unaligned | dd of=/dev/vda bs=1 seek=1000003 2>/dev/null && sync; echo "bytes $?"
printf ABCDEFGHIJKL | dd of=/dev/vda bs=6 seek=174761 2>/dev/null && sync; echo "cross $?"
printf x | dd of=/dev/vda bs=1 seek=4194304 2>&1 | grep -c "No space left"'
check write-status "$(tr -d '\r' <"$work/write.log" | tr '\n' ' ')" "copy 0 bytes 0 cross 0 1 "
if cmp -s <(head -c 262144 "$work/orig.img") <(tail -c +2097153 "$img" | head -c 262144); then
	pass write-copy-on-disk
else fail write-copy-on-disk "image bytes at 2 MiB differ from the first 256 KiB"; fi
check write-unaligned-bytes "$(bytes "$img" 1000003 15)" "$(hexof janux-unaligned)"
check write-cross-sector "$(bytes "$img" 1048566 12)" "$(hexof ABCDEFGHIJKL)"
check write-nothing-else "$(cmp -l "$work/orig.img" "$img" | awk '$1 <= 2097152 || $1 > 2359296' | wc -l)" \
	"$(cmp -l "$work/orig.img" "$img" | awk '($1 > 1000003 && $1 <= 1000018) || ($1 > 1048566 && $1 <= 1048578)' | wc -l)"
check write-size-unchanged "$(stat -c %s "$img")" 4194304

# ---- concurrent requests: four readers and two writers share the queue ----
cp "$work/orig.img" "$work/conc.img"
run concurrent --disk "$work/conc.img" -c 'for i in 0 1 2 3; do
	(dd if=/dev/vda bs=64k skip=$((i * 8)) count=8 2>/dev/null | md5sum | cut -d" " -f1 >/tmp/m$i) &
done
for i in 0 1; do dd if=/dev/vda of=/dev/vda bs=64k count=8 skip=$((i * 8)) seek=$((48 + i * 8)) 2>/dev/null & done
wait; cat /tmp/m0 /tmp/m1 /tmp/m2 /tmp/m3'
want=$(for i in 0 1 2 3; do dd if="$work/orig.img" bs=64k skip=$((i * 8)) count=8 2>/dev/null | md5sum | cut -d' ' -f1; done)
check concurrent-readers "$(tr -d '\r' <"$work/concurrent.log")" "$want"
if cmp -s <(head -c 1048576 "$work/orig.img") <(tail -c +3145729 "$work/conc.img"); then
	pass concurrent-writers
else fail concurrent-writers "the two copies at 3 MiB differ from the first MiB"; fi

# ---- read-only disk ----
cp "$work/orig.img" "$work/ro.img"
run read-only --disk-ro "$work/ro.img" -c 'dd if=/dev/zero of=/dev/vda bs=512 count=1 2>&1 | grep -c "Operation not permitted"'"$(qemu_only 'blockdev --getro /dev/vda')"
check read-only-refusal-and-flag "$(tr -d '\r' <"$work/read-only.log" | tr '\n' ' ')" "1 $([ "$machine" = qemu ] && echo '1 ')"
if cmp -s "$work/orig.img" "$work/ro.img"; then pass read-only-image-unchanged
else fail read-only-image-unchanged "the read-only image was modified"; fi

# ---- two disks: the first --disk is vda ----
printf DISK-A | dd of="$work/a.img" bs=1M seek=0 conv=notrunc 2>/dev/null; truncate -s 1M "$work/a.img"
printf DISK-B | dd of="$work/b.img" bs=1M seek=0 conv=notrunc 2>/dev/null; truncate -s 2M "$work/b.img"
run two-disks --disk "$work/a.img" --disk "$work/b.img" -c 'head -c 6 /dev/vda; head -c 6 /dev/vdb; echo
wc -c </dev/vdb'
check two-disks-order "$(tr -d '\r ' <"$work/two-disks.log" | tr '\n' ' ')" "DISK-ADISK-B 2097152 "

# ---- power cut: kill QEMU once fsync returned; the data is on the image ----
cp "$work/orig.img" "$work/cut.img"
dry 'printf POWERCUT-DATA | dd of=/dev/vda bs=512 seek=3000 2>/dev/null && sync && echo SYNCED-$((6*7)); sleep 100' \
	--disk "$work/cut.img"
if ! power_cut "$work/power-cut.log" SYNCED-42; then fail power-cut-fsync "the guest never reported SYNCED"
else check power-cut-fsync "$(bytes "$work/cut.img" $((3000 * 512)) 13)" "$(hexof POWERCUT-DATA)"; fi


if [ "$machine" != qemu ]; then
	# ---- the same guest output as on QEMU's device (QEMU's runs add blockdev lines) ----
	for name in read write concurrent read-only two-disks; do
		ref=$logdir/../qemu/$suite/$name.log
		if [ ! -f "$ref" ]; then echo "SKIP $machine/$suite/same-as-qemu-$name: no qemu run in $ref"; continue; fi
		case $name in read) n=4 ;; read-only) n=1 ;; *) n=99 ;; esac
		if cmp -s <(tr -d '\r' <"$ref" | head -n $n) <(tr -d '\r' <"$work/$name.log" | head -n $n); then
			pass "same-as-qemu-$name"
		else fail "same-as-qemu-$name" "guest output differs: diff $ref $work/$name.log"; fi
	done
	exit 0
fi

# ---- flush: a device that fails flushes (QEMU blkdebug) fails fsync ----
cat >"$work/blkdebug.conf" <<'EOF'
[inject-error]
event = "flush_to_disk"
errno = "5"
EOF
cp "$work/orig.img" "$work/flush.img"
dry 'printf data | dd of=/dev/vda bs=512 conv=sync,notrunc 2>/dev/null; echo "write $?"
printf data | dd of=/dev/vda bs=512 conv=sync,notrunc,fsync 2>&1 | grep -c "Input/output error"' --disk "$work/flush.img"
qcmd=${qcmd/file=$work\/flush.img/file=blkdebug:$work\/blkdebug.conf:$work\/flush.img}
timeout -k 2 "$limit" bash -c "$qcmd" </dev/null >"$work/flush.log" 2>&1
got=$(tr -d '\r' <"$work/flush.log" | grep -E '^(write [0-9]+|[0-9]+)$' | tr '\n' ' ')
check flush-error-reaches-fsync "$got" "write 0 1 "

# ---- legacy (version 1) virtio-mmio is refused with a clear message ----
dry true --disk "$work/orig.img"
qcmd=${qcmd/-global virtio-mmio.force-legacy=false/}
timeout -k 2 "$limit" bash -c "$qcmd" </dev/null >"$work/legacy.log" 2>&1
if grep -q 'register version 1; only version 2' "$work/legacy.log" && ! grep -q 'vda:' "$work/legacy.log"; then
	pass legacy-refused
else fail legacy-refused "no refusal message in $work/legacy.log"; fi
