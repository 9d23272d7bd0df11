/* User timespecs ({int64 sec; int64 nsec} on both word sizes) and deadlines. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/timer.h>

#define NS_MAX_SEC ((int64_t)(INT64_MAX / (int64_t)NSEC_PER_SEC) - 1)

long timespec_from_user(uaddr_t u, int64_t *ns)
{
	int64_t ts[2];

	if (arch_copy_from_user(ts, u, sizeof(ts)))
		return -EFAULT;
	/* A 32-bit user's tv_nsec is a long padded to 64 bits; the padding is
	 * not part of the value (Linux's get_timespec64 drops it too). */
	ts[1] = (long)ts[1];
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts[0] > NS_MAX_SEC ? INT64_MAX : ts[0] * (int64_t)NSEC_PER_SEC + ts[1];
	return 0;
}

long timespec_to_user(uaddr_t u, int64_t ns)
{
	int64_t ts[2] = { ns / (int64_t)NSEC_PER_SEC, ns % (int64_t)NSEC_PER_SEC };

	return arch_copy_to_user(u, ts, sizeof(ts)) ? -EFAULT : 0;
}

uint64_t deadline_after_ns(uint64_t ns)
{
	uint64_t now = clock_monotonic_ns();

	return ns >= UINT64_MAX - now ? UINT64_MAX - 1 : now + ns;
}
