/*
 * Time syscalls: clock_gettime/settime/getres/nanosleep, get/settimeofday,
 * nanosleep, set/getitimer, times, futex (its timeouts share the timespec
 * reader). On ILP32 the *_time64 numbers map to the same handlers: the
 * user timespec is {int64 sec; int64 nsec} on both word sizes.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/futex.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/timer.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

/* The value of clock `id` in ns, or -EINVAL. */
static long clock_read(int id, int64_t *ns)
{
	struct task *t = current;

	switch (id) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		*ns = clock_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		*ns = (int64_t)clock_monotonic_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = (int64_t)(t->proc->utime_ns + t->proc->stime_ns +
				t->utime_ns + t->stime_ns);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (int64_t)(t->utime_ns + t->stime_ns);
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(clock_gettime, int, id, uaddr_t, tp)
{
	int64_t ns;
	long err = clock_read(id, &ns);

	return err ? err : timespec_to_user(tp, ns);
}

SYSCALL_DEFINE2(clock_getres, int, id, uaddr_t, tp)
{
	int64_t ns;
	long err = clock_read(id, &ns);

	if (err || !tp)
		return err;
	return timespec_to_user(tp, id == CLOCK_REALTIME_COARSE ||
				id == CLOCK_MONOTONIC_COARSE ? 4000000 : 1);
}

/* Set CLOCK_REALTIME to `ns` (INT64_MAX: a time too large): needs
 * CAP_SYS_TIME, which is euid 0 here. */
static long realtime_set(int64_t ns)
{
	if (ns == INT64_MAX)
		return -EINVAL;
	if (current->cred->euid != 0)
		return -EPERM;
	clock_set_realtime_ns(ns);
	return 0;
}

/* Only CLOCK_REALTIME can be set; checks in Linux's order: the clock, the
 * copy, the value, the privilege. */
SYSCALL_DEFINE2(clock_settime, int, id, uaddr_t, tp)
{
	int64_t ns;
	long err;

	if (id != CLOCK_REALTIME)
		return -EINVAL;
	err = timespec_from_user(tp, &ns);
	return err ? err : realtime_set(ns);
}

/* gettimeofday/settimeofday exist on LP64 only (32-bit ports have the
 * clock_*64 calls): timeval is {long sec; long usec}. The time zone reads
 * as 0 (UTC) and setting one is accepted and ignored. */
SYSCALL_DEFINE2(gettimeofday, uaddr_t, tv, uaddr_t, tz)
{
	int64_t ns = clock_realtime_ns();
	long v[2] = { (long)(ns / (int64_t)NSEC_PER_SEC),
		      (long)(ns % (int64_t)NSEC_PER_SEC / 1000) };
	int zone[2] = { 0, 0 };

	if (tv && arch_copy_to_user(tv, v, sizeof(v)))
		return -EFAULT;
	return tz && arch_copy_to_user(tz, zone, sizeof(zone)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(settimeofday, uaddr_t, tv, uaddr_t, tz)
{
	long v[2];
	int64_t sec;

	if (!tv)
		return current->cred->euid != 0 ? -EPERM : 0;
	if (arch_copy_from_user(v, tv, sizeof(v)))
		return -EFAULT;
	sec = v[0];
	if (sec < 0 || v[1] < 0 || v[1] >= 1000000)
		return -EINVAL;
	return realtime_set(sec > INT64_MAX / (int64_t)NSEC_PER_SEC - 1 ? INT64_MAX :
			    sec * (int64_t)NSEC_PER_SEC + v[1] * 1000);
}

/*
 * Sleep until monotonic `deadline`. Interrupted, a relative sleep (rem
 * given or `relative`) writes what is left to `rem` and asks to resume at
 * the same deadline unless a handler runs (-ERESTART_RESTARTBLOCK); an
 * absolute one is simply re-issued (-ERESTARTNOHAND). Either is -EINTR
 * for the caller when a handler runs.
 */
static long sleep_until(uint64_t deadline, uaddr_t rem, bool relative)
{
	struct waitqueue never;
	long err;

	waitqueue_init(&never);
	do
		err = wait_sleep(&never, WAIT_INTERRUPTIBLE, deadline);
	while (err == 0);
	if (err == -ETIMEDOUT)
		return 0;
	if (!relative)
		return -ERESTARTNOHAND;
	if (rem && timespec_to_user(rem, (int64_t)(deadline - clock_monotonic_ns())))
		return -EFAULT;
	current->restart_block.deadline = deadline;
	return -ERESTART_RESTARTBLOCK;
}

/* The deadline of a relative sleep of `ns`, or the saved one when this
 * call is the restart of an interrupted sleep. */
static uint64_t sleep_deadline(int64_t ns)
{
	struct task *t = current;

	if (t->restart_block.active) {
		t->restart_block.active = false;
		return t->restart_block.deadline;
	}
	return deadline_after_ns((uint64_t)ns);
}

SYSCALL_DEFINE4(clock_nanosleep, int, id, int, flags, uaddr_t, req, uaddr_t, rem)
{
	int64_t ns, now;
	long err;

	if (id == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if ((err = clock_read(id, &now)) || (err = timespec_from_user(req, &ns)))
		return err;
	if (flags & TIMER_ABSTIME)
		return sleep_until(deadline_after_ns((uint64_t)(ns > now ? ns - now : 0)), 0, false);
	return sleep_until(sleep_deadline(ns), rem, true);
}

SYSCALL_DEFINE2(nanosleep, uaddr_t, req, uaddr_t, rem)
{
	int64_t ns;
	long err = timespec_from_user(req, &ns);

	return err ? err : sleep_until(sleep_deadline(ns), rem, true);
}

#define ITIMER_REAL 0

/* struct itimerval: two timevals of two longs each. */
static void itimer_get(struct process *p, long v[4])
{
	uint64_t now = clock_monotonic_ns();
	uint64_t left = p->itimer_real.pending && p->itimer_real.expires_ns > now
			? p->itimer_real.expires_ns - now : 0;

	v[0] = (long)(p->itimer_real_interval_ns / NSEC_PER_SEC);
	v[1] = (long)(p->itimer_real_interval_ns % NSEC_PER_SEC / 1000);
	v[2] = (long)(left / NSEC_PER_SEC);
	v[3] = (long)(left % NSEC_PER_SEC / 1000);
	if (p->itimer_real.pending && left == 0)
		v[3] = 1;
}

SYSCALL_DEFINE2(getitimer, int, which, uaddr_t, value)
{
	long v[4];

	if (which != ITIMER_REAL)
		return which >= 0 && which <= 2 ? -ENOSYS : -EINVAL;
	itimer_get(current->proc, v);
	return arch_copy_to_user(value, v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, uaddr_t, value, uaddr_t, ovalue)
{
	struct process *p = current->proc;
	long v[4], o[4];

	if (which != ITIMER_REAL)
		return which >= 0 && which <= 2 ? -ENOSYS : -EINVAL;
	if (arch_copy_from_user(v, value, sizeof(v)))
		return -EFAULT;
	if (v[0] < 0 || v[1] < 0 || v[1] >= 1000000 || v[2] < 0 || v[3] < 0 ||
	    v[3] >= 1000000)
		return -EINVAL;
	itimer_get(p, o);
	if (ovalue && arch_copy_to_user(ovalue, o, sizeof(o)))
		return -EFAULT;
	p->itimer_real_interval_ns = (uint64_t)v[0] * NSEC_PER_SEC + (uint64_t)v[1] * 1000;
	if (v[2] || v[3])
		ktimer_add(&p->itimer_real, deadline_after_ns(
			   (uint64_t)v[2] > UINT64_MAX / NSEC_PER_SEC - 1 ? UINT64_MAX :
			   (uint64_t)v[2] * NSEC_PER_SEC + (uint64_t)v[3] * 1000));
	else
		ktimer_del(&p->itimer_real);
	return 0;
}

/* struct tms: four clock_t (long) in USER_HZ ticks; returns ticks since boot. */
SYSCALL_DEFINE1(times, uaddr_t, buf)
{
	struct process *p = current->proc;
	uint64_t tick = NSEC_PER_SEC / USER_HZ;
	long v[4] = { (long)((p->utime_ns + current->utime_ns) / tick),
		      (long)((p->stime_ns + current->stime_ns) / tick),
		      (long)(p->cutime_ns / tick), (long)(p->cstime_ns / tick) };

	if (buf && arch_copy_to_user(buf, v, sizeof(v)))
		return -EFAULT;
	return (long)(clock_monotonic_ns() / tick);
}

SYSCALL_DEFINE6(futex, uaddr_t, uaddr, int, op, uint32_t, val, uaddr_t, utime,
		uaddr_t, uaddr2, uint32_t, val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	uint64_t deadline = WAIT_FOREVER;
	int64_t ns;
	long err;

	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utime) {
		if ((err = timespec_from_user(utime, &ns)))
			return err;
		if (cmd == FUTEX_WAIT)
			deadline = deadline_after_ns((uint64_t)ns);
		else if (op & FUTEX_CLOCK_REALTIME)
			deadline = deadline_after_ns((uint64_t)(ns > clock_realtime_ns() ?
					ns - clock_realtime_ns() : 0));
		else
			deadline = (uint64_t)ns;
		if (deadline == WAIT_FOREVER)
			deadline = 1;
	}
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		err = futex_wait(uaddr, val, deadline,
				 cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
		/* A timed wait is not restarted (its timeout would restart). */
		return err == -ERESTARTSYS && utime ? -EINTR : err;
	case FUTEX_WAKE:
		return futex_wake(uaddr, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, (int)val, uaddr2, (int)utime, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, (int)val, uaddr2, (int)utime, true, val3);
	default:
		return -ENOSYS;
	}
}
