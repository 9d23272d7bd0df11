/* Interrupt dispatch: one handler per GIC INTID, acknowledged and ended
 * through the GICv2 or GICv3 driver the device tree selected. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/printk.h>
#include "gic.h"
#include "traps.h"

#define NR_INTIDS 1020

static const struct gic_ops *gic;
static struct {
	void (*fn)(void *arg);
	void *arg;
	bool locked;            /* run under the kernel lock (device drivers) */
} handlers[NR_INTIDS];

void irq_init(const struct machine *m)
{
	gic = m->gic_version == 3 ? &gicv3_ops : &gicv2_ops;
	gic->init(m);
}

void irq_register(unsigned int intid, void (*handler)(void *arg), void *arg)
{
	BUG_ON(intid >= NR_INTIDS || handlers[intid].fn);
	handlers[intid].fn = handler;
	handlers[intid].arg = arg;
	gic->enable(intid);
}

/* Device interrupts for the core's drivers: SPIs (INTID 32+) only. */
int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg)
{
	if (irq < 32 || irq >= NR_INTIDS)
		return -EINVAL;
	if (handlers[irq].fn)
		return -EBUSY;
	handlers[irq].locked = true;
	irq_register(irq, handler, arg);
	return 0;
}

/* Serve every pending interrupt, then return through the frame. */
void trap_irq(struct pt_regs *regs)
{
	for (;;) {
		unsigned int intid = gic->ack();

		if (intid >= NR_INTIDS)
			return; /* spurious: nothing (more) pending */
		if (!handlers[intid].fn)
			panic("interrupt %u has no handler", intid);
		if (handlers[intid].locked)
			arch_kernel_lock(); /* free: kernel code runs with IRQs masked */
		handlers[intid].fn(handlers[intid].arg);
		if (handlers[intid].locked)
			arch_kernel_unlock();
		gic->eoi(intid);
	}
}
