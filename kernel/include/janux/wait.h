/*
 * Wait queues: how kernel code sleeps until something happens, and how the
 * code that makes it happen wakes the sleepers. Everything here runs with
 * the big kernel lock held; the lock is dropped only inside
 * arch_task_wait(), so "check the condition, then sleep" cannot miss a
 * wake issued by code that needs the lock to change the condition.
 *
 *   err = wait_event(&pipe->readers_wq, pipe->len > 0, WAIT_INTERRUPTIBLE, 0);
 *   if (err) return err;        (-ERESTARTSYS: a signal is pending)
 */
#ifndef JANUX_WAIT_H
#define JANUX_WAIT_H

#include <janux/list.h>
#include <janux/types.h>

struct task;

struct waitqueue {
	struct list_head waiters; /* struct wait_entry, in arrival order */
};

/* One sleeping task on one queue; lives on the sleeper's kernel stack. */
struct wait_entry {
	struct list_head link;
	struct task *task;
	bool woken;               /* set by wake_up_one(), which skips it */
};

#define WAITQUEUE_INIT(name) { LIST_HEAD_INIT((name).waiters) }

/* wait_sleep() / wait_event() flags. */
#define WAIT_INTERRUPTIBLE 1u /* a pending unblocked signal ends the wait */
#define WAIT_FOREVER 0        /* deadline meaning "no timeout" */

/* Make `wq` an empty queue. */
void waitqueue_init(struct waitqueue *wq);

/* True when no task waits on `wq`. */
bool waitqueue_empty(const struct waitqueue *wq);

/*
 * Wake every task sleeping on `wq`. Woken tasks recheck their condition
 * and may sleep again. Kernel lock held; any context (task or interrupt).
 */
void wake_up_all(struct waitqueue *wq);

/*
 * Wake the longest-waiting task on `wq` not already woken; returns true
 * when there was one. Kernel lock held; any context.
 */
bool wake_up_one(struct waitqueue *wq);

/*
 * Put the current task to sleep once on `wq` (enqueue, arch_task_wait,
 * dequeue). Before sleeping it returns -ERESTARTSYS when `flags` has
 * WAIT_INTERRUPTIBLE and a signal is pending for the task, and -ETIMEDOUT
 * when `deadline_ns` (monotonic clock; WAIT_FOREVER for none) has passed.
 * Otherwise it returns 0 after any wake, possibly spurious: callers loop
 * and recheck (see wait_event). Kernel lock held; dropped while asleep.
 */
int wait_sleep(struct waitqueue *wq, unsigned int flags, uint64_t deadline_ns);

/*
 * Sleep on `wq` until `cond` holds. Returns 0 once it does, -ERESTARTSYS
 * when interrupted by a signal (with WAIT_INTERRUPTIBLE), -ETIMEDOUT when
 * the monotonic deadline passed first. `cond` is evaluated with the kernel
 * lock held, first before any sleeping, and once more after a failure so
 * that a condition that came true together with the signal wins.
 * (Non-blocking callers test the condition themselves and return -EAGAIN.)
 */
#define wait_event(wq, cond, flags, deadline_ns)                            \
	({                                                                  \
		int __we_r = 0;                                             \
		while (!(cond)) {                                           \
			__we_r = wait_sleep((wq), (flags), (deadline_ns));  \
			if (__we_r) {                                       \
				if (cond)                                   \
					__we_r = 0;                         \
				break;                                      \
			}                                                   \
		}                                                           \
		__we_r;                                                     \
	})

#endif
