/* kernel/sched/timer.c: ordering, re-arming, cancel, clocks. */
#include <string.h>

#include <host_machine.h>
#include <janux/timer.h>
#include "ktest.h"

static int fired[8], nfired;

static void record(struct ktimer *t)
{
	fired[nfired++] = (int)(t->expires_ns / 100);
}

KTEST(timer, fires_in_expiry_order_and_rearms)
{
	struct ktimer a, b, c;

	host_clock_set_ns(0);
	ktimer_init(&a, record);
	ktimer_init(&b, record);
	ktimer_init(&c, record);
	ktimer_add(&a, 300);
	ktimer_add(&b, 100);
	ktimer_add(&c, 200);
	KT_EQ_INT(host_timer_deadline(), 100);
	host_clock_set_ns(250);
	timer_interrupt();
	KT_EQ_INT(nfired, 2);
	KT_EQ_INT(fired[0], 1);
	KT_EQ_INT(fired[1], 2);
	KT_EQ_INT(host_timer_deadline(), 300);
	ktimer_del(&a);
	KT_EQ_INT(host_timer_deadline(), UINT64_MAX);
	ktimer_del(&a); /* harmless twice */
	host_clock_set_ns(1000);
	timer_interrupt();
	KT_EQ_INT(nfired, 2);
}

KTEST(timer, readding_moves_the_timer)
{
	struct ktimer a;

	host_clock_set_ns(0);
	ktimer_init(&a, record);
	ktimer_add(&a, 500);
	ktimer_add(&a, 50);
	KT_EQ_INT(host_timer_deadline(), 50);
	host_clock_set_ns(60);
	timer_interrupt();
	KT_EQ_INT(nfired, 1);
	KT_EXPECT(!a.pending);
}

KTEST(timer, realtime_follows_monotonic_and_can_be_set)
{
	host_clock_set_ns(0);
	int64_t r0 = clock_realtime_ns();

	KT_EQ_INT(r0, 1700000000LL * 1000000000LL);
	host_clock_set_ns(5000);
	KT_EQ_INT(clock_realtime_ns() - r0, 5000);
	clock_set_realtime_ns(42);
	KT_EQ_INT(clock_realtime_ns(), 42);
	host_clock_set_ns(5100);
	KT_EQ_INT(clock_realtime_ns(), 142);
}
