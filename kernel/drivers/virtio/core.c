/*
 * The virtio core: binds devices that transports find to drivers by device
 * id, runs the status/feature handshake (virtio 1.2, 3.1.1) and dispatches
 * interrupts to the device's virtqueues.
 */
#include <janux/errno.h>
#include <janux/printk.h>
#include <janux/virtio.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "virtio structures are little-endian; so is every Janux target");

/* Every driver the kernel has, matched by device id. */
static const struct virtio_driver *const drivers[] = {
	&virtio_blk_driver,
	&virtio_9p_driver,
};

static const struct virtio_driver *find_driver(uint32_t device_id)
{
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i]->device_id == device_id)
			return drivers[i];
	return NULL;
}

static void add_status(struct virtio_device *vdev, uint8_t bits)
{
	vdev->ops->set_status(vdev, vdev->ops->get_status(vdev) | bits);
}

/* Accept what both sides know; the device must be modern. */
static int negotiate(struct virtio_device *vdev, const struct virtio_driver *drv)
{
	uint64_t offered = vdev->ops->get_features(vdev);
	uint64_t wanted = drv->features | (1ULL << VIRTIO_F_VERSION_1);

	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		pr_err("virtio: %s: device does not offer VIRTIO_F_VERSION_1 "
		       "(legacy only): not supported\n", vdev->where);
		return -EINVAL;
	}
	vdev->features = offered & wanted;
	vdev->ops->set_features(vdev, vdev->features);
	add_status(vdev, VIRTIO_STATUS_FEATURES_OK);
	if (!(vdev->ops->get_status(vdev) & VIRTIO_STATUS_FEATURES_OK)) {
		pr_err("virtio: %s: device refused features %#llx\n", vdev->where,
		       (unsigned long long)vdev->features);
		return -EINVAL;
	}
	return 0;
}

int virtio_device_add(struct virtio_device *vdev)
{
	const struct virtio_driver *drv = find_driver(vdev->device_id);
	int err;

	if (!drv) {
		pr_info("virtio: %s: device id %u, no driver\n", vdev->where,
			vdev->device_id);
		return -ENODEV;
	}
	vdev->ops->set_status(vdev, 0);        /* reset */
	if (vdev->ops->get_status(vdev)) {
		pr_err("virtio: %s: device does not complete its reset\n", vdev->where);
		return -EIO;
	}
	add_status(vdev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	err = negotiate(vdev, drv);
	if (!err) {
		vdev->driver = drv;
		err = drv->probe(vdev);
	}
	if (err) {
		vdev->driver = NULL;
		add_status(vdev, VIRTIO_STATUS_FAILED);
		pr_err("virtio: %s: %s driver failed (error %d)\n", vdev->where,
		       drv->name, err);
		return err;
	}
	add_status(vdev, VIRTIO_STATUS_DRIVER_OK);
	return 0;
}

void virtio_interrupt(struct virtio_device *vdev)
{
	uint32_t cause = vdev->ops->ack_interrupt(vdev);

	if (!(cause & VIRTIO_INT_USED))
		return;
	for (int i = 0; i < VIRTIO_MAX_QUEUES; i++)
		if (vdev->vqs[i])
			virtq_complete(vdev->vqs[i]);
}

void virtio_init(void)
{
	virtio_mmio_probe_all();               /* QEMU's virtio-mmio slots */
}
