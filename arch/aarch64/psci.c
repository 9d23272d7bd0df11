/* PSCI power control (SYSTEM_OFF / SYSTEM_RESET) through the conduit the
 * device tree names in /psci "method": hvc or smc. */
#include <arch.h>
#include <janux/printk.h>
#include "machine.h"

#define PSCI_SYSTEM_OFF 0x84000008
#define PSCI_SYSTEM_RESET 0x84000009

static enum psci_conduit conduit = PSCI_NONE;

void psci_init(const struct machine *m)
{
	conduit = m->psci;
	if (conduit == PSCI_NONE)
		pr_warn("psci: no PSCI 0.2+ node: power off and reset will halt\n");
}

/* Issue a PSCI call with no arguments; returns only if it failed. */
static void psci_call(uint64_t fn)
{
	register uint64_t x0 __asm__("x0") = fn;

	if (conduit == PSCI_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0) :: "x1", "x2", "x3", "memory");
	else if (conduit == PSCI_SMC)
		__asm__ volatile("smc #0" : "+r"(x0) :: "x1", "x2", "x3", "memory");
}

static __noreturn void halt_forever(void)
{
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}

__noreturn void arch_poweroff(void)
{
	psci_call(PSCI_SYSTEM_OFF);
	printk(KERN_EMERG "psci: SYSTEM_OFF failed; halting\n");
	halt_forever();
}

__noreturn void arch_reboot(void)
{
	psci_call(PSCI_SYSTEM_RESET);
	printk(KERN_EMERG "psci: SYSTEM_RESET failed; halting\n");
	halt_forever();
}

/* After a panic: power off, so a panicking kernel ends QEMU (tests rely
 * on it; see docs/aarch64.md). */
__noreturn void arch_halt(void)
{
	arch_poweroff();
}
