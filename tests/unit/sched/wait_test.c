/* kernel/sched/wait.c: sleeping, waking, signals and timeouts. */
#include <string.h>

#include <arch.h>
#include <host_machine.h>
#include <janux/errno.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/wait.h>
#include "ktest.h"

static struct waitqueue wq = WAITQUEUE_INIT(wq);
static bool cond;
static int results[4];
static uint64_t deadline;

static void sleeper(void *arg)
{
	int *res = arg;

	*res = wait_event(&wq, cond, WAIT_INTERRUPTIBLE, deadline);
}

static struct task tasks[4];

KTEST(wait, wake_after_condition_returns_zero)
{
	results[0] = 99;
	host_task_run(&tasks[0], sleeper, &results[0]);
	KT_EQ_INT(results[0], 99);           /* asleep */
	KT_EXPECT(!waitqueue_empty(&wq));
	KT_EQ_INT(tasks[0].state, TASK_INTERRUPTIBLE);
	cond = true;
	wake_up_all(&wq);
	host_run_others();
	KT_EQ_INT(results[0], 0);
	KT_EXPECT(waitqueue_empty(&wq));
	KT_EQ_INT(tasks[0].state, TASK_RUNNING);
}

KTEST(wait, spurious_wake_sleeps_again)
{
	results[0] = 99;
	host_task_run(&tasks[0], sleeper, &results[0]);
	wake_up_all(&wq); /* condition still false */
	host_run_others();
	KT_EQ_INT(results[0], 99);
	KT_EQ_INT(host_task_of(&tasks[0])->waits, 2);
	cond = true;
	wake_up_all(&wq);
	host_run_others();
	KT_EQ_INT(results[0], 0);
}

KTEST(wait, signal_interrupts_with_erestartsys)
{
	results[0] = 99;
	host_task_run(&tasks[0], sleeper, &results[0]);
	tasks[0].pending |= sigmask(SIGUSR1);
	arch_task_wake(&tasks[0]);
	host_run_others();
	KT_EQ_INT(results[0], -ERESTARTSYS);
}

KTEST(wait, blocked_signal_does_not_interrupt)
{
	results[0] = 99;
	tasks[0].blocked = sigmask(SIGUSR1);
	tasks[0].pending = sigmask(SIGUSR1);
	host_task_run(&tasks[0], sleeper, &results[0]);
	KT_EQ_INT(results[0], 99);
	cond = true;
	wake_up_all(&wq);
	host_run_others();
	KT_EQ_INT(results[0], 0);
}

KTEST(wait, deadline_gives_etimedout)
{
	host_clock_set_ns(1000);
	deadline = 5000;
	results[0] = 99;
	host_task_run(&tasks[0], sleeper, &results[0]);
	KT_EQ_INT(host_timer_deadline(), 5000);
	host_clock_set_ns(4999);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(results[0], 99);
	host_clock_set_ns(5000);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(results[0], -ETIMEDOUT);
	KT_EQ_INT(host_timer_deadline(), UINT64_MAX); /* timer cleaned up */
}

KTEST(wait, wake_up_one_wakes_the_oldest_only)
{
	results[0] = results[1] = 99;
	host_task_run(&tasks[0], sleeper, &results[0]);
	host_task_run(&tasks[1], sleeper, &results[1]);
	cond = true;
	KT_EXPECT(wake_up_one(&wq));
	host_run_others();
	KT_EQ_INT(results[0], 0);
	KT_EQ_INT(results[1], 99);
	KT_EXPECT(wake_up_one(&wq));
	host_run_others();
	KT_EQ_INT(results[1], 0);
	KT_EXPECT(!wake_up_one(&wq));
}

KTEST(wait, condition_true_never_sleeps)
{
	cond = true;
	arch_set_current(&tasks[2]);
	KT_EQ_INT(wait_event(&wq, cond, WAIT_INTERRUPTIBLE, WAIT_FOREVER), 0);
	KT_EQ_INT(host_task_of(&tasks[2])->waits, 0);
}
