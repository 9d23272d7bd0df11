/*
 * The virtio-mmio transport (virtio 1.2, 4.2.2: version 2 registers only),
 * portable C over the arch's register accessors. The arch declares the
 * slots it found (QEMU virt: from the device tree); empty slots have
 * device id 0.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/virtio.h>

#define MMIO_MAGIC 0x000
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_DEVICE_FEATURES 0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES 0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_QUEUE_SEL 0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_READY 0x044
#define MMIO_QUEUE_NOTIFY 0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK 0x064
#define MMIO_STATUS 0x070
#define MMIO_QUEUE_DESC_LOW 0x080
#define MMIO_QUEUE_DESC_HIGH 0x084
#define MMIO_QUEUE_DRIVER_LOW 0x090
#define MMIO_QUEUE_DRIVER_HIGH 0x094
#define MMIO_QUEUE_DEVICE_LOW 0x0a0
#define MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define MMIO_CONFIG_GENERATION 0x0fc
#define MMIO_CONFIG 0x100

#define MMIO_MAGIC_VALUE 0x74726976    /* "virt" */
#define MMIO_MAX_SLOTS 32

struct mmio_slot {
	char *base;
	unsigned long phys;
	unsigned int irq;
};

static struct mmio_slot slots[MMIO_MAX_SLOTS];
static unsigned int nslots;

void virtio_mmio_declare(void *base, unsigned long phys, unsigned int irq)
{
	if (nslots < MMIO_MAX_SLOTS)
		slots[nslots++] = (struct mmio_slot){ base, phys, irq };
}

static uint32_t rd(struct virtio_device *vdev, unsigned int reg)
{
	return arch_mmio_read((char *)vdev->transport + reg, 4);
}

static void wr(struct virtio_device *vdev, unsigned int reg, uint32_t val)
{
	arch_mmio_write((char *)vdev->transport + reg, val, 4);
}

/* One config field access: the spec wants the field's own width (8-byte
 * fields as two 4-byte halves); anything else goes byte by byte. */
static unsigned int config_width(unsigned int off, unsigned int left)
{
	if ((left == 4 || left == 8) && !(off & 3))
		return 4;
	if (left == 2 && !(off & 1))
		return 2;
	return 1;
}

static void mmio_read_config(struct virtio_device *vdev, unsigned int off,
			     void *buf, unsigned int len)
{
	uint32_t gen;

	do {
		gen = rd(vdev, MMIO_CONFIG_GENERATION);
		for (unsigned int done = 0, w; done < len; done += w) {
			uint32_t v;

			w = config_width(off + done, len - done);
			v = arch_mmio_read((char *)vdev->transport + MMIO_CONFIG + off + done, w);
			for (unsigned int b = 0; b < w; b++)
				((uint8_t *)buf)[done + b] = (uint8_t)(v >> (8 * b));
		}
	} while (gen != rd(vdev, MMIO_CONFIG_GENERATION));
}

static void mmio_write_config(struct virtio_device *vdev, unsigned int off,
			      const void *buf, unsigned int len)
{
	for (unsigned int done = 0, w; done < len; done += w) {
		uint32_t v = 0;

		w = config_width(off + done, len - done);
		for (unsigned int b = 0; b < w; b++)
			v |= (uint32_t)((const uint8_t *)buf)[done + b] << (8 * b);
		arch_mmio_write((char *)vdev->transport + MMIO_CONFIG + off + done, v, w);
	}
}

static uint8_t mmio_get_status(struct virtio_device *vdev)
{
	return (uint8_t)rd(vdev, MMIO_STATUS);
}

#define MMIO_RESET_POLLS 1000000

static void mmio_set_status(struct virtio_device *vdev, uint8_t status)
{
	unsigned int polls = 0;

	wr(vdev, MMIO_STATUS, status);
	if (status)
		return;
	while (rd(vdev, MMIO_STATUS) && ++polls < MMIO_RESET_POLLS)
		;        /* reset completes when 0 reads back; the core checks */
}

static uint64_t mmio_get_features(struct virtio_device *vdev)
{
	uint64_t f;

	wr(vdev, MMIO_DEVICE_FEATURES_SEL, 1);
	f = (uint64_t)rd(vdev, MMIO_DEVICE_FEATURES) << 32;
	wr(vdev, MMIO_DEVICE_FEATURES_SEL, 0);
	return f | rd(vdev, MMIO_DEVICE_FEATURES);
}

static void mmio_set_features(struct virtio_device *vdev, uint64_t features)
{
	wr(vdev, MMIO_DRIVER_FEATURES_SEL, 1);
	wr(vdev, MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
	wr(vdev, MMIO_DRIVER_FEATURES_SEL, 0);
	wr(vdev, MMIO_DRIVER_FEATURES, (uint32_t)features);
}

static unsigned int mmio_queue_max(struct virtio_device *vdev, unsigned int index)
{
	wr(vdev, MMIO_QUEUE_SEL, index);
	if (rd(vdev, MMIO_QUEUE_READY))
		return 0;                      /* in use: not ours to set up */
	return rd(vdev, MMIO_QUEUE_NUM_MAX);
}

static int mmio_queue_enable(struct virtio_device *vdev, unsigned int index,
			     unsigned int num, uint64_t desc, uint64_t avail,
			     uint64_t used)
{
	wr(vdev, MMIO_QUEUE_SEL, index);
	wr(vdev, MMIO_QUEUE_NUM, num);
	wr(vdev, MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
	wr(vdev, MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
	wr(vdev, MMIO_QUEUE_DRIVER_LOW, (uint32_t)avail);
	wr(vdev, MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(avail >> 32));
	wr(vdev, MMIO_QUEUE_DEVICE_LOW, (uint32_t)used);
	wr(vdev, MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(used >> 32));
	wr(vdev, MMIO_QUEUE_READY, 1);
	return rd(vdev, MMIO_QUEUE_READY) == 1 ? 0 : -EIO;
}

static void mmio_notify(struct virtio_device *vdev, unsigned int index)
{
	wr(vdev, MMIO_QUEUE_NOTIFY, index);
}

static uint32_t mmio_ack_interrupt(struct virtio_device *vdev)
{
	uint32_t cause = rd(vdev, MMIO_INTERRUPT_STATUS);

	wr(vdev, MMIO_INTERRUPT_ACK, cause);
	return cause;
}

static const struct virtio_transport_ops mmio_ops = {
	.read_config = mmio_read_config,
	.write_config = mmio_write_config,
	.get_status = mmio_get_status,
	.set_status = mmio_set_status,
	.get_features = mmio_get_features,
	.set_features = mmio_set_features,
	.queue_max = mmio_queue_max,
	.queue_enable = mmio_queue_enable,
	.notify = mmio_notify,
	.ack_interrupt = mmio_ack_interrupt,
};

static void mmio_irq(void *arg)
{
	virtio_interrupt(arg);
}

/* Check one slot's identity; hand a present modern device to the core. */
static void mmio_probe(const struct mmio_slot *s)
{
	uint32_t magic = arch_mmio_read(s->base + MMIO_MAGIC, 4);
	uint32_t version = arch_mmio_read(s->base + MMIO_VERSION, 4);
	uint32_t id = arch_mmio_read(s->base + MMIO_DEVICE_ID, 4);
	struct virtio_device *vdev;

	if (magic != MMIO_MAGIC_VALUE || !id)
		return;                        /* not virtio, or an empty slot */
	if (version != 2) {
		pr_err("virtio-mmio@%#lx: device id %u uses register version %u; "
		       "only version 2 (virtio 1.x) is supported: give QEMU "
		       "-global virtio-mmio.force-legacy=false\n", s->phys, id, version);
		return;
	}
	vdev = kzalloc(sizeof(*vdev));
	if (!vdev)
		return;
	vdev->device_id = id;
	vdev->ops = &mmio_ops;
	vdev->transport = s->base;
	snprintf(vdev->where, sizeof(vdev->where), "mmio@%#lx", s->phys);
	if (arch_irq_attach(s->irq, mmio_irq, vdev)) {
		pr_err("virtio: %s: cannot attach irq %u\n", vdev->where, s->irq);
		kfree(vdev);
		return;
	}
	virtio_device_add(vdev);
}

void virtio_mmio_probe_all(void)
{
	for (unsigned int i = 0; i < nslots; i++)
		mmio_probe(&slots[i]);
}
