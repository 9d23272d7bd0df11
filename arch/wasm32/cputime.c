/*
 * CPU-time accounting on wasm32 by sampling, as Linux's tick accounting:
 * every 10 ms (USER_HZ) the time since the last sample is charged to each
 * started task that is busy, as user time when it is in user code and as
 * system time when it is in the kernel and not asleep. The host has no
 * per-thread CPU clock and reading its clock costs a host call, so nothing
 * is measured per syscall; the tick runs only while some task is busy.
 */
#include <arch.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <wasm32.h>

#define CPUTIME_TICK_NS 10000000ull

static struct list_head tasks = LIST_HEAD_INIT(tasks); /* started, not exited */
static struct ktimer tick;
static bool ticking;
static uint64_t last_ns; /* the last sample */

/* Charge the stretch since the last sample; stop when nobody was busy. */
static void cputime_sample(struct ktimer *k)
{
	uint64_t now = arch_clock_monotonic_ns(), ns = now - last_ns;
	struct wasm_task *a;
	bool busy = false;

	list_for_each_entry(a, &tasks, cputime_link) {
		uint32_t where = __atomic_load_n(&a->where, __ATOMIC_ACQUIRE);

		if (where == IN_USER)
			task_account_time(a->task, ns, 0);
		else if (where == IN_KERNEL && !a->asleep)
			task_account_time(a->task, 0, ns);
		else
			continue;
		busy = true;
	}
	last_ns = now;
	ticking = busy;
	if (busy)
		ktimer_add(&tick, now + CPUTIME_TICK_NS);
}

void cputime_busy(void)
{
	if (ticking)
		return;
	if (!tick.fn)
		ktimer_init(&tick, cputime_sample);
	ticking = true;
	last_ns = arch_clock_monotonic_ns();
	ktimer_add(&tick, last_ns + CPUTIME_TICK_NS);
}

void cputime_add_task(struct wasm_task *a)
{
	list_add_tail(&a->cputime_link, &tasks);
	cputime_busy();
}

void cputime_remove_task(struct wasm_task *a)
{
	list_del(&a->cputime_link);
}
