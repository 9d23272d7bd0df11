/* Futexes: wait queues keyed by a user word's address and memory. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/futex.h>
#include <janux/task.h>
#include <janux/wait.h>

struct futex_waiter {
	struct list_head link;   /* in `waiters` */
	uaddr_t uaddr;
	const void *mm;
	uint32_t bitset;
	bool woken;
	struct waitqueue wq;     /* just this waiter */
};

static struct list_head waiters = LIST_HEAD_INIT(waiters);

static bool futex_match(const struct futex_waiter *w, uaddr_t uaddr, const void *mm)
{
	return !w->woken && w->uaddr == uaddr && w->mm == mm;
}

long futex_wait(uaddr_t uaddr, uint32_t val, uint64_t deadline_ns, uint32_t bitset)
{
	struct futex_waiter w = { .uaddr = uaddr, .bitset = bitset };
	uint32_t cur;
	int err;

	if ((uaddr & 3) || !bitset)
		return -EINVAL;
	if (arch_copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	w.mm = arch_task_mm(current);
	waitqueue_init(&w.wq);
	list_add_tail(&w.link, &waiters);
	err = wait_event(&w.wq, w.woken, WAIT_INTERRUPTIBLE, deadline_ns);
	list_del(&w.link);
	return err;
}

long futex_wake(uaddr_t uaddr, int n, uint32_t bitset)
{
	const void *mm = arch_task_mm(current);
	struct futex_waiter *w;
	long woken = 0;

	if ((uaddr & 3) || !bitset)
		return -EINVAL;
	list_for_each_entry(w, &waiters, link) {
		if (woken >= n)
			break;
		if (futex_match(w, uaddr, mm) && (w->bitset & bitset)) {
			w->woken = true;
			wake_up_all(&w->wq);
			woken++;
		}
	}
	return woken;
}

long futex_requeue(uaddr_t uaddr, int n, uaddr_t uaddr2, int n2, bool check,
		   uint32_t val)
{
	const void *mm = arch_task_mm(current);
	struct futex_waiter *w;
	long woken, moved = 0;
	uint32_t cur;

	if ((uaddr & 3) || (uaddr2 & 3) || n < 0 || n2 < 0)
		return -EINVAL;
	if (check) {
		if (arch_copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
	}
	woken = futex_wake(uaddr, n, FUTEX_BITSET_MATCH_ANY);
	list_for_each_entry(w, &waiters, link) {
		if (moved >= n2)
			break;
		if (futex_match(w, uaddr, mm)) {
			w->uaddr = uaddr2;
			moved++;
		}
	}
	return woken + moved;
}
