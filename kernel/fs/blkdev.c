/*
 * The block device registry: device numbers and /dev nodes for the disks
 * drivers register (see janux/blkdev.h).
 */
#include <janux/blkdev.h>
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/string.h>
#include "devfs_int.h"

#define MAX_BLKDEVS 64
/* Linux gives virtio-blk its first dynamic block major, 254 on a typical
 * system, and 16 minors per disk (the disk and 15 partitions). */
#define BLKDEV_MAJOR 254
#define BLKDEV_MINORS 16

static struct blkdev *blkdevs[MAX_BLKDEVS];

int blkdev_register(struct blkdev *bd)
{
	int slot = -1, err;

	for (int i = 0; i < MAX_BLKDEVS; i++) {
		if (blkdevs[i] && !strcmp(blkdevs[i]->name, bd->name))
			return -EEXIST;
		if (!blkdevs[i] && slot < 0)
			slot = i;
	}
	if (slot < 0)
		return -ENOMEM;
	bd->devt = MKDEV(BLKDEV_MAJOR, slot * BLKDEV_MINORS);
	err = devfs_add_node(bd->name, S_IFBLK | 0660, bd->devt);

	if (err)
		return err;
	blkdevs[slot] = bd;
	return 0;
}

struct blkdev *blkdev_get(dev_t devt)
{
	for (int i = 0; i < MAX_BLKDEVS; i++)
		if (blkdevs[i] && blkdevs[i]->devt == devt)
			return blkdevs[i];
	return NULL;
}
