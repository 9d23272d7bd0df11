/* GICv3: memory-mapped distributor and redistributor, system-register
 * CPU interface, non-secure group 1 (QEMU virt runs without EL3). */
#include "gic.h"
#include "mmio.h"
#include "sysreg.h"

#define GICD_CTLR 0x0000
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)

#define GICR_WAKER 0x0014
#define GICR_SGI 0x10000 /* SGI/PPI frame of a redistributor */
#define WAKER_SLEEP (1u << 1)
#define WAKER_ASLEEP (1u << 2)

static uintptr_t gicd, gicr;

static void wait_rwp(void)
{
	while (mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

/* Wake this CPU's redistributor (the first: we run on one CPU) and put
 * its SGIs/PPIs in group 1. */
static void redist_init(void)
{
	mmio_write32(gicr + GICR_WAKER, mmio_read32(gicr + GICR_WAKER) & ~WAKER_SLEEP);
	while (mmio_read32(gicr + GICR_WAKER) & WAKER_ASLEEP)
		;
	mmio_write32(gicr + GICR_SGI + GICD_IGROUPR, 0xffffffff);
}

static void gicv3_init(const struct machine *m)
{
	gicd = (uintptr_t)phys_to_virt(m->gicd.pa);
	gicr = (uintptr_t)phys_to_virt(m->gicc.pa);
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE);
	wait_rwp();
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	wait_rwp();
	redist_init();
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | 1); /* SRE */
	isb();
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

static void gicv3_enable(unsigned int intid)
{
	uintptr_t base = intid < 32 ? gicr + GICR_SGI : gicd;
	uintptr_t prio = base + GICD_IPRIORITYR + (intid & ~3u);
	uint32_t shift = 8 * (intid % 4);

	mmio_write32(prio, (mmio_read32(prio) & ~(0xffu << shift)) | (0xa0u << shift));
	if (intid >= 32) {
		uintptr_t grp = gicd + GICD_IGROUPR + 4 * (intid / 32);

		mmio_write32(grp, mmio_read32(grp) | 1u << (intid % 32));
		mmio_write64(gicd + GICD_IROUTER + 8 * intid, 0); /* CPU 0 */
	}
	mmio_write32(base + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
	if (intid >= 32)
		wait_rwp();
}

static unsigned int gicv3_ack(void)
{
	unsigned int intid = (unsigned int)read_sysreg(icc_iar1_el1) & 0xffffff;

	__asm__ volatile("dsb sy" ::: "memory");
	return intid;
}

static void gicv3_eoi(unsigned int intid)
{
	write_sysreg(icc_eoir1_el1, intid);
	isb();
}

const struct gic_ops gicv3_ops = {gicv3_init, gicv3_enable, gicv3_ack, gicv3_eoi};
