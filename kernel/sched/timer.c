/*
 * Kernel timers over the arch's one-shot timer, and the clocks derived from
 * the arch's monotonic clock.
 */
#include <arch.h>
#include <janux/timer.h>

static struct list_head pending = LIST_HEAD_INIT(pending);
static int64_t realtime_offset_ns; /* realtime = offset + monotonic */
static bool realtime_ready;

uint64_t clock_monotonic_ns(void)
{
	return arch_clock_monotonic_ns();
}

int64_t clock_realtime_ns(void)
{
	if (!realtime_ready) {
		realtime_offset_ns = arch_clock_boot_realtime_ns();
		realtime_ready = true;
	}
	return realtime_offset_ns + (int64_t)clock_monotonic_ns();
}

void clock_set_realtime_ns(int64_t ns)
{
	realtime_offset_ns = ns - (int64_t)clock_monotonic_ns();
	realtime_ready = true;
}

/* Ask the arch for an interrupt at the earliest pending expiry. */
static void rearm(void)
{
	if (list_empty(&pending))
		arch_timer_arm(UINT64_MAX);
	else
		arch_timer_arm(list_first_entry(&pending, struct ktimer, link)
				       ->expires_ns);
}

void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t))
{
	list_init(&t->link);
	t->fn = fn;
	t->expires_ns = 0;
	t->pending = false;
}

void ktimer_add(struct ktimer *t, uint64_t expires_ns)
{
	struct ktimer *pos;

	if (t->pending)
		list_del(&t->link);
	t->expires_ns = expires_ns;
	t->pending = true;
	list_for_each_entry(pos, &pending, link)
		if (pos->expires_ns > expires_ns)
			break;
	list_add_tail(&t->link, &pos->link); /* before pos (or at the end) */
	rearm();
}

void ktimer_del(struct ktimer *t)
{
	if (!t->pending)
		return;
	list_del(&t->link);
	t->pending = false;
	rearm();
}

void timer_interrupt(void)
{
	uint64_t now = clock_monotonic_ns();

	while (!list_empty(&pending)) {
		struct ktimer *t = list_first_entry(&pending, struct ktimer, link);

		if (t->expires_ns > now)
			break;
		list_del(&t->link);
		t->pending = false;
		t->fn(t);
	}
	rearm();
}
