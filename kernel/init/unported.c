/*
 * Arch hooks added to arch.h after the machines were written, with a
 * weak fallback that panics with the hook's name until each arch defines
 * its own (a strong definition in arch code replaces it). Delete an entry
 * once both arches implement the hook.
 */
#include <arch.h>
#include <janux/printk.h>

__attribute__((weak)) __noreturn void arch_sched_start(void)
{
	panic("arch_sched_start: not implemented by this arch yet");
}

__attribute__((weak)) size_t arch_mm_resident_pages(struct mm *mm)
{
	panic("arch_mm_resident_pages: not implemented by this arch yet");
}
