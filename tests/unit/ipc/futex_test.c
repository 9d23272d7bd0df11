/* kernel/ipc/futex.c and the futex syscall: wait, wake, bitsets, timeouts. */
#include <string.h>

#include <janux/errno.h>
#include <janux/futex.h>
#include "ktest.h"
#include "task/fixture.h"

static uaddr_t word;
static long results[4];

static void waiter(void *arg)
{
	long *res = arg;

	*res = futex_wait(word, 0, WAIT_FOREVER, res == &results[1] ? 0x2 : 0x1);
}

KTEST(futex, value_mismatch_misalignment_and_fault)
{
	boot_init();
	word = host_user_alloc(8);
	*(uint32_t *)host_user_ptr(word) = 5;
	KT_EQ_INT(futex_wait(word, 4, WAIT_FOREVER, ~0u), -EAGAIN);
	KT_EQ_INT(futex_wait(word + 1, 5, WAIT_FOREVER, ~0u), -EINVAL);
	KT_EQ_INT(futex_wait(word, 5, WAIT_FOREVER, 0), -EINVAL);
	KT_EQ_INT(futex_wait(0x4, 5, WAIT_FOREVER, ~0u), -EFAULT);
	KT_EQ_INT(futex_wake(word, 1, ~0u), 0);
}

KTEST(futex, wake_respects_count_and_bitset)
{
	struct task t[2] = { 0 };

	boot_init();
	word = host_user_alloc(4);
	results[0] = results[1] = 99;
	host_task_run(&t[0], waiter, &results[0]); /* bitset 1 */
	host_task_run(&t[1], waiter, &results[1]); /* bitset 2 */
	KT_EQ_INT(futex_wake(word, 5, 0x2), 1);
	host_run_others();
	KT_EQ_INT(results[0], 99);
	KT_EQ_INT(results[1], 0);
	KT_EQ_INT(futex_wake(word, 0, ~0u), 0); /* count 0 wakes nobody */
	KT_EQ_INT(SYS3(NR_futex, word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1), 1);
	host_run_others();
	KT_EQ_INT(results[0], 0);
}

static void timed_waiter(void *arg)
{
	uaddr_t ts = host_user_alloc(16);
	int64_t *v = host_user_ptr(ts);

	v[0] = 0;
	v[1] = 1000; /* relative 1 us */
	*(long *)arg = sys(NR_futex, word, FUTEX_WAIT, 0, ts, 0, 0);
}

KTEST(futex, relative_timeout_gives_etimedout)
{
	struct task t = { 0 };

	boot_init();
	host_clock_set_ns(500);
	word = host_user_alloc(4);
	results[0] = 99;
	host_task_run(&t, timed_waiter, &results[0]);
	KT_EQ_INT(host_timer_deadline(), 1500);
	host_clock_set_ns(1500);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(results[0], -ETIMEDOUT);
}

KTEST(futex, signal_interrupts_a_wait)
{
	struct task t = { 0 };

	boot_init();
	word = host_user_alloc(4);
	results[0] = 99;
	host_task_run(&t, waiter, &results[0]);
	t.pending = sigmask(SIGUSR1);
	arch_task_wake(&t);
	host_run_others();
	KT_EQ_INT(results[0], -ERESTARTSYS);
}

KTEST(futex, requeue_moves_waiters)
{
	struct task t[2] = { 0 };
	uaddr_t other;

	boot_init();
	word = host_user_alloc(4);
	other = host_user_alloc(4);
	results[0] = results[2] = 99;
	host_task_run(&t[0], waiter, &results[0]);
	host_task_run(&t[1], waiter, &results[2]);
	*(uint32_t *)host_user_ptr(word) = 3;
	KT_EQ_INT(futex_requeue(word, 0, other, 1, true, 4), -EAGAIN);
	KT_EQ_INT(futex_requeue(word, 1, other, 1, true, 3), 2);
	host_run_others();
	KT_EQ_INT(results[0], 0);
	KT_EQ_INT(results[2], 99);
	KT_EQ_INT(futex_wake(word, 1, ~0u), 0);
	KT_EQ_INT(futex_wake(other, 1, ~0u), 1);
	host_run_others();
	KT_EQ_INT(results[2], 0);
}
