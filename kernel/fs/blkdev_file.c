/*
 * Block special files opened directly (/dev/vda): byte-addressed reads and
 * writes straight to the disk (uncached: partial sectors go through a
 * one-sector bounce buffer), fsync writing back the block cache's dirty
 * blocks of the disk and flushing it, lseek from the end, and the
 * size/read-only ioctls tools such as blockdev use.
 */
#include <arch.h>
#include <janux/bcache.h>
#include <janux/blkdev.h>
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include "internal.h"

#define SECT BLKDEV_SECTOR_SIZE

/* Linux block ioctls (uapi linux/fs.h); BLKGETSIZE64 encodes sizeof(size_t). */
#define BLKROGET 0x125e
#define BLKGETSIZE 0x1260
#define BLKFLSBUF 0x1261
#define BLKSSZGET 0x1268
#define BLKGETSIZE64 (0x80001272u | ((unsigned int)sizeof(size_t) << 16))

static uint64_t bdev_bytes(const struct blkdev *bd)
{
	return bd->nr_sectors * SECT;
}

static int bdev_open(struct inode *inode, struct file *f)
{
	f->private_data = blkdev_get(inode->rdev);
	return f->private_data ? 0 : -ENXIO;
}

/* Part of one sector at byte `off` (n bytes, within the sector). */
static int bdev_partial(struct blkdev *bd, bool write, uint64_t off, char *buf,
			size_t n)
{
	char *bounce = kmalloc(SECT);
	int err;

	if (!bounce)
		return -ENOMEM;
	err = bd->ops->rw(bd, false, off / SECT, bounce, 1);
	if (!err && write) {
		memcpy(bounce + off % SECT, buf, n);
		err = bd->ops->rw(bd, true, off / SECT, bounce, 1);
	} else if (!err) {
		memcpy(buf, bounce + off % SECT, n);
	}
	kfree(bounce);
	return err;
}

static ssize_t bdev_io(struct file *f, char *buf, size_t len, loff_t *pos,
		       bool write)
{
	struct blkdev *bd = f->private_data;
	size_t done = 0;
	int err = 0;

	if (write && bd->read_only)
		return -EPERM;                 /* as Linux's blkdev_write_iter */
	if (*pos < 0)
		return -EINVAL;
	if ((uint64_t)*pos >= bdev_bytes(bd))
		return write && len ? -ENOSPC : 0;
	if (len > bdev_bytes(bd) - (uint64_t)*pos)
		len = (size_t)(bdev_bytes(bd) - (uint64_t)*pos);
	while (done < len && !err) {
		uint64_t off = (uint64_t)*pos + done;
		size_t n = len - done;

		if (off % SECT == 0 && n >= SECT) {
			n &= ~(size_t)(SECT - 1);
			err = bd->ops->rw(bd, write, off / SECT, buf + done, n / SECT);
		} else {
			if (n > SECT - off % SECT)
				n = SECT - off % SECT;
			err = bdev_partial(bd, write, off, buf + done, n);
		}
		if (!err)
			done += n;
	}
	*pos += (loff_t)done;
	return done ? (ssize_t)done : err;
}

static ssize_t bdev_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	return bdev_io(f, buf, len, pos, false);
}

static ssize_t bdev_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return bdev_io(f, (char *)buf, len, pos, true);
}

static loff_t bdev_llseek(struct file *f, loff_t off, int whence)
{
	return generic_llseek(f, off, whence, (loff_t)bdev_bytes(f->private_data));
}

/* As Linux's fsync of a block device: a mounted filesystem's dirty blocks
 * on this disk are written back, then the disk is flushed. */
static int bdev_fsync(struct file *f, bool datasync)
{
	return bcache_sync(f->private_data);
}

static long bdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct blkdev *bd = f->private_data;
	uint64_t bytes = bdev_bytes(bd);
	unsigned long sectors = (unsigned long)bd->nr_sectors;
	int val;

	switch (cmd) {
	case BLKGETSIZE64:
		return arch_copy_to_user(arg, &bytes, sizeof(bytes));
	case BLKGETSIZE:
		return arch_copy_to_user(arg, &sectors, sizeof(sectors));
	case BLKSSZGET:
	case BLKROGET:
		val = cmd == BLKSSZGET ? SECT : bd->read_only;
		return arch_copy_to_user(arg, &val, sizeof(val));
	case BLKFLSBUF:                        /* write back, then drop clean blocks */
		val = bcache_sync(bd);
		if (!val)
			bcache_forget(bd, false);
		return val;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations bdev_fops = {
	.open = bdev_open,
	.read = bdev_read,
	.write = bdev_write,
	.llseek = bdev_llseek,
	.ioctl = bdev_ioctl,
	.fsync = bdev_fsync,
};

const struct file_operations *blkdev_lookup(dev_t rdev)
{
	return blkdev_get(rdev) ? &bdev_fops : NULL;
}
