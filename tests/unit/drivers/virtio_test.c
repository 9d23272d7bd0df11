/*
 * kernel/drivers/virtio: the core, the virtio-mmio transport and virtio-blk
 * against a fake virtio-mmio block device (a register model over host
 * memory that serves requests from its rings at once when notified):
 * probing and feature negotiation, reads/writes/flush with request
 * splitting, range and read-only checks, device errors, legacy and
 * non-modern devices refused, a device reporting a bogus used id, and the
 * interrupt acknowledging the device, a device that never resets.
 */
#include <string.h>

#include <janux/blkdev.h>
#include <janux/errno.h>
#include <janux/virtio.h>
#include <host_machine.h>
#include "ktest.h"

#define DISK_SECTORS 128
#define IRQ 40

/* The fake device: registers, negotiated state, disk and counters. */
static struct {
	uint32_t version, device_id, status, features_sel, drv_sel, queue_sel, int_status;
	uint64_t dev_features, drv_features;
	uint32_t queue_num, queue_ready;
	uint64_t desc, avail, used;
	uint16_t last_avail;
	uint32_t size_max;
	bool fail_io, stuck_status;
	unsigned int requests, flushes;
	uint8_t disk[DISK_SECTORS * 512];
} dev;

static char regs[0x200]; /* the "mapping": only its address is used */

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };

static uint32_t model_read(uintptr_t addr, unsigned int width)
{
	unsigned int off = (unsigned int)(addr - (uintptr_t)regs);
	uint64_t cap = DISK_SECTORS;

	if (off >= 0x100) {               /* config: capacity, size_max */
		uint8_t cfg[16] = { 0 };
		uint32_t v = 0;

		memcpy(cfg, &cap, 8);
		memcpy(cfg + 8, &dev.size_max, 4);
		memcpy(&v, cfg + (off - 0x100), width);
		return v;
	}
	switch (off) {
	case 0x000: return 0x74726976;
	case 0x004: return dev.version;
	case 0x008: return dev.device_id;
	case 0x010: return (uint32_t)(dev.dev_features >> (dev.features_sel ? 32 : 0));
	case 0x034: return 64;
	case 0x044: return dev.queue_ready;
	case 0x060: return dev.int_status;
	case 0x070: return dev.status;
	default: return 0;
	}
}

/* Serve one chain: header, optional data, status byte. */
static void serve(uint16_t head)
{
	struct desc *d = (struct desc *)(uintptr_t)dev.desc;
	struct desc *hd = &d[head], *data = NULL, *st;
	const uint32_t *hdr = (const uint32_t *)(uintptr_t)hd->addr;
	uint64_t sector;
	uint8_t status = 0;

	memcpy(&sector, hdr + 2, 8);
	st = &d[hd->next];
	if (st->flags & 1) {
		data = st;
		st = &d[data->next];
	}
	dev.requests++;
	if (hdr[0] == 4)
		dev.flushes++;
	if (data && (sector * 512 + data->len > sizeof(dev.disk) || dev.fail_io))
		status = 1;
	else if (data && hdr[0] == 0)
		memcpy((void *)(uintptr_t)data->addr, dev.disk + sector * 512, data->len);
	else if (data && hdr[0] == 1)
		memcpy(dev.disk + sector * 512, (void *)(uintptr_t)data->addr, data->len);
	*(uint8_t *)(uintptr_t)st->addr = status;
	{
		uint16_t *uidx = (uint16_t *)(uintptr_t)(dev.used + 2);
		uint32_t *elem = (uint32_t *)(uintptr_t)(dev.used + 4 + 8 * (*uidx % dev.queue_num));

		elem[0] = head;
		elem[1] = data && hdr[0] == 0 ? data->len + 1 : 1;
		(*uidx)++;
	}
}

static void notify(void)
{
	uint16_t *avail = (uint16_t *)(uintptr_t)dev.avail;

	while (dev.last_avail != avail[1]) {
		serve(avail[2 + dev.last_avail % dev.queue_num]);
		dev.last_avail++;
	}
	dev.int_status |= 1;
}

static void model_write(uintptr_t addr, uint32_t val, unsigned int width)
{
	switch ((unsigned int)(addr - (uintptr_t)regs)) {
	case 0x014: dev.features_sel = val; break;
	case 0x024: dev.drv_sel = val; break;
	case 0x020:
		dev.drv_features = dev.drv_sel ?
			(dev.drv_features & 0xffffffffu) | (uint64_t)val << 32 :
			(dev.drv_features & ~0xffffffffULL) | val;
		break;
	case 0x030: dev.queue_sel = val; break;
	case 0x038: dev.queue_num = val; break;
	case 0x044: dev.queue_ready = val; break;
	case 0x050: notify(); break;
	case 0x064: dev.int_status &= ~val; break;
	case 0x070:
		if (!dev.stuck_status)
			dev.status = val;
		break;
	case 0x080: dev.desc = (dev.desc & ~0xffffffffULL) | val; break;
	case 0x084: dev.desc = (dev.desc & 0xffffffffu) | (uint64_t)val << 32; break;
	case 0x090: dev.avail = (dev.avail & ~0xffffffffULL) | val; break;
	case 0x094: dev.avail = (dev.avail & 0xffffffffu) | (uint64_t)val << 32; break;
	case 0x0a0: dev.used = (dev.used & ~0xffffffffULL) | val; break;
	case 0x0a4: dev.used = (dev.used & 0xffffffffu) | (uint64_t)val << 32; break;
	}
}

static const struct host_mmio_model model = { model_read, model_write };

/* A modern block device with `features` (beyond VERSION_1), probed. */
static struct blkdev *probe_disk(uint64_t features)
{
	dev.version = 2;
	dev.device_id = VIRTIO_ID_BLOCK;
	dev.dev_features = features | (1ULL << VIRTIO_F_VERSION_1);
	host_mmio_set_model(&model);
	host_console_reset();
	virtio_mmio_declare(regs, 0x0a000000, IRQ);
	virtio_mmio_probe_all();
	return blkdev_get(MKDEV(254, 0));
}

KTEST(virtio, blk_probe_negotiates_and_registers_vda)
{
	struct blkdev *bd = probe_disk((1ULL << 9) | (1ULL << 3));

	KT_ASSERT(bd != NULL);
	KT_EQ_STR(bd->name, "vda");
	KT_EQ_INT(bd->nr_sectors, DISK_SECTORS);
	KT_EQ_INT(bd->read_only, false);
	KT_EQ_INT(dev.status, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
		  VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	/* VERSION_1 and FLUSH accepted; bit 3 (unknown to the driver) not */
	KT_EQ_INT(dev.drv_features, (1ULL << 32) | (1ULL << 9));
	KT_EQ_INT(dev.queue_num, 64);
	KT_EQ_INT(dev.queue_ready, 1);
}

KTEST(virtio, blk_write_then_read_back)
{
	struct blkdev *bd = probe_disk(0);
	static uint8_t out[4096], in[4096];

	KT_ASSERT(bd != NULL);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 3);
	KT_EQ_INT(bd->ops->rw(bd, true, 10, out, 8), 0);
	KT_EQ_MEM(dev.disk + 10 * 512, out, sizeof(out));
	KT_EQ_INT(bd->ops->rw(bd, false, 10, in, 8), 0);
	KT_EQ_MEM(in, out, sizeof(in));
	KT_EQ_INT(dev.requests, 2);
	/* the used-ring completion leaves every descriptor free again */
	for (int i = 0; i < 100; i++)
		KT_ASSERT(bd->ops->rw(bd, false, 0, in, 1) == 0);
}

KTEST(virtio, blk_splits_requests_at_size_max)
{
	struct blkdev *bd;
	static uint8_t buf[4096];

	dev.size_max = 1024;
	bd = probe_disk(1ULL << 1);
	KT_ASSERT(bd != NULL);
	memset(buf, 0x5a, sizeof(buf));
	KT_EQ_INT(bd->ops->rw(bd, true, 0, buf, 8), 0);
	KT_EQ_INT(dev.requests, 4);
	KT_EQ_MEM(dev.disk, buf, sizeof(buf));
}

KTEST(virtio, blk_range_readonly_and_device_errors)
{
	struct blkdev *bd = probe_disk(1ULL << 5);
	static uint8_t buf[1024];

	KT_ASSERT(bd != NULL);
	KT_EQ_INT(bd->read_only, true);
	KT_EQ_INT(bd->ops->rw(bd, true, 0, buf, 1), -EROFS);
	KT_EQ_INT(bd->ops->rw(bd, false, DISK_SECTORS - 1, buf, 2), -EIO);
	KT_EQ_INT(bd->ops->rw(bd, false, UINT64_MAX, buf, 1), -EIO);
	KT_EQ_INT(dev.requests, 0);
	dev.fail_io = true;
	KT_EQ_INT(bd->ops->rw(bd, false, 0, buf, 1), -EIO);
	KT_EXPECT(strstr(host_console_text(), "failed (status 1)") != NULL);
}

KTEST(virtio, blk_flush_only_with_the_feature)
{
	struct blkdev *bd = probe_disk(0);

	KT_ASSERT(bd != NULL);
	KT_EQ_INT(bd->ops->flush(bd), 0);
	KT_EQ_INT(dev.flushes, 0);           /* write-through: nothing sent */
}

KTEST(virtio, blk_flush_request)
{
	struct blkdev *bd = probe_disk(1ULL << 9);

	KT_ASSERT(bd != NULL);
	KT_EQ_INT(bd->ops->flush(bd), 0);
	KT_EQ_INT(dev.flushes, 1);
}

KTEST(virtio, interrupt_acknowledges)
{
	struct blkdev *bd = probe_disk(0);
	static uint8_t buf[512];

	KT_ASSERT(bd != NULL);
	KT_EQ_INT(bd->ops->rw(bd, false, 0, buf, 1), 0);
	KT_EQ_INT(dev.int_status, 1);
	KT_ASSERT(host_irq_raise(IRQ));
	KT_EQ_INT(dev.int_status, 0);
}

KTEST(virtio, legacy_device_refused)
{
	dev.version = 1;
	dev.device_id = VIRTIO_ID_BLOCK;
	host_mmio_set_model(&model);
	host_console_reset();
	virtio_mmio_declare(regs, 0x0a000000, IRQ);
	virtio_mmio_probe_all();
	KT_EXPECT(blkdev_get(MKDEV(254, 0)) == NULL);
	KT_EXPECT(strstr(host_console_text(), "only version 2") != NULL);
	KT_EQ_INT(dev.status, 0);            /* never touched */
}

KTEST(virtio, device_without_version_1_fails)
{
	dev.version = 2;
	dev.device_id = VIRTIO_ID_BLOCK;
	dev.dev_features = 1ULL << 9;
	host_mmio_set_model(&model);
	host_console_reset();
	virtio_mmio_declare(regs, 0x0a000000, IRQ);
	virtio_mmio_probe_all();
	KT_EXPECT(blkdev_get(MKDEV(254, 0)) == NULL);
	KT_EXPECT(dev.status & VIRTIO_STATUS_FAILED);
	KT_EXPECT(strstr(host_console_text(), "VIRTIO_F_VERSION_1") != NULL);
}

KTEST(virtio, bogus_used_id_is_reported_not_fatal)
{
	struct blkdev *bd = probe_disk(0);
	static uint8_t buf[512];
	uint16_t *uidx;
	uint32_t *elem;

	KT_ASSERT(bd != NULL);
	/* the device puts an id it was never given in the used ring */
	uidx = (uint16_t *)(uintptr_t)(dev.used + 2);
	elem = (uint32_t *)(uintptr_t)(dev.used + 4);
	elem[0] = 999;
	elem[1] = 0;
	(*uidx)++;
	dev.int_status = 1;
	KT_ASSERT(host_irq_raise(IRQ));
	KT_EXPECT(strstr(host_console_text(), "unknown id 999") != NULL);
	/* and the queue still works */
	KT_EQ_INT(bd->ops->rw(bd, false, 0, buf, 1), 0);
	KT_EQ_INT(dev.requests, 1);
}

KTEST(virtio, device_that_never_resets_is_left_alone)
{
	dev.status = VIRTIO_STATUS_DRIVER_OK;
	dev.stuck_status = true;
	KT_EXPECT(probe_disk(0) == NULL);
	KT_EXPECT(strstr(host_console_text(), "does not complete its reset") != NULL);
	KT_EQ_INT(dev.queue_ready, 0);
}
