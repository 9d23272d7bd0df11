/*
 * The last steps of boot (kernel/init/start.c): the initramfs the arch
 * found, the subsystems kernel_main brings up, and starting pid 1.
 */
#ifndef JANUX_BOOT_H
#define JANUX_BOOT_H

#include <janux/compiler.h>
#include <janux/types.h>

/*
 * Tell the core where the initramfs is (newc cpio, plain or gzip). The
 * arch calls it before kernel_main when the machine has one (QEMU's
 * -initrd / the host's image); the memory must stay readable until init
 * runs. Without a call, the root filesystem starts empty.
 */
void initrd_set(const void *data, size_t len);

/*
 * Bring up the VFS (tmpfs root, /dev, /proc), unpack the initramfs, and
 * register the console terminal. Panics when the root cannot be set up.
 */
void boot_subsystems(void);

/*
 * True once boot has handed the CPU to the scheduler (boot_start_init's
 * last step). Before that no task can sleep: code waiting for a device
 * polls instead (virtqueues during a root= mount and pid 1's exec).
 */
bool boot_tasks_can_sleep(void);

/*
 * root=DEV [rootfstype=TYPE] [ro]: mount DEV (TYPE, default ext2;
 * read-only with `ro`, else read-write) on /sysroot once the disks are
 * probed; panics when it cannot. Nothing without root=. Called by
 * boot_subsystems(); boot_start_init() then makes /sysroot pid 1's root.
 */
void boot_mount_root(void);

/* Make the root= disk the current task's root and cwd (no-op without one). */
void boot_enter_root(void);

/*
 * Create pid 1 with /dev/console on fds 0-2, exec `init=` from the
 * command line (panic "Requested init ... failed" if it cannot run) or
 * else the first of /sbin/init, /etc/init, /bin/init, /bin/sh that runs
 * (panic "No working init found." when none does), then hand the CPU to
 * the arch scheduler. Never returns.
 */
__noreturn void boot_start_init(void);

#endif
