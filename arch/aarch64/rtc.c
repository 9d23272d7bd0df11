/* PL031 real-time clock: read once at boot for arch_clock_boot_realtime_ns. */
#include <arch.h>
#include "machine.h"
#include "mmio.h"

#define RTC_DR 0x00 /* seconds since the epoch */

static int64_t boot_realtime_ns;

void rtc_init(const struct machine *m)
{
	uint64_t secs;

	if (!m->rtc.size)
		return; /* no RTC: wall clock starts at the epoch */
	secs = mmio_read32((uintptr_t)phys_to_virt(m->rtc.pa) + RTC_DR);
	boot_realtime_ns = (int64_t)(secs * 1000000000ULL - arch_clock_monotonic_ns());
}

int64_t arch_clock_boot_realtime_ns(void)
{
	return boot_realtime_ns;
}
