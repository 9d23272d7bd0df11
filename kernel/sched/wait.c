/* Wait queues: sleeping until an event, with signals and timeouts. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/signal.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/wait.h>

void waitqueue_init(struct waitqueue *wq)
{
	list_init(&wq->waiters);
}

bool waitqueue_empty(const struct waitqueue *wq)
{
	return list_empty(&wq->waiters);
}

void wake_up_all(struct waitqueue *wq)
{
	struct wait_entry *e;

	list_for_each_entry(e, &wq->waiters, link) {
		e->woken = true;
		arch_task_wake(e->task);
	}
}

bool wake_up_one(struct waitqueue *wq)
{
	struct wait_entry *e;

	list_for_each_entry(e, &wq->waiters, link) {
		if (!e->woken) {
			e->woken = true;
			arch_task_wake(e->task);
			return true;
		}
	}
	return false;
}

/* A sleep's timeout: wakes the sleeper when its deadline passes. */
struct sleep_timer {
	struct ktimer timer;
	struct task *task;
};

static void sleep_timeout(struct ktimer *kt)
{
	struct sleep_timer *st = container_of(kt, struct sleep_timer, timer);

	arch_task_wake(st->task);
}

int wait_sleep(struct waitqueue *wq, unsigned int flags, uint64_t deadline_ns)
{
	struct task *t = current;
	struct wait_entry e = { .task = t };
	struct sleep_timer st = { .task = t };

	if ((flags & WAIT_INTERRUPTIBLE) && signal_pending(t))
		return -ERESTARTSYS;
	if (deadline_ns != WAIT_FOREVER && clock_monotonic_ns() >= deadline_ns)
		return -ETIMEDOUT;
	list_add_tail(&e.link, &wq->waiters);
	ktimer_init(&st.timer, sleep_timeout);
	if (deadline_ns != WAIT_FOREVER)
		ktimer_add(&st.timer, deadline_ns);
	t->state = (flags & WAIT_INTERRUPTIBLE) ? TASK_INTERRUPTIBLE
						: TASK_UNINTERRUPTIBLE;
	arch_task_wait(t);
	t->state = TASK_RUNNING;
	ktimer_del(&st.timer);
	list_del(&e.link);
	return 0;
}
