#!/usr/bin/env bash
# Run tests/userland/smoke.sh with one aarch64 busybox under qemu-aarch64
# (user mode: the host's Linux kernel gives the semantics).
#
#   tests/userland/run-smoke.sh BUSYBOX APPLET_LIST WORKDIR > output
#
# Every name in APPLET_LIST (a busybox.links file) becomes a wrapper in
# WORKDIR/bin that runs BUSYBOX under qemu-aarch64, and PATH holds only that
# directory, so no host command can stand in for an applet. Prints the
# script's output and then "exit N" with the shell's status. Each run is
# bounded by a timeout.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 BUSYBOX APPLET_LIST WORKDIR" >&2; exit 2; }
busybox=$(realpath "$1") links=$2 work=$3
qemu=$(command -v qemu-aarch64) || { echo "qemu-aarch64 not found" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work" && mkdir -p "$work/bin" "$work/tmp"
work=$(realpath "$work")       # PATH must survive the script's cd
while read -r path; do
	printf '#!/bin/sh\nexec %s %s %s "$@"\n' "$qemu" "$busybox" "${path##*/}" \
		> "$work/bin/${path##*/}"
	chmod +x "$work/bin/${path##*/}"
done < "$links"

status=0
env -i PATH="$work/bin" TMPDIR="$work/tmp" HOME="$work" LC_ALL=C \
	timeout 120 "$qemu" "$busybox" sh "$here/smoke.sh" 2>&1 || status=$?
echo "exit $status"
