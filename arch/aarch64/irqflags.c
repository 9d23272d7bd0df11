/* Interrupt masking through DAIF.I (arch_irq_save/restore). */
#include <arch.h>
#include "machine.h"
#include "sysreg.h"

unsigned long arch_irq_save(void)
{
	unsigned long flags = read_sysreg(daif);

	__asm__ volatile("msr daifset, #2" ::: "memory");
	return flags;
}

void arch_irq_restore(unsigned long flags)
{
	write_sysreg(daif, flags);
}

void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}
