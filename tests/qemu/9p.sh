#!/usr/bin/env bash
# QEMU tier: a host directory shared over virtio-9p (bin/janux-qemu --share,
# QEMU's own 9P server) and mounted by init on /mnt/host. The guest runs
# tests/qemu/9p-guest.sh (every operation, escape attempts); this side turns
# its lines into results and checks the host directory afterwards: the data
# written, and nothing beside the share read, changed or created.
#   tests/qemu/9p.sh LOGDIR PROGDIR   (prints PASS/FAIL/SKIP lines)
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir=${1:-$root/build/test/qemu} progs=${2:-$root/build/aarch64/progs}
limit=${QEMU_TEST_TIMEOUT:-120}
work=$logdir/9p
pass() { echo "PASS qemu/9p/$1"; }
fail() { echo "FAIL qemu/9p/$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi; }

if [ ! -x "$progs/rename" ]; then
	echo "SKIP qemu/9p: test programs not built in $progs"
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
cp "$progs/rename" "$work/share/bin/"
cp "$root/tests/qemu/9p-guest.sh" "$work/share/"

timeout -k 2 "$limit" "$root/bin/janux-qemu" --share "$work/share" \
	-c 'sh /mnt/host/9p-guest.sh /mnt/host' </dev/null 2>&1 | tr -d '\r' >"$work/guest.log"
sed -n 's/^ok \(.*\)/PASS qemu\/9p\/\1/p; s/^not ok \([^:]*\): \(.*\)/FAIL qemu\/9p\/\1: \2/p' "$work/guest.log"
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
