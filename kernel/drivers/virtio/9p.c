/*
 * virtio-9p (virtio 1.2, 5.3): a 9P transport channel per device, named by
 * the mount tag in its configuration space (`mount -t 9p -o trans=virtio
 * TAG DIR`). One request queue; each exchange is one chain of the request
 * (device-readable) and the reply buffer (device-writable).
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/p9_trans.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/virtio.h>

#define VIRTIO_9P_F_MOUNT_TAG 0
#define VIRTIO_9P_CFG_TAG_LEN 0   /* le16 */
#define VIRTIO_9P_CFG_TAG 2       /* tag_len bytes, no NUL */
#define V9P_QUEUE_SIZE 16
#define V9P_MAX_MSIZE (512u * 1024)

struct virtio_9p {
	struct p9_chan ch;
	struct virtq *vq;
};

static ssize_t v9p_rpc(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap)
{
	struct virtio_9p *v = ch->priv;
	struct virtq_buf bufs[2] = {
		{ (void *)req, (uint32_t)len, false },
		{ reply, (uint32_t)cap, true },
	};
	uint32_t used = 0;
	int err = virtq_transfer(v->vq, bufs, 2, &used);

	return err ? err : (ssize_t)used;
}

static const struct p9_chan_ops v9p_ops = { .rpc = v9p_rpc };

/* The mount tag from configuration space into ch->tag; 0 or -EINVAL. */
static int v9p_read_tag(struct virtio_device *vdev, struct p9_chan *ch)
{
	uint16_t len = 0;

	virtio_read_config(vdev, VIRTIO_9P_CFG_TAG_LEN, &len, 2);
	if (len == 0 || len >= sizeof(ch->tag)) {
		pr_err("virtio-9p: %s: mount tag of %u bytes\n", vdev->where, len);
		return -EINVAL;
	}
	virtio_read_config(vdev, VIRTIO_9P_CFG_TAG, ch->tag, len);
	ch->tag[len] = '\0';
	return strlen(ch->tag) == len ? 0 : -EINVAL;
}

static int v9p_probe(struct virtio_device *vdev)
{
	struct virtio_9p *v;
	int err;

	if (!virtio_has_feature(vdev, VIRTIO_9P_F_MOUNT_TAG))
		return -EINVAL; /* no tag: nothing could name it */
	v = kzalloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	err = v9p_read_tag(vdev, &v->ch);
	if (!err) {
		v->vq = virtq_create(vdev, 0, V9P_QUEUE_SIZE);
		if (IS_ERR(v->vq))
			err = (int)PTR_ERR(v->vq);
	}
	if (err) {
		kfree(v);
		return err;
	}
	v->ch.trans = "virtio";
	v->ch.max_msize = V9P_MAX_MSIZE;
	v->ch.ops = &v9p_ops;
	v->ch.priv = v;
	vdev->priv = v;
	p9_chan_register(&v->ch);
	pr_info("virtio-9p: %s: mount tag \"%s\"\n", vdev->where, v->ch.tag);
	return 0;
}

const struct virtio_driver virtio_9p_driver = {
	.name = "virtio-9p",
	.device_id = VIRTIO_ID_9P,
	.features = 1ull << VIRTIO_9P_F_MOUNT_TAG,
	.probe = v9p_probe,
};
