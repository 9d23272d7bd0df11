/* vfs_init: the built-in filesystems and the boot-time mount tree. */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/printk.h>
#include "internal.h"

int vfs_init(bool with_dev_proc)
{
	int err;

	vfs_register_fs(&tmpfs_type);
	vfs_register_fs(&devtmpfs_type);
	vfs_register_fs(&procfs_type);
	vfs_register_fs(&ext2_type);
	vfs_register_fs(&v9fs_type);                           /* 9p shares */
	err = devmem_init();                                   /* /dev/null & co. */
	if (!err)
		err = procfs_sys_init();                       /* /proc/meminfo & co. */
	if (!err)
		err = procfs_sysctl_init();                    /* /proc/sys */
	if (!err)
		err = procfs_pid_init();                       /* /proc/<pid>, self */
	if (!err)
		err = vfs_mount("rootfs", "/", "tmpfs", 0, NULL); /* "/" */
	if (err || !with_dev_proc)
		return err;
	return vfs_mount_dev_proc();
}

/* mkdir that accepts a directory the initramfs already made. */
static int mkdir_or_existing(const char *path, mode_t mode)
{
	int err = vfs_mkdir_at(AT_FDCWD, path, mode);

	return err == -EEXIST ? 0 : err;
}

int vfs_mount_dev_proc(void)
{
	int err = mkdir_or_existing("/dev", 0755);

	if (!err)
		err = vfs_mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, NULL);
	if (!err)
		err = mkdir_or_existing("/proc", 0555);
	if (!err)
		err = vfs_mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (err)
		pr_err("vfs: cannot set up /dev and /proc: %d\n", err);
	return err;
}
