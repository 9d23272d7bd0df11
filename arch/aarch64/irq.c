/* Interrupt dispatch: one handler per GIC INTID, acknowledged and ended
 * through the GICv2 or GICv3 driver the device tree selected. */
#include <janux/printk.h>
#include "gic.h"
#include "traps.h"

#define NR_INTIDS 1020

static const struct gic_ops *gic;
static void (*handlers[NR_INTIDS])(void);

void irq_init(const struct machine *m)
{
	gic = m->gic_version == 3 ? &gicv3_ops : &gicv2_ops;
	gic->init(m);
}

void irq_register(unsigned int intid, void (*handler)(void))
{
	BUG_ON(intid >= NR_INTIDS || handlers[intid]);
	handlers[intid] = handler;
	gic->enable(intid);
}

/* Serve every pending interrupt, then return through the frame. */
void trap_irq(struct pt_regs *regs)
{
	for (;;) {
		unsigned int intid = gic->ack();

		if (intid >= NR_INTIDS)
			return; /* spurious: nothing (more) pending */
		if (!handlers[intid])
			panic("interrupt %u has no handler", intid);
		handlers[intid]();
		gic->eoi(intid);
	}
}
