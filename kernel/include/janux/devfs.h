/*
 * Character devices and devfs (mounted as type "devtmpfs" on /dev).
 *
 * A driver registers a (major, minor) with its file_operations; opening an
 * S_IFCHR inode with that rdev on any filesystem (devfs or a mknod on
 * tmpfs) installs those ops and calls ops->open. With a name, the node
 * /dev/<name> appears in devfs as well (now, or when devfs is set up).
 */
#ifndef JANUX_DEVFS_H
#define JANUX_DEVFS_H

#include <janux/file.h>
#include <janux/stat.h>

/*
 * Register char device (major, minor). `name` (may be NULL: no node; may
 * contain one '/' level like "pts/0" only if the directory exists) gets
 * mode S_IFCHR | (perm & 0777), owned by root. Returns 0, -EEXIST when the
 * number is taken, -ENOMEM. Kernel lock held.
 */
int chrdev_register(unsigned int major, unsigned int minor, const char *name,
		    mode_t perm, const struct file_operations *fops);

/* The ops registered for rdev, or NULL (open then fails with -ENXIO). */
const struct file_operations *chrdev_lookup(dev_t rdev);

/*
 * The ops for opening block special file `rdev` (raw access to the disk,
 * see kernel/fs/blkdev_file.c), or NULL when no disk has that number.
 */
const struct file_operations *blkdev_lookup(dev_t rdev);

/* Well-known numbers (Linux's devices.txt). */
#define MEM_MAJOR 1   /* 3 null, 5 zero, 7 full, 8 random, 9 urandom */
#define TTY_MAJOR 4   /* ttyN */
#define TTYAUX_MAJOR 5 /* 0 tty, 1 console, 2 ptmx */

#endif
