#!/usr/bin/env bash
# The userland test tier: prints PASS/FAIL/SKIP lines (docs/testing.md).
#
#   tests/userland/tier.sh ARCH WORKDIR [MAKE]
#
# First builds the userland with `MAKE userland` (default: make), then checks:
# the image is reproducible and has the expected layout; the fetcher
# refuses a corrupted cache; our busybox runs smoke.sh exactly like Debian's
# busybox-static (the Linux oracle) under qemu-aarch64; janux-cc builds a
# program that runs, and wasm32 modules that follow docs/wasm32-abi.md; both
# images boot through their own init (inittab, rcS) with an ext2 disk on /home.
# Logs go to WORKDIR.
set -uo pipefail

arch=$1 work=$2 make=${3:-make}
work_top=$work
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
ul=build/userland
bb=$ul/busybox-$arch
image=build/images/initramfs-$arch.cpio
# The Linux oracle: Debian's busybox-static:arm64, fetched into the cache
# (not installed on the host).
peer=build/peers/busybox-arm64
[ -x "$peer/bin/busybox" ] || mk/fetch-deb.sh busybox-static:arm64 "$peer" >/dev/null
oracle=$peer/bin/busybox

# Image checks run for each arch; wasm32's results are named wasm32-*.
tag=
pass() { echo "PASS userland/$tag$1"; }
fail() { echo "FAIL userland/$tag$1: $2"; }

# Points the image checks at ARCH's busybox, image and a work subdirectory.
use_arch() {
	bb=$ul/busybox-$1
	image=build/images/initramfs-$1.cpio
	tag=$([ "$1" = "$arch" ] || echo "$1-")
	work=$work_top/$1
	mkdir -p "$work"
}

# Two fresh manifests and archives from the same inputs must be identical to
# each other and to the image the build made, plain and gzipped.
check_reproducible() {
	local n
	for n in 1 2; do
		rm -rf "$work/repro$n" && mkdir -p "$work/repro$n"
		userland/rootfs.sh "$bb/busybox" "$bb/busybox.links" "$work/repro$n/gen" \
			> "$work/repro$n/rootfs.list" &&
		userland/mkcpio.py "$work/repro$n/rootfs.list" "$work/repro$n/image.cpio" &&
		gzip -9 -n -c "$work/repro$n/image.cpio" > "$work/repro$n/image.cpio.gz" ||
			{ fail image-reproducible "rebuild $n failed"; return; }
	done
	if cmp -s "$work/repro1/image.cpio" "$work/repro2/image.cpio" &&
		cmp -s "$work/repro1/image.cpio" "$image" &&
		cmp -s "$work/repro1/image.cpio.gz" "$work/repro2/image.cpio.gz" &&
		cmp -s "$work/repro1/image.cpio.gz" "$image.gz"; then
		pass image-reproducible
	else
		fail image-reproducible "archives differ ($work/repro1, $work/repro2, $image)"
	fi
}

# Entries the boot depends on, as GNU cpio lists them (numeric owners).
check_layout() {
	local list=$work/layout.txt want missing=
	cpio -itv --numeric-uid-gid --quiet < "$image" > "$list" 2>&1 ||
		{ fail image-layout "cpio cannot list $image"; return; }
	while IFS= read -r want; do
		grep -qE "$want" "$list" || missing+=" [$want]"
	done <<-'EOF_WANT'
	^crw------- +1 0 +0 +5, +1 .* dev/console$
	^crw-rw-rw- +1 0 +0 +1, +3 .* dev/null$
	^drwxr-xr-x +2 1000 +1000 .* home/user$
	^drwx------ +2 0 +0 .* root$
	^drwxrwxrwt +2 0 +0 .* tmp$
	^-rwsr-xr-x +1 0 +0 .* bin/busybox$
	^lrwxrwxrwx .* sbin/init -> \.\./bin/busybox$
	^lrwxrwxrwx .* bin/sh -> busybox$
	^-rw-r--r-- .* etc/inittab$
	^-rw------- .* etc/shadow$
	^-rwxr-xr-x .* etc/init\.d/rcS$
	EOF_WANT
	if [ -n "$missing" ]; then
		fail image-layout "missing or wrong:$missing (see $list)"
	elif grep -vE '^\S+ +[0-9]+ +(0 +0|1000 +1000) ' "$list" | grep -q .; then
		fail image-layout "an entry has an unexpected owner (see $list)"
	else
		pass image-layout
	fi
}

# A cache whose tarball lost one byte must be refused before unpacking.
check_fetch_refuses() {
	local cache=$work/badcache
	rm -rf "$cache" && mkdir -p "$cache" && cp -r cache/src/musl "$cache/" || {
		fail fetch-refuses-corrupt "no musl cache to copy"; return; }
	local tarball
	tarball=$(ls "$cache"/musl/*.debian.tar.*)
	truncate -s -1 "$tarball"
	if JANUX_SRC_CACHE=$cache userland/fetch.sh musl "$work/badsrc" > "$work/fetch.log" 2>&1; then
		fail fetch-refuses-corrupt "fetch.sh accepted a truncated $tarball"
	elif grep -q 'mismatch' "$work/fetch.log" && [ ! -e "$work/badsrc" ]; then
		pass fetch-refuses-corrupt
	else
		fail fetch-refuses-corrupt "no mismatch message or source unpacked (see $work/fetch.log)"
	fi
}

check_oracle() {
	[ -x "$oracle" ] && file -L "$oracle" | grep -q aarch64 ||
		{ fail oracle-smoke "no arm64 busybox-static at $oracle (make deps)"; return; }
	tests/userland/run-smoke.sh "$bb/busybox" "$bb/busybox.links" "$work/ours" > "$work/ours.out"
	tests/userland/run-smoke.sh "$oracle" "$bb/busybox.links" "$work/linux" > "$work/linux.out"
	if ! tail -n 2 "$work/linux.out" | tr '\n' ' ' | grep -qx 'smoke: end exit 0 '; then
		fail oracle-smoke "the oracle did not finish the script (see $work/linux.out)"
	elif diff -u "$work/linux.out" "$work/ours.out" > "$work/oracle.diff"; then
		pass oracle-smoke
	else
		fail oracle-smoke "output differs from Linux (see $work/oracle.diff)"
	fi
}

check_janux_cc() {
	local out=$work/hello
	if ! bin/janux-cc --arch "$arch" -O2 -Wall -Werror tests/userland/hello.c -o "$out" \
		> "$work/cc.log" 2>&1; then
		fail janux-cc-hello "compile failed (see $work/cc.log)"
		return
	fi
	local got want
	got=$(timeout 30 qemu-aarch64 "$out" world 2>&1; echo "exit $?")
	want=$'hello from janux-cc: argc=2 arg1=world\nlong double: 2.0833\nexit 0'
	if [ "$got" = "$want" ]; then
		pass janux-cc-hello
	else
		fail janux-cc-hello "got '$(echo "$got" | tr '\n' '|')'"
	fi
}

# janux-cc --arch wasm32: programs for plain libc use, setjmp/longjmp and
# fork are linked into modules with exactly the ABI's imports and exports
# (a forking one asyncify-instrumented).
check_janux_cc_wasm32() {
	local prog mode
	for prog in tests/userland/hello.c tests/userland/wasm32/sjlj.c tests/userland/wasm32/fork.c; do
		local out=$work/$(basename "$prog" .c).wasm
		mode=; [ "$prog" = tests/userland/wasm32/fork.c ] && mode=fork
		if ! bin/janux-cc --arch wasm32 -O2 -Wall -Werror "$prog" -o "$out" > "$work/cc-wasm32.log" 2>&1; then
			fail janux-cc-wasm32-abi "$prog: compile failed (see $work/cc-wasm32.log)"
			return
		fi
		local why
		why=$(tests/userland/wasm32-abi.sh "$out" $mode) ||
			{ fail janux-cc-wasm32-abi "$why"; return; }
	done
	pass janux-cc-wasm32-abi
}

# busybox for wasm32: a module that follows the ABI and can fork.
check_busybox_wasm32() {
	local why
	if why=$(tests/userland/wasm32-abi.sh "$ul/busybox-wasm32/busybox" fork); then
		pass busybox-wasm32-abi
	else
		fail busybox-wasm32-abi "$why"
	fi
}

# Issue 7's line: ash on Janux wasm32 (busybox from the wasm32 image) prints
# what it prints on Janux aarch64 (pipes, $((..)), a subshell, a background
# job and wait, $(...)).
check_goal_line() {
	local line='ls / | wc -l; echo $((6*7)); (cd /tmp && pwd); sleep 0.1 & wait; x=$(echo hi); echo $x'
	timeout 300 $make --no-print-directory build/wasm32/kernel.wasm > "$work_top/kernel-wasm32.log" 2>&1 ||
		{ fail wasm32-goal-line "the wasm32 kernel does not build (see $work_top/kernel-wasm32.log)"; return; }
	timeout 200 bin/janux --initrd build/images/initramfs-wasm32.cpio -c "$line" \
		> "$work_top/goal-wasm32.out" 2>&1 ||
		{ fail wasm32-goal-line "bin/janux failed (see $work_top/goal-wasm32.out)"; return; }
	timeout 200 bin/janux-qemu --initrd build/images/initramfs-aarch64.cpio.gz -c "$line" \
		> "$work_top/goal-aarch64.out" 2>&1 ||
		{ fail wasm32-goal-line "bin/janux-qemu failed (see $work_top/goal-aarch64.out)"; return; }
	if [ "$(wc -l < "$work_top/goal-aarch64.out")" != 4 ]; then
		fail wasm32-goal-line "aarch64 did not print 4 lines (see $work_top/goal-aarch64.out)"
	elif cmp -s "$work_top/goal-aarch64.out" "$work_top/goal-wasm32.out"; then
		pass wasm32-goal-line
	else
		fail wasm32-goal-line "wasm32 output differs from aarch64 (see $work_top/goal-*.out)"
	fi
}

# The janux-cc modules of check_janux_cc_wasm32 run on Janux wasm32 (shared
# into /mnt/host): libc, long double, setjmp/longjmp, sigsetjmp's mask, fork.
check_wasm32_programs() {
	local dir=$work_top/progs got want
	rm -rf "$dir" && mkdir -p "$dir" || return
	for p in hello sjlj fork; do
		[ -f "$work_top/$p.wasm" ] || { fail wasm32-programs "no $p.wasm"; return; }
		install -m 755 "$work_top/$p.wasm" "$dir/$p"
	done
	got=$(timeout 200 bin/janux --initrd build/images/initramfs-wasm32.cpio --share "$dir" \
		-c 'for p in "hello world" sjlj fork; do /mnt/host/$p; echo "exit $?"; done' 2>&1)
	want='hello from janux-cc: argc=2 arg1=world
long double: 2.0833
exit 0
setjmp returned 42 after 2 passes
siglongjmp(0) returned 1, mask restored: yes
malloc ok
exit 0
child: fork returned 0
parent: child exited with 7, my copy is still 1
exit 0'
	if [ "$got" = "$want" ]; then
		pass wasm32-programs
	else
		fail wasm32-programs "got '$(echo "$got" | tr '\n' '|')'"
	fi
}

mkdir -p "$work"
if ! timeout 1200 $make --no-print-directory userland > "$work/build.log" 2>&1; then
	fail build "make userland failed (see $work/build.log)"
	exit 0
fi
pass build
check_reproducible
check_layout
check_fetch_refuses
check_oracle
check_janux_cc
check_janux_cc_wasm32
check_busybox_wasm32
check_goal_line
check_wasm32_programs
# Both images through their real init with an ext2 disk (after check_goal_line
# has built the wasm32 kernel).
for m in aarch64 wasm32; do
	timeout 300 tests/userland/init-boot.py $m "$work_top/init-boot" ||
		fail "$m-init-mounts-disk-on-home" "init-boot.py stopped (status $?)"
done
use_arch wasm32
check_reproducible
check_layout
