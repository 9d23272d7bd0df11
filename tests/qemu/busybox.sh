#!/usr/bin/env bash
# QEMU tier, user mode: Debian's unmodified busybox-static:arm64 as pid 1's
# shell on Janux. Builds a test initramfs (busybox + an init script that
# runs the checks and powers off), boots it under a timeout and compares
# each command's output with what Linux prints.
#   tests/qemu/busybox.sh LOGDIR      (prints PASS/FAIL/SKIP lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir=${1:-$root/build/test/qemu}
limit=${QEMU_TEST_TIMEOUT:-30}
peer=$root/build/peers/busybox-arm64
dir=$root/build/aarch64/test-initramfs
mkdir -p "$logdir"
if [ ! -x "$peer/bin/busybox" ] && ! "$root/mk/fetch-deb.sh" busybox-static:arm64 "$peer" >/dev/null 2>&1; then
	echo "SKIP qemu/busybox: busybox-static:arm64 could not be fetched"
	exit 0
fi
rm -rf "$dir" && mkdir -p "$dir/bin"
cp "$peer/bin/busybox" "$dir/bin/busybox"
# Each check prints "@@name:" then its output; the host compares.
cat > "$dir/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
echo "@@echo:"; echo hello janux
echo "@@pipeline:"; echo a b c | tr a-z A-Z | wc -w
echo "@@ls-root:"; ls -l / | grep -c ' bin'
echo "@@sh-c-status:"; sh -c 'exit 3'; echo $?
echo "@@fork-exec-wait:"; for i in 1 2 3; do sh -c "echo child \$\$ >/dev/null; exit $i"; echo -n "$? "; done; echo
echo "@@fifo:"; mkfifo /fifo; (echo through the fifo > /fifo &); cat /fifo
sleep 30 &
echo "@@ps:"; ps | grep -c '[s]leep 30'
echo "@@proc-status:"; grep -E '^(Name|State):' /proc/self/status | tr '\t' ' '
echo "@@kill:"; kill $!; wait $!; echo "status $?"
echo "@@dev-zero:"; dd if=/dev/zero bs=1M count=1 2>/dev/null | wc -c
echo "@@dev-urandom:"; dd if=/dev/urandom bs=200000 count=1 2>/dev/null | wc -c
echo "@@meminfo:"; grep MemTotal /proc/meminfo | tr -s ' '; free | awk '/^Mem:/ { print $2 }'
echo "@@date-set:"; date -s "2030-01-02 03:04:05" >/dev/null; date +%Y-%m-%d
echo "@@end:"
poweroff -f
INIT
chmod +x "$dir/init"
(cd "$dir" && find . | cpio -o -H newc 2>/dev/null) > "$dir.cpio"
log=$logdir/busybox.log
timeout -k 2 "$limit" "$root/bin/janux-qemu" --initrd "$dir.cpio" --cmdline 'init=/init quiet' \
	</dev/null 2>&1 | tr -d '\r' > "$log"
rc=${PIPESTATUS[0]}
suite=qemu/busybox
. "$root/tests/qemu/sections.sh"
check echo "hello janux"
check pipeline "3"
check ls-root "1"
check sh-c-status "3"
check fork-exec-wait "1 2 3 "
check fifo "through the fifo"
check ps "1"
check proc-status "Name: grep
State: R (running)"
check kill "status 143"
check dev-zero "1048576"
check dev-urandom "200000"
check meminfo "MemTotal: 262144 kB
262144"
check date-set "2030-01-02"
poweroff_check "$rc"
