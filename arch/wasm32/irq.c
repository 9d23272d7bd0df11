/*
 * Interrupts on wasm32. The host's devices raise an IRQ line by setting its
 * bit in `irq_pending` (Atomics.or, then notify); a dedicated interrupt
 * worker waits on that word and calls kernel_interrupt(), which runs the
 * handlers under the kernel lock. Masking is a per-worker soft flag in TLS;
 * since handlers only ever run on the interrupt worker, entered with its
 * flag clear, no masked work needs replaying on restore.
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/printk.h>
#include <janux/timer.h>
#include <wasm32.h>

#define IRQ_CPU 1 /* cpu id of the interrupt worker */

/* One bit per line; shared by every instance, written by the host. */
static uint32_t irq_pending;

static _Thread_local unsigned long irq_masked;

unsigned long arch_irq_save(void)
{
	unsigned long was = irq_masked;

	irq_masked = 1;
	return was;
}

void arch_irq_restore(unsigned long flags)
{
	irq_masked = flags;
}

uint32_t *irq_pending_word(void)
{
	return &irq_pending;
}

void irq_init(void)
{
	struct cpu_area area;

	if (!cpu_area_alloc(&area))
		panic("wasm32: no memory for the interrupt worker");
	host_irq_start_worker(IRQ_CPU, area.stack_top, area.tls_block, irq_pending_word());
}

/* Run the handler of every line in `lines`; kernel lock held. */
static void irq_dispatch(uint32_t lines)
{
	for (unsigned line = 0; line < 32; line++) {
		if (!(lines & (1u << line)))
			continue;
		if (line == IRQ_TIMER)
			timer_interrupt();
		else if (line == IRQ_CONSOLE)
			console_irq();
		else if (!irq_run_device(line))
			pr_warn("wasm32: unhandled interrupt %u\n", line);
	}
}

/*
 * Entry for the interrupt worker (see host_imports.h): take the kernel lock,
 * claim every pending line and run its handler. Returns when they are done;
 * the host calls again when the pending word becomes non-zero.
 */
__attribute__((export_name("kernel_interrupt"))) void kernel_interrupt(void)
{
	uint32_t lines;

	if (this_cpu() != IRQ_CPU)
		panic("kernel_interrupt: called on cpu%u", this_cpu());
	arch_kernel_lock();
	lines = __atomic_exchange_n(&irq_pending, 0, __ATOMIC_ACQ_REL);
	irq_dispatch(lines);
	arch_kernel_unlock();
}
