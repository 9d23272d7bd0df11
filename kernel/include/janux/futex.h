/* Futexes: sleeping on a user memory word (kernel/ipc/futex.c). */
#ifndef JANUX_FUTEX_H
#define JANUX_FUTEX_H

#include <janux/types.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/*
 * If the 32-bit word at `uaddr` (4-byte aligned, else -EINVAL) still holds
 * `val`, sleep until a futex_wake with an overlapping `bitset` (non-zero,
 * else -EINVAL), the monotonic `deadline_ns` (WAIT_FOREVER: none:
 * -ETIMEDOUT) or a signal (-ERESTARTSYS). -EAGAIN when the word differs,
 * -EFAULT when unreadable. Waiters are keyed by the address and the
 * task's user memory (arch_task_mm).
 */
long futex_wait(uaddr_t uaddr, uint32_t val, uint64_t deadline_ns, uint32_t bitset);

/* Wake up to `n` waiters on `uaddr` whose bitset overlaps; returns how
 * many were woken. */
long futex_wake(uaddr_t uaddr, int n, uint32_t bitset);

/*
 * Wake up to `n` waiters on `uaddr` and move up to `n2` others to wait on
 * `uaddr2`. With `check`, first compare the word with `val` (-EAGAIN).
 * Returns woken + moved.
 */
long futex_requeue(uaddr_t uaddr, int n, uaddr_t uaddr2, int n2, bool check,
		   uint32_t val);

#endif
