#!/usr/bin/env bash
# Fetch a Debian binary package into the download cache and unpack it,
# without installing it on this machine (e.g. arm64 packages used as test
# oracles or benchmark peers).
#   mk/fetch-deb.sh PACKAGE[:ARCH] DESTDIR
# apt-get checks the download against the signed archive indexes; once the
# .deb is in cache/debs/ the unpack works offline. Prints DESTDIR.
set -euo pipefail
pkg=$1 dest=$2
top=$(cd "$(dirname "$0")/.." && pwd)
cache=$top/cache/debs
mkdir -p "$cache"
name=${pkg%%:*}
arch=${pkg#*:}
[ "$arch" = "$pkg" ] && arch=$(dpkg --print-architecture)

# A virtual or meta package name resolves to the real package it depends on.
real=$(apt-cache depends "$pkg" 2>/dev/null | awk '/Depends: /{print $2; exit}')
case $real in linux-image-*) name=${real%%:*} ;; esac

deb=$(ls "$cache/${name}_"*"_${arch}.deb" 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$deb" ]; then
	echo "fetch-deb: downloading $name:$arch" >&2
	(cd "$cache" && apt-get download -q "$name:$arch" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
	deb=$(ls "$cache/${name}_"*"_${arch}.deb" 2>/dev/null | sort -V | tail -n 1 || true)
	[ -n "$deb" ] || { echo "fetch-deb: could not download $name:$arch" >&2; exit 1; }
fi
rm -rf "$dest" && mkdir -p "$dest"
dpkg-deb -x "$deb" "$dest"
echo "$dest"
