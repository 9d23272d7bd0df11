#!/usr/bin/env bash
# Checks one wasm32 process module against docs/wasm32-abi.md with wabt:
#
#   tests/userland/wasm32-abi.sh MODULE [fork]
#
# It must validate; import only env.memory (shared, maximum 1 GiB),
# janux.syscall, janux.fork, janux.longjmp and env.invoke_*; export _start,
# __stack_pointer, __heap_base and __indirect_function_table; table slot 1
# must be taken (never a real handler for SIG_IGN). With `fork`, it must
# import janux.fork and export the asyncify control functions. Prints what
# is wrong and exits 1, or exits 0 silently.
set -uo pipefail

mod=$1 fork=${2:-}
bad() { echo "$mod: $*"; exit 1; }

wasm-validate --enable-threads "$mod" 2>&1 || bad "wasm-validate failed"
details=$(wasm-objdump -x "$mod") || bad "wasm-objdump failed"
imports=$(sed -n 's/^ - .* <- \([A-Za-z0-9_.]*\)$/\1/p' <<<"$details")
exports=$(sed -n 's/^ - .* -> "\([^"]*\)"$/\1/p' <<<"$details")

grep -q '^ - memory\[0\] pages: initial=[0-9]* max=16384 shared <- env\.memory$' <<<"$details" ||
	bad "no shared env.memory import with a 1 GiB maximum"
extra=$(grep -vxE 'env\.memory|janux\.(syscall|fork|longjmp)|env\.invoke_[vijfd]+' <<<"$imports")
[ -z "$extra" ] || bad "imports outside the ABI: $(echo $extra)"
grep -qx janux.syscall <<<"$imports" || bad "no janux.syscall import"
for e in _start __stack_pointer __heap_base __indirect_function_table; do
	grep -qx "$e" <<<"$exports" || bad "no $e export"
done
grep -qE '^ - segment\[0\] .*table=0 count=[0-9]+ - init i32=1$' <<<"$details" ||
	bad "the element segment does not start at table slot 1"
if [ "$fork" = fork ]; then
	grep -qx janux.fork <<<"$imports" || bad "no janux.fork import"
	for e in asyncify_start_unwind asyncify_stop_unwind asyncify_start_rewind \
		asyncify_stop_rewind asyncify_get_state; do
		grep -qx "$e" <<<"$exports" || bad "no $e export (not asyncify-instrumented)"
	done
fi
exit 0
