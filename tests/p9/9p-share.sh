#!/usr/bin/env bash
# The 9P share test, the same on both machines: a host directory (with
# symlinks planted to point outside it) is shared with
# `bin/janux --machine MACHINE --share DIR` and mounted by init on
# /mnt/host; the guest runs tests/p9/9p-guest.sh (every operation, escape
# attempts). This side turns its lines into results and checks the host
# directory afterwards: the data written, and nothing beside the share read,
# changed or created. MACHINE qemu is QEMU's own 9P server (aarch64), wasm
# is ours (host-shim/devices/p9.js) under Node.
#   tests/p9/9p-share.sh MACHINE LOGDIR P9SYS
# P9SYS is tests/p9/progs/p9sys.c built for MACHINE's architecture.
# Prints PASS/FAIL/SKIP lines named MACHINE/9p/NAME.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
machine=${1:?machine (qemu or wasm)} logdir=${2:?log directory} p9sys=${3:?p9sys program}
limit=${P9_TEST_TIMEOUT:-300}
work=$logdir/9p
pass() { echo "PASS $machine/9p/$1"; }
fail() { echo "FAIL $machine/9p/$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi; }

if [ ! -x "$p9sys" ]; then
	echo "FAIL $machine/9p: the test program $p9sys is not built"
	exit 0
fi
rm -rf "$work"
mkdir -p "$work/share/bin" "$work/outside"
echo SECRET >"$work/outside/secret"
chmod 600 "$work/outside/secret"
ln -s "$work/outside/secret" "$work/share/abs"
ln -s ../outside/secret "$work/share/rel"
ln -s rel "$work/share/chain"
ln -s "$work/outside" "$work/share/dlink"
ln -s dlink "$work/share/dchain"
cp "$p9sys" "$work/share/bin/p9sys"
cp "$root/tests/p9/9p-guest.sh" "$work/share/"

timeout -k 2 "$limit" "$root/bin/janux" --machine "$machine" --share "$work/share" \
	-c 'sh /mnt/host/9p-guest.sh /mnt/host' </dev/null 2>&1 | tr -d '\r' >"$work/guest.log"
sed -n "s/^ok \(.*\)/PASS $machine\/9p\/\1/p; s/^not ok \([^:]*\): \(.*\)/FAIL $machine\/9p\/\1: \2/p" "$work/guest.log"
grep -qx done "$work/guest.log" && pass guest-script-ran-to-the-end ||
	fail guest-script-ran-to-the-end "see $work/guest.log"

# The host's view of what the guest did.
check host-sees-big-file "$(sed -n 's/^md5 big //p' "$work/guest.log")" \
	"$(md5sum <"$work/share/work/big" 2>/dev/null | cut -d' ' -f1)"
check host-sees-chmod "$(stat -c %a "$work/share/work/a" 2>/dev/null)" 640
check host-sees-symlink "$(readlink "$work/share/work/s")" a
check outside-secret-unchanged "$(cat "$work/outside/secret") $(stat -c %a "$work/outside/secret")" "SECRET 600"
check outside-nothing-new "$(ls -A "$work/outside" | tr '\n' ' ')" "secret "
check nothing-beside-the-share "$(ls -A "$work" | tr '\n' ' ')" "guest.log outside share "
