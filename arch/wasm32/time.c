/*
 * Clocks and the one-shot timer from the host's time device (one time base
 * for every worker). The timer's expiry arrives as IRQ_TIMER (irq.c).
 */
#include <arch.h>
#include <host_imports.h>

uint64_t arch_clock_monotonic_ns(void)
{
	return host_time_now_ns();
}

int64_t arch_clock_boot_realtime_ns(void)
{
	return host_time_realtime_ns();
}

void arch_timer_arm(uint64_t deadline_ns)
{
	host_time_timer_arm(deadline_ns);
}
