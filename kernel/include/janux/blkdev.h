/*
 * Block devices: what a disk driver (virtio-blk on either machine, a file
 * in the host unit tests) offers to the block cache and filesystems.
 * Sectors are 512 bytes, as in virtio-blk and Linux.
 */
#ifndef JANUX_BLKDEV_H
#define JANUX_BLKDEV_H

#include <janux/stat.h>
#include <janux/types.h>

#define BLKDEV_SECTOR_SIZE 512

struct blkdev;

struct blkdev_ops {
	/*
	 * Transfer `nsect` sectors starting at `sector` between the device
	 * and `buf` (kernel memory): read into it, or with `write` from it.
	 * Sleeps until the device has completed the request. A write is
	 * complete, not durable: durability needs flush(). Returns 0, -EIO
	 * (device error, or a range past the end), -EROFS (write to a
	 * read-only device). Kernel lock held; may sleep.
	 */
	int (*rw)(struct blkdev *bd, bool write, uint64_t sector, void *buf,
		  size_t nsect);
	/*
	 * Make every completed write durable (virtio-blk FLUSH). Returns 0 or
	 * -EIO. Kernel lock held; may sleep.
	 */
	int (*flush)(struct blkdev *bd);
};

struct blkdev {
	char name[16];              /* "vda": also its /dev name */
	uint64_t nr_sectors;        /* capacity in 512-byte sectors */
	bool read_only;
	dev_t devt;                 /* set by blkdev_register */
	const struct blkdev_ops *ops;
	void *priv;                 /* the driver's */
};

/*
 * Make `bd` known: give it a device number and a /dev/<name> block special
 * node. Returns 0, -EEXIST (name taken) or -ENOMEM. Kernel lock held.
 */
int blkdev_register(struct blkdev *bd);

/* The registered device with this device number, or NULL. Kernel lock held. */
struct blkdev *blkdev_get(dev_t devt);

#endif
