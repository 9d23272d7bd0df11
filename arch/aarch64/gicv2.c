/* GICv2: memory-mapped distributor and CPU interface. */
#include "gic.h"
#include "mmio.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

static uintptr_t gicd, gicc;

static void gicv2_init(const struct machine *m)
{
	gicd = (uintptr_t)phys_to_virt(m->gicd.pa);
	gicc = (uintptr_t)phys_to_virt(m->gicc.pa);
	mmio_write32(gicd + GICD_CTLR, 1);        /* forward group 0 */
	mmio_write32(gicc + GICC_PMR, 0xff);      /* let every priority in */
	mmio_write32(gicc + GICC_BPR, 0);
	mmio_write32(gicc + GICC_CTLR, 1);        /* signal to this CPU */
}

static void gicv2_enable(unsigned int intid)
{
	uint32_t shift = 8 * (intid % 4);
	uintptr_t prio = gicd + GICD_IPRIORITYR + (intid & ~3u);
	uintptr_t target = gicd + GICD_ITARGETSR + (intid & ~3u);

	mmio_write32(prio, (mmio_read32(prio) & ~(0xffu << shift)) | (0xa0u << shift));
	if (intid >= 32) /* SPIs go to CPU 0 (PPI targets are read-only) */
		mmio_write32(target, mmio_read32(target) | (1u << shift));
	mmio_write32(gicd + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

static unsigned int gicv2_ack(void)
{
	return mmio_read32(gicc + GICC_IAR) & 0x3ff;
}

static void gicv2_eoi(unsigned int intid)
{
	mmio_write32(gicc + GICC_EOIR, intid);
}

const struct gic_ops gicv2_ops = {gicv2_init, gicv2_enable, gicv2_ack, gicv2_eoi};
