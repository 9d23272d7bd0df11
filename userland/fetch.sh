#!/usr/bin/env bash
# Fetch, verify and unpack one pinned Debian source package for the userland.
#
#   userland/fetch.sh PKG DEST
#
# Reads the pin from userland/PKG/source (PKG, VERSION, DSC_SHA256). Downloads
# with `apt-get source --download-only` into cache/src/PKG/ (or
# $JANUX_SRC_CACHE/PKG/) unless the cache already holds the files (then it
# works offline), checks the .dsc against the pinned hash and every file the .dsc lists against its Checksums-Sha256 entry
# (size and hash), unpacks into a fresh DEST with `dpkg-source -x
# --skip-patches`, then applies Debian's quilt series and then our own
# userland/PKG/patches/*.patch in name order, and copies the new files of
# userland/PKG/overlay/ over the tree. Any failure stops with a message
# and a non-zero status; DEST is only complete when the script succeeds.
set -euo pipefail

die() { printf 'fetch: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 PKG DEST"
pkg=$1
dest=$2
top=$(cd "$(dirname "$0")/.." && pwd)
pin=$top/userland/$pkg/source
[ -f "$pin" ] || die "no pin file $pin"

# The pin is KEY=value lines; read only the keys we know (never executed).
pin_get() { sed -n "s/^$1=//p" "$pin" | head -n1; }
name=$(pin_get PKG)
version=$(pin_get VERSION)
dsc_sha=$(pin_get DSC_SHA256)
[ "$name" = "$pkg" ] && [ -n "$version" ] && [ -n "$dsc_sha" ] ||
	die "$pin must set PKG=$pkg, VERSION and DSC_SHA256"

cache=${JANUX_SRC_CACHE:-$top/cache/src}/$pkg
dsc=$cache/${pkg}_${version#*:}.dsc    # file names drop the epoch

# Prints "sha256 size name" for every file listed in the .dsc's
# Checksums-Sha256 field.
dsc_files() {
	awk '/^Checksums-Sha256:/ { on = 1; next }
	     on && /^ / { print $1, $2, $3; next }
	     on { exit }' "$1"
}

# True when the .dsc and every file it lists are present in the cache.
cache_complete() {
	[ -f "$dsc" ] || return 1
	local sum size file
	while read -r sum size file; do
		[ -f "$cache/$file" ] || return 1
	done < <(dsc_files "$dsc")
}

download() {
	command -v apt-get >/dev/null || die "apt-get not found and $cache is incomplete"
	mkdir -p "$cache"
	echo "fetch: apt-get source --download-only $pkg=$version"
	# As root, apt would warn that its _apt sandbox user cannot write here.
	local opts=()
	[ "$(id -u)" != 0 ] || opts=(-o APT::Sandbox::User=root)
	(cd "$cache" && apt-get source -qq "${opts[@]}" --download-only "$pkg=$version") ||
		die "apt-get source $pkg=$version failed (is deb-src enabled? run make deps)"
}

# Refuses unless the .dsc matches the pin and each listed file matches the
# size and SHA-256 the .dsc gives for it.
verify() {
	local got sum size file n=0
	got=$(sha256sum "$dsc" | cut -d' ' -f1)
	[ "$got" = "$dsc_sha" ] ||
		die "checksum mismatch: $dsc is $got, pinned $dsc_sha (remove $cache to refetch)"
	while read -r sum size file; do
		[ "$(stat -c %s "$cache/$file")" = "$size" ] ||
			die "size mismatch: $cache/$file is not $size bytes (remove $cache to refetch)"
		got=$(sha256sum "$cache/$file" | cut -d' ' -f1)
		[ "$got" = "$sum" ] ||
			die "checksum mismatch: $cache/$file is $got, the .dsc says $sum (remove $cache to refetch)"
		n=$((n + 1))
	done < <(dsc_files "$dsc")
	[ $n -gt 0 ] || die "$dsc lists no Checksums-Sha256 files"
	echo "fetch: $pkg $version: .dsc and $n files verified (sha256)"
}

# Applies one patch file at strip level $2, refusing fuzz and reverse hunks.
apply() {
	patch -d "$dest" -s -N -F0 -p"$2" --no-backup-if-mismatch < "$1" ||
		die "patch $1 does not apply to $pkg $version"
}

# Debian's quilt series: "name [-pN]" lines, '#' comments.
apply_debian() {
	local series=$dest/debian/patches/series name opt n=0
	[ -f "$series" ] || return 0
	while read -r name opt; do
		case $name in ''|'#'*) continue ;; esac
		apply "$dest/debian/patches/$name" "${opt#-p}"
		n=$((n + 1))
	done < <(sed 's/#.*//' "$series" | awk 'NF { print $1, ($2 ? $2 : "-p1") }')
	echo "fetch: $pkg: applied $n Debian patches"
}

apply_ours() {
	local p n=0
	for p in "$top/userland/$pkg/patches/"*.patch; do
		[ -e "$p" ] || continue
		apply "$p" 1
		n=$((n + 1))
	done
	echo "fetch: $pkg: applied $n Janux patches"
}

# New files of ours (e.g. a musl arch port) copied over the tree as they are.
copy_overlay() {
	local o=$top/userland/$pkg/overlay
	[ -d "$o" ] || return 0
	cp -r "$o/." "$dest/" || die "could not copy $o into $dest"
	echo "fetch: $pkg: copied $(find "$o" -type f | wc -l) overlay files"
}

cache_complete || download
cache_complete || die "apt-get left $cache incomplete"
verify
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
dpkg-source -q --no-check -x --skip-patches "$dsc" "$dest" >/dev/null ||
	die "dpkg-source could not unpack $dsc"
apply_debian
apply_ours
copy_overlay
