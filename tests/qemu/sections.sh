# Sourced by the qemu tier's scripts: read "@@name:" sections of a console
# log and compare them. Set $log (the console log) and $suite (the test
# name prefix, e.g. qemu/busybox) first.

# section NAME: the lines after @@NAME: up to the next marker
# (the shell's job notices, "Terminated", as on Linux, are left out)
section() { awk -v m="@@$1:" '$0==m{on=1;next} /^@@/{on=0} on && !/^(\[[0-9]+\]\+? *)?Terminated/' "$log"; }

# check NAME EXPECTED: PASS when the section reads exactly EXPECTED
check() {
	local got
	got=$(section "$1")
	if [ "$got" = "$2" ]; then echo "PASS $suite/$1"
	else echo "FAIL $suite/$1: got '$(echo "$got" | head -3 | tr '\n' '|')', want '$2' (see $log)"; fi
}

# poweroff_check STATUS: the end marker was printed and QEMU exited 0
poweroff_check() {
	if grep -q '^@@end:' "$log" && [ "$1" = 0 ]; then echo "PASS $suite/poweroff"
	else echo "FAIL $suite/poweroff: QEMU status $1, end marker $(grep -c '^@@end:' "$log") (see $log)"; fi
}
