# Helpers shared by the disk tests (virtio-blk.sh, ext2-disk.sh). The
# caller sets $root, $suite (the result-name prefix) and optionally
# $machine (qemu, the default: QEMU's devices; wasm: the host shim's under
# Node, through `bin/janux --machine wasm`), and sources this with its
# LOGDIR argument; logs and images go to a fresh $work.
machine=${machine:-qemu}
logdir=${1:-$root/build/test/$machine}
limit=${QEMU_TEST_TIMEOUT:-60}
work=$logdir/$suite
rm -rf "$work"
mkdir -p "$work"
if [ "$machine" = qemu ]; then janux=("$root/bin/janux-qemu"); else janux=("$root/bin/janux" --machine "$machine"); fi

# run NAME [janux args...]: guest output in $work/NAME.log, status in $rc
run() {
	local name=$1
	shift
	timeout -k 2 "$limit" "${janux[@]}" "$@" </dev/null >"$work/$name.log" 2>&1
	rc=$?
}
pass() { echo "PASS $machine/$suite/$1"; }
fail() { echo "FAIL $machine/$suite/$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi; }
# bytes IMG OFF LEN: hex of the image's bytes there
bytes() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
hexof() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

# dry COMMAND janux-args...: the command line that runs the machine, in
# $qcmd (for runs that change it or kill it): QEMU's as janux-qemu would
# run it, or bin/janux's for wasm (killing it kills the whole machine).
dry() {
	local c=$1
	shift
	if [ "$machine" = qemu ]; then qcmd=$("$root/bin/janux-qemu" --dry-run "$@" -c "$c")
	else qcmd=$(printf '%q ' "${janux[@]}" "$@" -c "$c"); fi
}

# power_cut LOG MARKER: run $qcmd (from dry) until the guest prints MARKER,
# then SIGKILL QEMU; true when the marker came.
power_cut() {
	local qpid
	(eval "exec $qcmd") </dev/null >"$1" 2>&1 &
	qpid=$!
	for _ in $(seq 1 $((limit * 10))); do
		grep -q "$2" "$1" && break
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	grep -q "$2" "$1"
}
