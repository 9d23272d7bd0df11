/*
 * virtio-blk (virtio 1.2, 5.2): a disk as a struct blkdev (/dev/vda, vdb...):
 * read, write and flush requests on one queue, capacity and read-only from
 * the device.
 */
#include <janux/blkdev.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/virtio.h>

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_FLUSH 9

#define VIRTIO_BLK_CFG_CAPACITY 0      /* le64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX 8      /* le32, largest segment */

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4

#define VIRTIO_BLK_S_OK 0

#define BLK_QUEUE_SIZE 128
#define BLK_MAX_REQUEST (128 * 1024)   /* bytes per request, at most */

struct virtio_blk {
	struct blkdev bd;
	struct virtio_device *vdev;
	struct virtq *vq;
	uint32_t max_sectors;          /* per request */
};

/* What the device reads before the data, and writes after it. */
struct virtio_blk_req {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
	uint8_t status;
};

/* One request: header, optional data, status. 0 or -EIO. */
static int blk_request(struct virtio_blk *vb, uint32_t type, uint64_t sector,
		       void *data, uint32_t len)
{
	struct virtio_blk_req *r = kzalloc(sizeof(*r));
	struct virtq_buf bufs[3];
	unsigned int n = 0;
	int err;

	if (!r)
		return -ENOMEM;
	r->type = type;
	r->sector = sector;
	r->status = 0xff;
	bufs[n++] = (struct virtq_buf){ r, 16, false };
	if (len)
		bufs[n++] = (struct virtq_buf){ data, len, type == VIRTIO_BLK_T_IN };
	bufs[n++] = (struct virtq_buf){ &r->status, 1, true };
	err = virtq_transfer(vb->vq, bufs, n, NULL);
	if (!err && r->status != VIRTIO_BLK_S_OK) {
		pr_err("%s: request type %u at sector %llu failed (status %u)\n",
		       vb->bd.name, type, (unsigned long long)sector, r->status);
		err = -EIO;
	}
	kfree(r);
	return err;
}

static int blk_rw(struct blkdev *bd, bool write, uint64_t sector, void *buf,
		  size_t nsect)
{
	struct virtio_blk *vb = bd->priv;
	char *p = buf;

	if (write && bd->read_only)
		return -EROFS;
	if (sector > bd->nr_sectors || nsect > bd->nr_sectors - sector)
		return -EIO;
	while (nsect) {
		size_t n = nsect < vb->max_sectors ? nsect : vb->max_sectors;
		int err = blk_request(vb, write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN,
				      sector, p, (uint32_t)(n * BLKDEV_SECTOR_SIZE));

		if (err)
			return err;
		sector += n;
		p += n * BLKDEV_SECTOR_SIZE;
		nsect -= n;
	}
	return 0;
}

/* Without VIRTIO_BLK_F_FLUSH the device writes through: nothing to do. */
static int blk_flush(struct blkdev *bd)
{
	struct virtio_blk *vb = bd->priv;

	if (!virtio_has_feature(vb->vdev, VIRTIO_BLK_F_FLUSH))
		return 0;
	return blk_request(vb, VIRTIO_BLK_T_FLUSH, 0, NULL, 0);
}

static const struct blkdev_ops virtio_blk_ops = {
	.rw = blk_rw,
	.flush = blk_flush,
};

/* Largest request in sectors: our cap, or the device's segment limit. */
static uint32_t blk_max_sectors(struct virtio_device *vdev)
{
	uint32_t bytes = BLK_MAX_REQUEST, size_max;

	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX)) {
		virtio_read_config(vdev, VIRTIO_BLK_CFG_SIZE_MAX, &size_max, 4);
		if (size_max >= BLKDEV_SECTOR_SIZE && size_max < bytes)
			bytes = size_max;
	}
	return bytes / BLKDEV_SECTOR_SIZE;
}

static int blk_probe(struct virtio_device *vdev)
{
	static unsigned int ndisks;
	struct virtio_blk *vb;
	int err;

	if (ndisks >= 26)
		return -ENOSPC;
	vb = kzalloc(sizeof(*vb));
	if (!vb)
		return -ENOMEM;
	vb->vdev = vdev;
	vb->vq = virtq_create(vdev, 0, BLK_QUEUE_SIZE);
	if (IS_ERR(vb->vq)) {
		err = (int)PTR_ERR(vb->vq);
		kfree(vb);
		return err;
	}
	vb->max_sectors = blk_max_sectors(vdev);
	virtio_read_config(vdev, VIRTIO_BLK_CFG_CAPACITY, &vb->bd.nr_sectors, 8);
	vb->bd.read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	vb->bd.ops = &virtio_blk_ops;
	vb->bd.priv = vb;
	snprintf(vb->bd.name, sizeof(vb->bd.name), "vd%c", 'a' + ndisks);
	err = blkdev_register(&vb->bd);
	if (err) {
		kfree(vb);             /* its queue stays with the FAILED device */
		return err;
	}
	vdev->priv = vb;
	ndisks++;
	pr_info("%s: virtio-blk at %s, %llu sectors (%llu MiB)%s%s\n", vb->bd.name,
		vdev->where, (unsigned long long)vb->bd.nr_sectors,
		(unsigned long long)(vb->bd.nr_sectors >> 11),
		vb->bd.read_only ? ", read-only" : "",
		virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH) ? ", write cache (flush)" : "");
	return 0;
}

const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.features = (1ULL << VIRTIO_BLK_F_SIZE_MAX) | (1ULL << VIRTIO_BLK_F_RO) |
		    (1ULL << VIRTIO_BLK_F_FLUSH),
	.probe = blk_probe,
};
