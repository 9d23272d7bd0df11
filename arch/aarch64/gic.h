/* The operations irq.c needs from an interrupt controller (GICv2 or v3). */
#ifndef AARCH64_GIC_H
#define AARCH64_GIC_H

#include "machine.h"

#define GIC_SPURIOUS 1023

struct gic_ops {
	void (*init)(const struct machine *m);  /* distributor + this CPU */
	void (*enable)(unsigned int intid);      /* unmask one interrupt */
	unsigned int (*ack)(void);               /* acknowledge: INTID */
	void (*eoi)(unsigned int intid);         /* end of interrupt */
};

extern const struct gic_ops gicv2_ops, gicv3_ops;

#endif
