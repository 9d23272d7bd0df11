#!/usr/bin/env bash
# Install everything Janux's build and tests need, from Debian's packages and
# npm's registry. Idempotent: what is present is skipped, and a second run
# changes nothing. Runs as root (apt-get); prints what it does.
set -euo pipefail
cd "$(dirname "$0")/.."

# Host tools (this machine's architecture).
HOST_PKGS=(
	make git python3 clang lld llvm            # compilers, linkers, llvm-ar
	binaryen wabt                              # wasm-opt, wasm-validate
	libclang-rt-14-dev libclang-rt-14-dev-wasm32 wasi-libc  # ASan runtime, wasm builtins, WASI
	gcc-aarch64-linux-gnu                      # libgcc.a for aarch64 long double helpers
	qemu-system-arm qemu-user                  # aarch64 machine and user-mode oracle
	e2fsprogs cpio gzip xz-utils dpkg-dev      # images, apt-get source unpacking
	chromium fonts-dejavu-core                 # headless browser tests
	nodejs npm                                 # host shim, tests, dev server
)
# arm64 packages (Debian's busybox-static, the arm64 Linux kernel) are test
# oracles and benchmark peers: mk/fetch-deb.sh downloads them into cache/
# without installing them on this machine; enabling arm64 lets apt find them.

log() { printf 'deps: %s\n' "$*"; }

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		log "must run as root to install: $*" >&2
		exit 1
	fi
}

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Node >= 20 may already come from the machine image; Debian's is the fallback.
node_ok() {
	command -v node >/dev/null && command -v npm >/dev/null &&
		[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ]
}

# A deb-src entry for every enabled Debian deb entry of this release, copied
# from the machine's own sources (so no host name is written by us).
ensure_deb_src() {
	local out=/etc/apt/sources.list.d/janux-deb-src.sources
	local codename
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return 1
	fi
	need_root "deb-src entries"
	log "enabling deb-src (derived from the existing $codename entries)"
	{
		# deb822 stanzas: keep those whose Suites are this release's.
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -e "$f" ] || continue
			awk -v rel="$codename" '
				BEGIN { RS = ""; ORS = "\n\n" }
				$0 ~ ("Suites:[ ]*" rel) && $0 ~ /Types:[^\n]*deb/ {
					sub(/Types:[^\n]*/, "Types: deb-src"); print
				}' "$f"
		done
		# One-line format: deb URI SUITE COMPONENTS.
		if [ -f /etc/apt/sources.list ]; then
			awk -v rel="$codename" '$1 == "deb" && $0 ~ rel {
				$1 = "deb-src"; print "# from sources.list: " $0 }' /etc/apt/sources.list
		fi
	} > "$out.tmp"
	# One-line entries are written to a .list file, deb822 ones stay here.
	grep -v '^# from sources.list: ' "$out.tmp" > "$out" || true
	if grep -q '^# from sources.list: ' "$out.tmp"; then
		sed -n 's/^# from sources.list: //p' "$out.tmp" > /etc/apt/sources.list.d/janux-deb-src.list
	fi
	rm -f "$out.tmp"
	[ -s "$out" ] || rm -f "$out"
	return 0
}

ensure_arm64() {
	if dpkg --print-foreign-architectures | grep -qx arm64; then
		return 1
	fi
	need_root "arm64 multiarch"
	log "enabling arm64 multiarch"
	dpkg --add-architecture arm64
	return 0
}

main() {
	local changed=0 missing=()
	ensure_arm64 && changed=1
	ensure_deb_src && changed=1
	for p in "${HOST_PKGS[@]}"; do
		case $p in
		nodejs|npm) node_ok && continue ;;
		esac
		installed "$p" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ] || [ $changed = 1 ]; then
		need_root "${missing[*]:-package lists}"
		log "apt-get update"
		apt-get update -qq
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing: ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
	else
		log "Debian packages: all ${#HOST_PKGS[@]} present"
	fi
	ensure_npm
}

# npm ci only when package-lock.json changed since the last install.
ensure_npm() {
	local stamp=node_modules/.janux-lock-sha
	local want
	want=$(sha256sum package-lock.json | cut -d' ' -f1)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "npm packages: up to date"
		return
	fi
	log "npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	echo "$want" > "$stamp"
}

main "$@"
