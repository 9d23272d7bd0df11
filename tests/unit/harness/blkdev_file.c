/* File-backed block devices for tests, registered with the kernel's
 * block device registry (kernel/fs/blkdev.c). */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/vfs.h>
#include "blkdev_file.h"
#include "host_file.h"

struct file_dev {
	struct blkdev bd;
	int fd;
	struct blkdev_file_stats st;
};

static int file_rw(struct blkdev *bd, bool write, uint64_t sector, void *buf, size_t nsect)
{
	struct file_dev *d = bd->priv;

	if (sector + nsect > bd->nr_sectors || sector + nsect > d->st.fail_from)
		return -EIO;
	if (write && bd->read_only)
		return -EROFS;
	if (write) {
		d->st.writes++;
		if (sector < d->st.last_write_sector)
			d->st.writes_in_order = false;
		d->st.last_write_sector = sector;
	} else {
		d->st.reads++;
	}
	return host_file_pio(d->fd, write, sector * BLKDEV_SECTOR_SIZE, buf,
			     nsect * BLKDEV_SECTOR_SIZE) ? -EIO : 0;
}

static int file_flush(struct blkdev *bd)
{
	struct file_dev *d = bd->priv;

	d->st.flushes++;
	d->st.last_write_sector = 0;
	return host_file_sync(d->fd) ? -EIO : 0;
}

static const struct blkdev_ops file_ops = { .rw = file_rw, .flush = file_flush };

struct blkdev *blkdev_file_open(const char *path, const char *name, bool ro)
{
	struct file_dev *d = kzalloc(sizeof(*d));
	int64_t size;

	if (!d)
		panic("blkdev_file: no memory");
	d->fd = host_file_open(path, ro);
	size = d->fd < 0 ? -1 : host_file_size(d->fd);
	if (size < 0)
		panic("blkdev_file: cannot open %s", path);
	memcpy(d->bd.name, name, MIN(strlen(name), sizeof(d->bd.name) - 1));
	d->bd.nr_sectors = (uint64_t)size / BLKDEV_SECTOR_SIZE;
	d->bd.read_only = ro;
	d->bd.ops = &file_ops;
	d->bd.priv = d;
	d->st.writes_in_order = true;
	d->st.fail_from = UINT64_MAX;
	if (blkdev_register(&d->bd))
		panic("blkdev_file: cannot register %s", name);
	return &d->bd;
}

struct blkdev_file_stats *blkdev_file_stats(struct blkdev *bd)
{
	return &((struct file_dev *)bd->priv)->st;
}
