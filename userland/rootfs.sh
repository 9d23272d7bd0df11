#!/usr/bin/env bash
# Describe the Janux root filesystem as a mkcpio.py manifest (on stdout).
#
#   userland/rootfs.sh BUSYBOX BUSYBOX_LINKS GENDIR > rootfs.list
#
# BUSYBOX is the (stripped) binary, BUSYBOX_LINKS the busybox.links file of
# the same build (one applet path per line). GENDIR receives generated files
# (/etc/motd with the version from VERSION). Everything is owned by root
# except /home/user (uid/gid 1000). The manifest is the whole image: the FHS
# 3.0 tree (with /mnt/host and ~root/host for the host share), /etc from
# userland/etc/, the console and null device nodes, and one symlink per
# busybox applet.
set -euo pipefail

die() { printf 'rootfs: %s\n' "$*" >&2; exit 1; }
[ $# -eq 3 ] || die "usage: $0 BUSYBOX BUSYBOX_LINKS GENDIR"
busybox=$1 links=$2 gen=$3
top=$(cd "$(dirname "$0")/.." && pwd)
etc=$top/userland/etc
[ -f "$busybox" ] || die "no busybox binary at $busybox"
[ -s "$links" ] || die "no applet list at $links"

version=$(cat "$top/VERSION")
mkdir -p "$gen"
sed "s/@VERSION@/$version/" "$etc/motd.in" > "$gen/motd"

# FHS 3.0 directories (mode path).
dirs() {
	cat <<-'LIST'
	0755 /bin
	0755 /boot
	0755 /dev
	0755 /etc
	0755 /etc/init.d
	0755 /home
	0755 /lib
	0755 /media
	0755 /mnt
	0755 /mnt/host
	0755 /opt
	0555 /proc
	0700 /root
	0755 /run
	0755 /sbin
	0755 /srv
	0555 /sys
	1777 /tmp
	0755 /usr
	0755 /usr/bin
	0755 /usr/lib
	0755 /usr/local
	0755 /usr/local/bin
	0755 /usr/local/sbin
	0755 /usr/sbin
	0755 /usr/share
	0755 /var
	0755 /var/cache
	0755 /var/lib
	0755 /var/log
	0755 /var/spool
	1777 /var/tmp
	LIST
}

dirs | while read -r mode path; do echo "dir $path $mode 0 0"; done
echo "dir /home/user 0755 1000 1000"
echo "slink /var/run ../run 0777 0 0"
# The host share's mount point, linked from root's home (docs/9p.md).
echo "slink /root/host /mnt/host 0777 0 0"

echo "nod /dev/console 0600 0 0 c 5 1"
echo "nod /dev/null 0666 0 0 c 1 3"

for f in group hostname inittab passwd profile shells; do
	echo "file /etc/$f $etc/$f 0644 0 0"
done
echo "file /etc/shadow $etc/shadow 0600 0 0"
echo "file /etc/init.d/rcS $etc/init.d/rcS 0755 0 0"
echo "file /etc/motd $gen/motd 0644 0 0"

# setuid root so su, passwd and login work for `user`; busybox drops the
# privilege for every applet that does not need it (FEATURE_SUID).
echo "file /bin/busybox $busybox 04755 0 0"
echo "slink /init sbin/init 0777 0 0"

# Applet links, relative so the tree also works when mounted elsewhere.
while read -r path; do
	case $path in
	/bin/busybox) continue ;;
	/bin/*) target=busybox ;;
	/sbin/*) target=../bin/busybox ;;
	/usr/bin/*|/usr/sbin/*) target=../../bin/busybox ;;
	*) die "unexpected applet path $path in $links" ;;
	esac
	echo "slink $path $target 0777 0 0"
done < "$links"
