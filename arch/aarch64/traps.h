/* The register frame vectors.S saves on every exception. */
#ifndef AARCH64_TRAPS_H
#define AARCH64_TRAPS_H

#include <janux/types.h>

struct pt_regs {
	uint64_t x[31];
	uint64_t sp;   /* interrupted stack pointer (SP_EL0 from EL0) */
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

_Static_assert(sizeof(struct pt_regs) == 288, "vectors.S FRAME");

/* uaccess.c: if regs->elr is a user access in uaccess.S, point it at its
 * fix-up and return true. */
bool uaccess_fixup(struct pt_regs *regs);
/* True when regs->elr is one of those user accesses. */
bool uaccess_fixup_possible(const struct pt_regs *regs);

/* traps.c: dump the registers and panic (a kernel bug). */
__noreturn void trap_kernel_panic(struct pt_regs *regs);

/* Entry points called from vectors.S. */
void trap_el1_sync(struct pt_regs *regs);
void trap_irq(struct pt_regs *regs);
__noreturn void trap_unexpected(struct pt_regs *regs, unsigned long kind);

#endif
