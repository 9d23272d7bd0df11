# Parity corpus driver, run inside the guest (any kernel) by busybox sh from
# the corpus initramfs: runs every test listed in /parity/list ("NAME KIND
# ORACLE" lines) in a fresh directory, with a 30 s watchdog, and prints
#   @@parity:begin NAME / its output / @@parity:end NAME STATUS|timeout
# on the console for tests/parity/parity.py split. Tests whose oracle is
# qemu-aarch64 user mode get stdin from /dev/null, as they do there; the
# others keep the console (saved as fd 8: a background job's stdin is
# /dev/null before its redirections apply).
# A kernel that did not populate /dev (Linux) gets devtmpfs; a regular file
# left at /dev/null by an earlier "2>/dev/null" is hidden by it.
[ -c /dev/null ] && [ -c /dev/tty ] || mount -t devtmpfs devtmpfs /dev
exec 8<&0
launch() { # ORACLE CMD...: CMD with the stdin its oracle gave it
	if [ "$1" = user ]; then shift; "$@" </dev/null 8<&-; else shift; "$@" <&8 8<&-; fi
}
# The list is "NAME KIND ORACLE" lines, taken three words at a time.
set -- $(cat /parity/list)
while [ $# -ge 3 ]; do
	name=$1 kind=$2 oracle=$3
	shift 3
	dir=/tmp/parity/$name
	mkdir -p "$dir" && cd "$dir" || exit 1
	# Programs are compared on stdout alone (qemu-aarch64 itself writes to
	# stderr when a guest dies of a signal); scripts on both streams.
	case $kind in
	prog) launch "$oracle" "/parity/bin/$name" >"$dir.out" 2>"$dir.err" & ;;
	script) launch "$oracle" sh "/parity/scripts/$name.sh" >"$dir.out" 2>&1 & ;;
	esac
	pid=$!
	(sleep 30 && : >"$dir.timeout" && kill -KILL $pid) 2>/dev/null &
	dog=$!
	wait $pid
	status=$?
	kill $dog 2>/dev/null
	[ -e "$dir.timeout" ] && status=timeout
	echo "@@parity:begin $name"
	cat "$dir.out"
	echo
	echo "@@parity:end $name $status"
done
