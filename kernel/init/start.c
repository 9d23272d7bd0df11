/* Boot's second half: subsystems, the initramfs, pid 1 and its console. */
#include <arch.h>
#include <janux/boot.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/fs_struct.h>
#include <janux/init.h>
#include <janux/initramfs.h>
#include <janux/printk.h>
#include <janux/task.h>
#include <janux/tty.h>
#include <janux/virtio.h>
#include <janux/vfs.h>

static const void *initrd_data;
static size_t initrd_len;
static bool sched_started;

void initrd_set(const void *data, size_t len)
{
	initrd_data = data;
	initrd_len = len;
}

bool boot_tasks_can_sleep(void)
{
	return sched_started;
}

void boot_subsystems(void)
{
	int err = vfs_init(false);             /* tmpfs / */

	if (err)
		panic("VFS: cannot mount the root filesystem (error %d)", err);
	if (initrd_data) {                     /* initramfs into / */
		err = initramfs_unpack(initrd_data, initrd_len);
		if (err)
			pr_err("Initramfs unpacking failed: error %d\n", err);
	}
	vfs_mount_dev_proc();                  /* /dev devtmpfs, /proc */
	err = tty_console_init();              /* /dev/console, /dev/tty */
	if (err)
		pr_err("tty: cannot register the console (error %d)\n", err);
	virtio_init();                         /* disks (/dev/vdX), shares */
	boot_mount_root();                     /* root= disk on /sysroot */
}

/* fds 0, 1, 2 on /dev/console, as Linux's console_on_rootfs(). */
static void console_fds(struct task *t)
{
	struct file *f = vfs_open_at(AT_FDCWD, "/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console.\n");
		return;
	}
	if (fd_install(t->files, f, 0, false) != 0) {
		file_put(f);
		return;
	}
	fd_install_at(t->files, 1, f, false);
	fd_install_at(t->files, 2, f, false);
}

/* exec `path` as init; 0 on success. */
static long run_init(const char *path)
{
	const char *argv[] = { path, NULL };
	const char *envp[] = { "HOME=/", "TERM=linux", NULL };

	pr_info("Run %s as init process\n", path);
	return exec_kernel(path, argv, envp);
}

__noreturn void boot_start_init(void)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init",
						"/bin/init", "/bin/sh" };
	static char init_path[256];
	struct task *t = task_create_init(fs_struct_alloc(), files_alloc());
	bool started = false;
	long err;

	if (t->files)
		console_fds(t);
	boot_enter_root();                     /* root=: chroot to the disk */
	if (cmdline_get("init", init_path, sizeof(init_path)) && init_path[0]) {
		err = run_init(init_path);
		if (err)
			panic("Requested init %s failed (error %ld).", init_path, err);
		started = true;
	}
	for (size_t i = 0; !started && i < ARRAY_SIZE(defaults); i++)
		started = run_init(defaults[i]) == 0;
	if (!started)
		panic("No working init found.");
	arch_task_start(t);
	sched_started = true;
	arch_sched_start();
}
