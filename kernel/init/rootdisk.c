/*
 * root=: booting from a disk. The disk is mounted on /sysroot in the boot
 * namespace and pid 1 is chrooted into it, so init and everything it
 * starts see the disk as "/" (docs/virtio.md, "Booting from a disk").
 */
#include <janux/boot.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/init.h>
#include <janux/printk.h>
#include <janux/vfs.h>

#define SYSROOT "/sysroot"

static bool root_mounted;

void boot_mount_root(void)
{
	char dev[64], type[16] = "ext2", word[2];
	unsigned long flags = 0;
	int err;

	if (!cmdline_get("root", dev, sizeof(dev)) || !dev[0])
		return;
	cmdline_get("rootfstype", type, sizeof(type));
	if (cmdline_get("ro", word, sizeof(word)))
		flags |= MS_RDONLY;
	err = vfs_mkdir_at(AT_FDCWD, SYSROOT, 0755);
	if (!err || err == -EEXIST)
		err = vfs_mount(dev, SYSROOT, type, flags, NULL);
	if (err)
		panic("VFS: Unable to mount root fs %s (%s) (error %d)", dev, type, err);
	pr_info("VFS: Mounted root (%s filesystem%s) on device %s.\n", type,
		flags & MS_RDONLY ? " readonly" : "", dev);
	root_mounted = true;
}

void boot_enter_root(void)
{
	int err;

	if (!root_mounted)
		return;
	err = vfs_chroot(SYSROOT);
	if (!err)
		err = vfs_chdir_at(AT_FDCWD, "/", 0);
	if (err)
		panic("VFS: cannot enter the root fs (error %d)", err);
}
