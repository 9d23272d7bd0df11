/*
 * Kernel timers and clocks. A ktimer runs a callback from timer_interrupt()
 * once the monotonic clock reaches its expiry; the core keeps them sorted
 * and asks the arch (arch_timer_arm) for an interrupt at the earliest one.
 */
#ifndef JANUX_TIMER_H
#define JANUX_TIMER_H

#include <janux/list.h>
#include <janux/types.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_USEC 1000ull
#define USER_HZ 100 /* clock_t ticks for times(2), as Linux reports */

struct ktimer {
	struct list_head link;   /* in the pending list, sorted by expiry */
	uint64_t expires_ns;     /* monotonic clock */
	void (*fn)(struct ktimer *t);
	bool pending;
};

/* Prepare a timer that will call `fn`; not pending. */
void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t));

/*
 * (Re)schedule `t` to fire at monotonic `expires_ns` (at the next
 * timer_interrupt() if already past). Kernel lock held.
 */
void ktimer_add(struct ktimer *t, uint64_t expires_ns);

/* Cancel `t` if pending (harmless otherwise). Kernel lock held. */
void ktimer_del(struct ktimer *t);

/*
 * Called by the arch when the deadline given to arch_timer_arm() is
 * reached, with the kernel lock held (the arch's interrupt path takes it).
 * Runs every expired timer's callback, oldest first, then re-arms the
 * arch timer for the next one. Callbacks may add or delete timers.
 */
void timer_interrupt(void);

/* Nanoseconds since boot (CLOCK_MONOTONIC / CLOCK_BOOTTIME). */
uint64_t clock_monotonic_ns(void);

/* Nanoseconds since the epoch (CLOCK_REALTIME), settable by clock_settime. */
int64_t clock_realtime_ns(void);

/* Set CLOCK_REALTIME to `ns` since the epoch. */
void clock_set_realtime_ns(int64_t ns);

/*
 * A user struct timespec ({int64 sec; int64 nsec}: LP64 timespec and the
 * ILP32 time64 one, whose nsec is a 32-bit long and 32 bits of padding
 * that are ignored) to nanoseconds, saturating at INT64_MAX; -EFAULT, or
 * -EINVAL for a negative value or nsec >= 1e9.
 */
long timespec_from_user(uaddr_t u, int64_t *ns);
long timespec_to_user(uaddr_t u, int64_t ns);

/* The monotonic time `ns` from now, saturating below UINT64_MAX. */
uint64_t deadline_after_ns(uint64_t ns);

#endif
