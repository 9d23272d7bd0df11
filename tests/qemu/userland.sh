#!/usr/bin/env bash
# QEMU tier, our userland on Janux aarch64: boots build/images/initramfs-
# aarch64.cpio (our musl busybox) and
#  - runs tests/userland/smoke.sh, whose output must equal what Debian's
#    busybox prints running it under qemu-aarch64 user mode (the Linux
#    oracle of the userland tier, run again here);
#  - checks the process tools over /proc: ps, pgrep, pidof, top, killall,
#    kill by name, /proc/self/status and /proc/<pid>/cmdline.
#   tests/qemu/userland.sh LOGDIR      (prints PASS/FAIL/SKIP lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir=${1:-$root/build/test/qemu}
limit=${QEMU_TEST_TIMEOUT:-90}
image=$root/build/images/initramfs-aarch64.cpio
links=$root/build/userland/busybox-aarch64/busybox.links
oracle=$root/build/peers/busybox-arm64/bin/busybox
work=$logdir/userland
mkdir -p "$work"
if [ ! -s "$image" ] || [ ! -s "$links" ]; then
	echo "SKIP qemu/userland: no userland image (make userland)"
	exit 0
fi

# The checks, run by our busybox sh on Janux. Each prints "@@name:" then
# its output; the host compares.
cat > "$work/checks.sh" <<'CHECKS'
cd /tmp
# Wait (at most 10 s) until the background child $1 has exec'd sleep: until
# then it is a forked sh, and ps or pgrep rightly do not list it as sleep.
execd() { i=0; while [ $i -lt 200 ] && ! grep -q '^sleep' /proc/$1/cmdline 2>/dev/null; do sleep 0.05; i=$((i+1)); done; }
env -i PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root LC_ALL=C sh /smoke.sh > /tmp/smoke.out 2>&1
s=$?
echo "@@smoke:"; cat /tmp/smoke.out; echo "exit $s"
sleep 30 &
sleeper=$!
execd $sleeper
echo "@@ps:"; ps | grep -c '[s]leep 30'
echo "@@ps-columns:"; ps | head -n 1 | tr -s ' ' | sed 's/^ //'
echo "@@pgrep:"; [ "$(pgrep -x sleep)" = "$sleeper" ] && echo found
echo "@@pidof:"; [ "$(pidof sleep)" = "$sleeper" ] && echo found
echo "@@cmdline:"; tr '\0' ' ' < /proc/$sleeper/cmdline; echo
echo "@@status:"; grep -E '^(Name|State|PPid):' /proc/self/status | tr '\t' ' ' | sed "s/ $$\$/ SHELL/"
awk '/^Tgid:/{t=$2} /^Pid:/{p=$2} /^VmRSS:/{r=$2} END{print (t==p && t>1 && r>0) ? "ids and rss" : "bad"}' /proc/self/status
echo "@@self:"; [ "$(readlink /proc/self/exe)" = /bin/busybox ] && echo exe
echo "@@top:"; top -b -n 1 | grep -c '[s]leep 30'
echo "@@killall:"; killall sleep; wait $sleeper; echo "status $?"
sleep 30 &
execd $!
echo "@@kill-by-name:"; kill $(pgrep sleep); wait $!; echo "status $?"
echo "@@end:"
CHECKS

initrd=$work/initrd.cpio
"$root/arch/aarch64/tools/initrd-add.py" "$initrd" --base "$image" \
	smoke.sh="$root/tests/userland/smoke.sh" checks.sh="$work/checks.sh" || {
	echo "FAIL qemu/userland: could not build the initrd"
	exit 0
}
log=$logdir/userland.log
timeout -k 2 "$limit" "$root/bin/janux-qemu" --initrd "$initrd" -c 'sh /checks.sh' \
	</dev/null 2>&1 | tr -d '\r' > "$log"
rc=${PIPESTATUS[0]}

suite=qemu/userland
. "$root/tests/qemu/sections.sh"

# The Linux oracle: Debian's busybox runs the same script under qemu-aarch64.
if [ ! -x "$oracle" ] && ! "$root/mk/fetch-deb.sh" busybox-static:arm64 "${oracle%/bin/busybox}" >/dev/null 2>&1; then
	echo "SKIP qemu/userland/smoke-vs-linux: busybox-static:arm64 could not be fetched"
elif ! command -v qemu-aarch64 >/dev/null; then
	echo "SKIP qemu/userland/smoke-vs-linux: no qemu-aarch64 (make deps)"
else
	"$root/tests/userland/run-smoke.sh" "$oracle" "$links" "$work/oracle" > "$work/linux.out"
	section smoke > "$work/janux.out"
	if ! tail -n 2 "$work/linux.out" | tr '\n' ' ' | grep -qx 'smoke: end exit 0 '; then
		echo "FAIL qemu/userland/smoke-vs-linux: the oracle did not finish (see $work/linux.out)"
	elif diff -u "$work/linux.out" "$work/janux.out" > "$work/smoke.diff"; then
		echo "PASS qemu/userland/smoke-vs-linux"
	else
		echo "FAIL qemu/userland/smoke-vs-linux: output differs from Linux (see $work/smoke.diff)"
	fi
fi
check ps "1"
check ps-columns "PID USER VSZ STAT COMMAND"
check pgrep "found"
check pidof "found"
check cmdline "sleep 30 "
check status "Name: grep
State: R (running)
PPid: SHELL
ids and rss"
check self "exe"
check top "1"
check killall "status 143"
check kill-by-name "status 143"
poweroff_check "$rc"
