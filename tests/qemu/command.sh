#!/usr/bin/env bash
# QEMU tier: bin/janux-qemu -c (output and exit status of a guest command)
# and isolation: user reads of kernel addresses die with SIGSEGV, syscalls
# given kernel or unmapped pointers return -EFAULT, a fork bomb under
# RLIMIT_NPROC gets EAGAIN and the shell goes on, kill of a background job.
#   tests/qemu/command.sh LOGDIR PROGDIR   (prints PASS/FAIL/SKIP lines;
#   PROGDIR holds the built tests/qemu/progs/*.c)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir=${1:-$root/build/test/qemu} progs=${2:-$root/build/aarch64/progs}
limit=${QEMU_TEST_TIMEOUT:-30}
mkdir -p "$logdir"

# run NAME [janux-qemu args...]: output in $logdir/cmd-NAME.log, status in $rc
run() {
	local name=$1
	shift
	timeout -k 2 "$limit" "$root/bin/janux-qemu" "$@" </dev/null >"$logdir/cmd-$name.log" 2>&1
	rc=$?
}
# expect NAME WANT_OUTPUT WANT_STATUS: compare the last run with both
expect() {
	local got
	got=$(cat "$logdir/cmd-$1.log")
	if [ "$got" = "$2" ] && [ "$rc" = "$3" ]; then echo "PASS qemu/command/$1"
	else echo "FAIL qemu/command/$1: got '$(echo "$got" | head -5 | tr '\n' '|')' status $rc, want '$(echo "$2" | tr '\n' '|')' status $3"; fi
}

run echo-exit -c 'echo hi; exit 3'
expect echo-exit "hi" 3
run pipeline -c 'printf "b\na\nc\nb\n" | sort | uniq -c | sed "s/^ *//" | tr "\n" " "; echo; seq 1 100 | grep 7 | wc -l'
expect pipeline "$(printf 'b\na\nc\nb\n' | sort | uniq -c | sed 's/^ *//' | tr '\n' ' '; echo; seq 1 100 | grep 7 | wc -l)" 0
# ash prints its "Terminated" job notice only when it reaps the job inside
# `wait`; when the killed child runs first and is reaped before, neither
# Linux nor Janux prints it (checked with a 0.2 s pause on both kernels),
# so the notice is a scheduling race and is left out of the comparison.
run kill-bg -c 'sleep 30 & pid=$!; kill $pid; wait $pid; echo "status $?"'
sed -i '/^Terminated$/d' "$logdir/cmd-kill-bg.log"
expect kill-bg "status 143" 0
# exec's text cache (arch/aarch64/textcache.c) keeps a program's read-only
# pages between execs; rewriting the file in place (same inode) must miss.
run exec-rewritten -c 'cp /bin/busybox /tmp/bb && /tmp/bb nosuch
sed "s/applet not found/APPLET NOT FOUND/" /bin/busybox >/tmp/x && cat /tmp/x >/tmp/bb && /tmp/bb nosuch'
expect exec-rewritten "bb: applet not found
bb: APPLET NOT FOUND" 127

# Isolation: one boot with the test programs added to the default initrd.
if [ ! -x "$progs/kread" ] || [ ! -x "$progs/efault" ] || [ ! -x "$progs/forkbomb" ]; then
	echo "SKIP qemu/isolation: test programs not built in $progs"
	exit 0
fi
"$root/bin/janux-qemu" --dry-run -c true >/dev/null # builds the default initrd
initrd=$logdir/isolation.cpio
"$root/arch/aarch64/tools/initrd-add.py" "$initrd" --base "$root/build/aarch64/busybox-initramfs.cpio" \
	kread="$progs/kread" efault="$progs/efault" forkbomb="$progs/forkbomb"
ktext=$(llvm-nm "$root/build/aarch64/janux.elf" | awk '$3 == "kernel_main" { print $1 }')
run isolation --initrd "$initrd" -c "/kread ffff000000000000; echo \"status \$?\"
/kread $ktext; echo \"status \$?\"
/efault $ktext
/forkbomb
echo alive"
log=$logdir/cmd-isolation.log
line() { grep -E -c -- "$1" "$log"; }
check() { # name ok why
	if [ "$2" -ge 1 ] 2>/dev/null; then echo "PASS qemu/isolation/$1"; else echo "FAIL qemu/isolation/$1: $3 (see $log)"; fi
}
check kread-upper-half "$(grep -A2 '^reading 0xffff000000000000' "$log" | grep -c '^status 139$')" \
	"reading 0xffff000000000000 did not end with status 139"
check kread-kernel-text "$(grep -A2 "^reading 0x$ktext" "$log" | grep -c '^status 139$')" \
	"reading kernel_main (0x$ktext) did not end with status 139"
for c in "write kernel" "read kernel" "write unmapped" "read unmapped" "write straddle" "read straddle"; do
	check "efault-${c/ /-}" "$(line "^$c -14$")" "expected '$c -14'"
done
check uaccess-roundtrip "$(line '^roundtrip ok$')" "bytes through a pipe came back changed"
check forkbomb-eagain "$(line '^fork failed: EAGAIN after ([1-9]|[1-4][0-9]|50)$')" "no EAGAIN within 50 forks"
check forkbomb-reaped "$(grep -E '^(fork failed: EAGAIN|no EAGAIN) after' "$log" | awk '{print "^reaped " $NF "$"}' | xargs -r -I{} grep -c {} "$log")" "not every child reaped"
check shell-alive "$([ "$rc" = 0 ] && line '^alive$')" "no 'alive' or status $rc"
