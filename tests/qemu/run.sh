#!/usr/bin/env bash
# QEMU tier: boot build/aarch64/janux.elf under each CPU x GIC combination
# and once entered at EL2, each bounded by a timeout, and check the console:
# banner format, command line echo, memory size from the DTB, the timer tick
# self-check, the GIC and entry level found, the panic message, and that
# QEMU exited by itself (PSCI SYSTEM_OFF) before the timeout.
#   tests/qemu/run.sh LOGDIR      (prints PASS/FAIL lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir=${1:-$root/build/test/qemu}
limit=${QEMU_TEST_TIMEOUT:-20}
mkdir -p "$logdir"

result() { # name ok why
	if [ "$2" = 1 ]; then echo "PASS qemu/$1"; else echo "FAIL qemu/$1: $3"; fi
}

# has LOG REGEX: does a console line match (extended regex, CR stripped)?
has() { grep -Eq -- "$2" "$1"; }

# boot NAME CPU GIC EL MEM [extra janux-qemu args...]
boot() {
	local name=$1 cpu=$2 gic=$3 el=$4 mem=$5
	shift 5
	local log=$logdir/$name.log token="janux.test=$name-$$" args=(--no-initrd --cpu "$cpu" --gic "$gic" --mem "${mem}M")
	local cmdline="loglevel=8 $token" start end rc
	[ "$el" = 2 ] && args+=(--el2)
	start=$(date +%s%N)
	timeout -k 2 "$limit" "$root/bin/janux-qemu" "${args[@]}" --cmdline "$cmdline" "$@" \
		</dev/null 2>&1 | tr -d '\r' > "$log"
	rc=${PIPESTATUS[0]}
	end=$(date +%s%N)
	local t=$name
	result "$t/banner" "$(has "$log" '^\[ *[0-9]+\.[0-9]{6}\] Janux [0-9]+\.[0-9]+\.[0-9]+ \([0-9a-f]{7,}(-dirty)?, [0-9]{4}-[0-9]{2}-[0-9]{2}\) aarch64$' && echo 1)" \
		"no 'Janux <version> (<hash>, <date>) aarch64' line in $log"
	result "$t/cmdline" "$(grep -Fxq -- "$(sed -n 's/^\[[ 0-9.]*\] //p' "$log" | grep -F 'Command line:' | head -1)" <<<"Command line: $cmdline" && echo 1)" \
		"expected 'Command line: $cmdline' in $log"
	result "$t/memory" "$(has "$log" "Memory: $mem MiB RAM" && echo 1)" "expected 'Memory: $mem MiB RAM' (from the DTB) in $log"
	result "$t/gic" "$(has "$log" "^\[[ 0-9.]+\] GICv$gic: distributor" && echo 1)" "expected GICv$gic in $log"
	result "$t/entry-el" "$(has "$log" "CPU: entered at EL$el," && echo 1)" "expected entry at EL$el in $log"
	result "$t/dtb" "$(has "$log" 'device tree at 0x40000000 \(start of RAM, ELF boot\)' && echo 1)" \
		"expected the DTB QEMU puts at the start of RAM for an ELF in $log"
	result "$t/timer-tick" "$(has "$log" 'timer: tick self-check passed' && echo 1)" "no passed tick self-check in $log"
	result "$t/panic" "$(has "$log" 'Kernel panic: No working init found\.$' && echo 1)" "no panic message in $log"
	result "$t/poweroff" "$([ "$rc" = 0 ] && echo 1)" \
		"QEMU did not power off by itself within ${limit}s (status $rc)"
	echo "$name $(( (end - start) / 1000000 )) ms" >> "$logdir/times"
}

if ! command -v qemu-system-aarch64 >/dev/null; then
	echo "FAIL qemu/setup: qemu-system-aarch64 is not installed (make deps)"
	exit 0
fi
if [ ! -f "$root/build/aarch64/janux.elf" ]; then
	echo "FAIL qemu/setup: build/aarch64/janux.elf was not built"
	exit 0
fi
rm -f "$logdir/times"
boot a72-gicv2 cortex-a72 2 1 192
boot a72-gicv3 cortex-a72 3 1 256
boot max-gicv2 max 2 1 320
boot max-gicv3 max 3 1 128
boot max-gicv3-el2 max 3 2 224

# With an initrd janux-qemu boots the arm64 Image: DTB in x0, initrd found
# in /chosen and kept out of the page allocator.
initrd=$logdir/initrd.bin
head -c 102400 /dev/zero > "$initrd"
log=$logdir/initrd.log
timeout -k 2 "$limit" "$root/bin/janux-qemu" --initrd "$initrd" --cmdline "" </dev/null 2>&1 \
	| tr -d '\r' > "$log"
rc=${PIPESTATUS[0]}
result image/dtb-from-x0 "$(has "$log" 'device tree at 0x[0-9a-f]+ \(from x0\)' && echo 1)" \
	"expected the DTB address in x0 for an Image boot in $log"
result image/initrd "$(has "$log" 'initrd: 0x[0-9a-f]+, 102400 bytes' && echo 1)" \
	"expected 'initrd: <addr>, 102400 bytes' in $log"
result image/panic "$(has "$log" 'Kernel panic: No working init found\.$' && echo 1)" "no panic message in $log"
result image/poweroff "$([ "$rc" = 0 ] && echo 1)" "QEMU did not power off by itself (status $rc)"
