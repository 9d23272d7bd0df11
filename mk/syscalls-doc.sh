#!/bin/sh
# Write docs/syscalls.md from kernel/sys/syscalls.def, so the list of
# implemented syscalls cannot drift from the table the kernel is built with.
set -eu
def=${1:-kernel/sys/syscalls.def}
awk '
function row(nr, name, handler, abi) {
	printf "| %d | `%s` | %s | %s |\n", nr, name, abi, handler == "" ? "-ENOSYS" : "`sys_" handler "`"
}
BEGIN {
	print "# Syscalls"
	print ""
	print "Generated from `kernel/sys/syscalls.def` by `mk/syscalls-doc.sh`; do not edit."
	print "Numbers are Linux asm-generic. LP64 rows exist on aarch64, ILP32 rows on"
	print "wasm32, COMMON rows on both."
	print ""
}
/^SYSCALL\(/ || /^NOSYS\(/ {
	line = $0
	impl = (line ~ /^SYSCALL/)
	sub(/^[A-Z]+\(/, "", line); sub(/\).*/, "", line)
	n = split(line, f, /, */)
	if (impl) { nrs[++k] = f[1]; names[k] = f[2]; handlers[k] = f[3]; abis[k] = f[4]; done++ }
	else { nrs[++k] = f[1]; names[k] = f[2]; handlers[k] = ""; abis[k] = f[3] }
}
END {
	printf "%d of %d entries implemented.\n\n", done, k
	print "| nr | name | abi | handler |"
	print "|---:|------|-----|---------|"
	for (i = 1; i <= k; i++) row(nrs[i], names[i], handlers[i], abis[i])
}' "$def"
