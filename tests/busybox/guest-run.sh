# busybox's own testsuite, run by busybox sh inside the guest (any kernel)
# or under qemu-aarch64 user mode (the Linux oracle): tests/busybox/bbtest.py
# starts it with a clean environment.
#
#   sh run.sh TSDIR BINDIR LINKSDIR LIMIT NAME...
#
# TSDIR: a writable copy of busybox's testsuite/; BINDIR: busybox and the
# build's .config (what runtest calls $bindir); LINKSDIR: one entry per
# applet (runtest's links directory), the only directory on PATH besides
# TSDIR and BINDIR. NAME: a new-style file (sed.tests), run with sh from
# TSDIR as runtest does, or an old-style applet directory (cp/): each file
# in it is one case run with sh -x -e in a fresh directory, as runtest's
# run_applet_testcase. VERBOSE=1 in the environment shows why a case
# failed (testing.sh's diff, an old-style case's sh -x log). Each NAME gets stdin from /dev/null and at most LIMIT
# seconds (busybox timeout, SIGKILL), and prints on stdout
#   @@bb:begin NAME
#   its output (PASS:, FAIL:, SKIPPED:, UNTESTED: lines among others)
#   @@bb:end NAME STATUS|timeout
if [ "$1" = --one ]; then
	# One old-style case: UNTESTED when a "# FEATURE:" it names is off,
	# else PASS or FAIL by its status.
	oldstyle_case() { # APPLET CASEFILE
		name=${2##*/}
		for f in $(sed -n 's/^# FEATURE: //p' "$2"); do
			if grep -q "^# $f is not set\$" "$bindir/.config"; then
				echo "UNTESTED: $name"
				return
			fi
		done
		rm -rf ".tmpdir.$1" && mkdir ".tmpdir.$1" && cd ".tmpdir.$1" || return
		if d=$tsdir sh -x -e "$2" > "$name.log" 2>&1; then
			echo "PASS: $name"
		else
			echo "FAIL: $name"
			[ -z "$VERBOSE" ] || cat "$name.log"
		fi
		cd .. && rm -rf ".tmpdir.$1"
	}
	cd "$tsdir" || exit 1
	case $2 in
	*/) for c in "$tsdir/$2"*; do oldstyle_case "${2%/}" "$c"; done ;;
	*) exec sh "./$2" ;;
	esac
	exit 0
fi

tsdir=$1 bindir=$2 linksdir=$3 limit=$4
shift 4
# runtest's OPTIONFLAGS: every option set in .config, as :A:B:...:
OPTIONFLAGS=:
for o in $(sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=.*/\1/p' "$bindir/.config"); do
	OPTIONFLAGS=$OPTIONFLAGS$o:
done
PATH=$linksdir:$tsdir:$bindir
export tsdir bindir OPTIONFLAGS PATH
unset DEBUG SKIP ECHO
# As runtest: testing.sh exports ECHO (old-style cases use it) and SKIP.
cd "$tsdir" && . ./testing.sh || exit 1
for name; do
	timeout -s KILL "$limit" sh "$0" --one "$name" < /dev/null > "$tsdir/.out" 2>&1
	status=$?
	[ $status = 137 ] && status=timeout
	echo "@@bb:begin $name"
	cat "$tsdir/.out"
	echo "@@bb:end $name $status"
done
