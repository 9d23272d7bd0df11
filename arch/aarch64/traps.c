/* Exception handlers called from vectors.S: register dumps and panic for
 * anything unexpected, IRQs to irq.c. */
#include <janux/printk.h>
#include "traps.h"

/* The exception class names we are likely to meet (ESR_EL1.EC). */
static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "unknown reason";
	case 0x0e: return "illegal execution state";
	case 0x15: return "svc";
	case 0x18: return "system register trap";
	case 0x20: case 0x21: return "instruction abort";
	case 0x22: return "pc alignment";
	case 0x24: case 0x25: return "data abort";
	case 0x26: return "sp alignment";
	case 0x2f: return "serror";
	case 0x3c: return "brk";
	default: return "other";
	}
}

static void dump_regs(const struct pt_regs *r)
{
	unsigned int ec = (unsigned int)(r->esr >> 26) & 0x3f;

	pr_emerg("ESR %#018lx (EC %#x: %s) FAR %#018lx\n", (unsigned long)r->esr,
		 ec, ec_name(ec), (unsigned long)r->far);
	pr_emerg("ELR %#018lx SPSR %#010lx SP %#018lx\n", (unsigned long)r->elr,
		 (unsigned long)r->spsr, (unsigned long)r->sp);
	for (int i = 0; i < 30; i += 3)
		pr_emerg("x%-2d %016lx x%-2d %016lx x%-2d %016lx\n", i,
			 (unsigned long)r->x[i], i + 1, (unsigned long)r->x[i + 1],
			 i + 2, (unsigned long)r->x[i + 2]);
	pr_emerg("x30 %016lx\n", (unsigned long)r->x[30]);
}

__noreturn void trap_kernel_panic(struct pt_regs *regs)
{
	pr_emerg("Unhandled synchronous exception in the kernel\n");
	dump_regs(regs);
	panic("kernel exception at %#lx", (unsigned long)regs->elr);
}

__noreturn void trap_unexpected(struct pt_regs *regs, unsigned long kind)
{
	static const char *const from[] = {"EL1t", "EL1h", "EL0 AArch64", "EL0 AArch32"};
	static const char *const type[] = {"sync", "irq", "fiq", "serror"};

	pr_emerg("Unexpected %s exception from %s\n", type[kind & 3], from[(kind >> 2) & 3]);
	dump_regs(regs);
	panic("unexpected exception (vector %lu)", kind);
}
