#!/bin/busybox sh
# init for bin/janux-qemu's initramfs (any kernel: Janux or Linux). Mounts
# /dev and /proc if the kernel did not, installs busybox's applet links if
# the image has none, then either runs the command in /janux-cmd between
# "@@TAG:start" and "@@TAG:exit:STATUS" markers (TAG from /janux-tag) or
# gives the console an interactive shell; powers off when that ends.
bb=/bin/busybox
[ -e /dev/console ] && [ -c /dev/null ] || $bb mount -t devtmpfs devtmpfs /dev
[ -e /proc/self ] || $bb mount -t proc proc /proc
exec </dev/console >/dev/console 2>&1
[ -e /bin/sh ] && [ -e /bin/setsid ] || $bb --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/ TERM=${TERM:-vt100}
# An ext2 disk on vda (ext2's magic at byte 1080; hexdump, as our own
# busybox's od has no -A), unless already mounted (root=), holds /home.
if [ -b /dev/vda ] && ! grep -q '^/dev/vda ' /proc/mounts &&
	[ "$(hexdump -s 1080 -n 2 -e '2/1 "%02x"' /dev/vda 2>/dev/null)" = 53ef ]; then
	mkdir -p /home && mount -t ext2 /dev/vda /home
fi
# A 9P share with mount tag "host" (janux-qemu --share DIR), if any.
mkdir -p /mnt/host && mount -t 9p -o trans=virtio,version=9p2000.L,msize=131072 host /mnt/host 2>/dev/null
if [ -f /janux-cmd ]; then
	tag=$(cat /janux-tag)
	echo "@@$tag:start"
	setsid -c sh -c "$(cat /janux-cmd)"
	echo "@@$tag:exit:$?"
else
	setsid -c sh -l
fi
poweroff -f
