/* Clocks from the host's time device (one time base for every worker). */
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
