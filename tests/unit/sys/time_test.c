/* kernel/sys/time.c: clocks, sleeping, interval timers, times. */
#include <string.h>

#include <janux/errno.h>
#include <janux/timer.h>
#include "ktest.h"
#include "task/fixture.h"

static uaddr_t ts_user(int64_t sec, int64_t nsec)
{
	uaddr_t u = host_user_alloc(16);
	int64_t *v = host_user_ptr(u);

	v[0] = sec;
	v[1] = nsec;
	return u;
}

KTEST(time, clock_gettime_and_getres)
{
	uaddr_t ts = host_user_alloc(16);
	int64_t *v = host_user_ptr(ts);

	boot_init();
	host_clock_set_ns(3 * NSEC_PER_SEC + 7);
	KT_EQ_INT(SYS2(NR_clock_gettime, 1, ts), 0); /* MONOTONIC */
	KT_EQ_INT(v[0], 3);
	KT_EQ_INT(v[1], 7);
	KT_EQ_INT(SYS2(NR_clock_gettime, 7, ts), 0); /* BOOTTIME */
	KT_EQ_INT(v[0], 3);
	KT_EQ_INT(SYS2(NR_clock_gettime, 0, ts), 0); /* REALTIME */
	KT_EQ_INT(v[0], 1700000003);
	KT_EQ_INT(SYS2(NR_clock_gettime, 2, ts), 0); /* PROCESS_CPUTIME */
	KT_EQ_INT(SYS2(NR_clock_gettime, 99, ts), -EINVAL);
	KT_EQ_INT(SYS2(NR_clock_gettime, 1, 8), -EFAULT);
	KT_EQ_INT(SYS2(NR_clock_getres, 1, ts), 0);
	KT_EQ_INT(v[0], 0);
	KT_EQ_INT(v[1], 1);
	KT_EQ_INT(SYS2(NR_clock_getres, 6, ts), 0); /* COARSE */
	KT_EQ_INT(v[1], 4000000);
	KT_EQ_INT(SYS2(NR_clock_getres, 1, 0), 0);
}

static long slept;
static uaddr_t sleep_req, sleep_rem;

static void sleeper(void *arg)
{
	slept = SYS2(NR_nanosleep, sleep_req, sleep_rem);
}

KTEST(time, nanosleep_until_the_deadline)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	host_clock_set_ns(1000);
	sleep_req = ts_user(0, 5000);
	slept = 99;
	host_task_run(a, sleeper, NULL);
	KT_EQ_INT(host_timer_deadline(), 6000);
	host_clock_set_ns(6000);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(slept, 0);
}

KTEST(time, nanosleep_interrupted_reports_remaining)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	host_clock_set_ns(0);
	sleep_req = ts_user(2, 0);
	sleep_rem = host_user_alloc(16);
	host_task_run(a, sleeper, NULL);
	host_clock_set_ns(NSEC_PER_SEC / 2);
	a->sighand->action[SIGUSR1 - 1].handler = 0x4000;
	sig_send_process(a->proc, SIGUSR1, NULL);
	host_run_others();
	KT_EQ_INT(slept, -ERESTART_RESTARTBLOCK); /* -EINTR once the handler runs */
	KT_EQ_INT(((int64_t *)host_user_ptr(sleep_rem))[1], NSEC_PER_SEC / 2);
	KT_EQ_INT(((int64_t *)host_user_ptr(sleep_rem))[0], 1);
}

/* Restarted without a handler (a stop, then SIGCONT), a relative sleep
 * resumes towards its first deadline instead of starting over. */
KTEST(time, restarted_nanosleep_keeps_its_deadline)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	host_clock_set_ns(NSEC_PER_SEC);
	a->restart_block.active = true;
	a->restart_block.deadline = NSEC_PER_SEC / 2; /* already past */
	sleep_req = ts_user(5, 0);
	sleep_rem = 0;
	host_task_run(a, sleeper, NULL);
	KT_EQ_INT(slept, 0);
	KT_EXPECT(!a->restart_block.active);
}

KTEST(time, nanosleep_rejects_bad_timespecs)
{
	boot_init();
	KT_EQ_INT(SYS2(NR_nanosleep, ts_user(0, NSEC_PER_SEC), 0), -EINVAL);
	KT_EQ_INT(SYS2(NR_nanosleep, ts_user(-1, 0), 0), -EINVAL);
	KT_EQ_INT(SYS2(NR_nanosleep, 8, 0), -EFAULT);
	KT_EQ_INT(SYS4(NR_clock_nanosleep, 3, 0, ts_user(0, 1), 0), -EINVAL);
}

KTEST(time, setitimer_sends_sigalrm_periodically)
{
	uaddr_t v = host_user_alloc(4 * sizeof(long)), o = host_user_alloc(4 * sizeof(long));
	long *w = host_user_ptr(v), *ow = host_user_ptr(o);

	boot_init();
	init_task->sighand->action[SIGALRM - 1].handler = 0x4000;
	host_clock_set_ns(0);
	w[0] = 0;
	w[1] = 1000; /* interval 1 ms */
	w[2] = 0;
	w[3] = 500;  /* first after 0.5 ms */
	KT_EQ_INT(SYS3(NR_setitimer, 0, v, 0), 0);
	KT_EQ_INT(host_timer_deadline(), 500000);
	KT_EQ_INT(SYS2(NR_getitimer, 0, o), 0);
	KT_EQ_INT(ow[3], 500);
	KT_EQ_INT(ow[1], 1000);
	host_clock_set_ns(500000);
	timer_interrupt();
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGALRM));
	KT_EQ_INT(host_timer_deadline(), 1500000);
	w[1] = w[3] = 0;
	KT_EQ_INT(SYS3(NR_setitimer, 0, v, o), 0);
	KT_EQ_INT(host_timer_deadline(), UINT64_MAX);
	w[3] = 1000000;
	KT_EQ_INT(SYS3(NR_setitimer, 0, v, 0), -EINVAL);
	KT_EQ_INT(SYS3(NR_setitimer, 5, v, 0), -EINVAL);
}

KTEST(time, times_counts_ticks_since_boot)
{
	uaddr_t b = host_user_alloc(4 * sizeof(long));

	boot_init();
	host_clock_set_ns(2 * NSEC_PER_SEC);
	KT_EQ_INT(SYS1(NR_times, b), 2 * USER_HZ);
	KT_EQ_INT(SYS1(NR_times, 8), -EFAULT);
}

KTEST(time, cpu_clocks_follow_accounting)
{
	uaddr_t ts = host_user_alloc(16);
	int64_t *v = host_user_ptr(ts);
	uaddr_t b = host_user_alloc(4 * sizeof(long));
	long *tms = host_user_ptr(b);

	boot_init();
	task_account_time(init_task, 2 * NSEC_PER_SEC, NSEC_PER_SEC / 2);
	KT_EQ_INT(SYS2(NR_clock_gettime, 3, ts), 0); /* THREAD_CPUTIME */
	KT_EQ_INT(v[0], 2);
	KT_EQ_INT(v[1], NSEC_PER_SEC / 2);
	KT_EQ_INT(SYS2(NR_clock_gettime, 2, ts), 0); /* PROCESS_CPUTIME */
	KT_EQ_INT(v[0], 2);
	SYS1(NR_times, b);
	KT_EQ_INT(tms[0], 2 * USER_HZ);
	KT_EQ_INT(tms[1], USER_HZ / 2);
}

KTEST(time, huge_timeouts_saturate_instead_of_overflowing)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	host_clock_set_ns(1000);
	sleep_req = ts_user(INT64_MAX, 999999999);
	slept = 99;
	host_task_run(a, sleeper, NULL);
	KT_EQ_INT(slept, 99); /* asleep, not timed out at once */
	KT_EXPECT(host_timer_deadline() > (1ull << 62));
}

/* clock_settime, settimeofday and gettimeofday were -ENOSYS, so busybox's
 * `date -s` could not set the time. */
KTEST(time, setting_the_realtime_clock)
{
	uaddr_t ts = host_user_alloc(16), tv = host_user_alloc(16), tz = host_user_alloc(8);
	int64_t *v = host_user_ptr(ts);
	long *t = host_user_ptr(tv);

	boot_init();
	host_clock_set_ns(5 * NSEC_PER_SEC);
	KT_EQ_INT(SYS2(NR_clock_settime, 0, ts_user(2000000000, 5)), 0);
	KT_EQ_INT(SYS2(NR_clock_gettime, 0, ts), 0);
	KT_EQ_INT(v[0], 2000000000);
	KT_EQ_INT(v[1], 5);
	KT_EQ_INT(SYS2(NR_clock_gettime, 1, ts), 0); /* MONOTONIC unmoved */
	KT_EQ_INT(v[0], 5);
	KT_EQ_INT(SYS2(NR_clock_settime, 1, ts_user(1, 0)), -EINVAL);
	KT_EQ_INT(SYS2(NR_clock_settime, 2, ts_user(1, 0)), -EINVAL);
	KT_EQ_INT(SYS2(NR_clock_settime, 0, ts_user(1, NSEC_PER_SEC)), -EINVAL);
	KT_EQ_INT(SYS2(NR_clock_settime, 0, 8), -EFAULT);
	KT_EQ_INT(SYS2(NR_gettimeofday, tv, tz), 0);
	KT_EQ_INT(t[0], 2000000000);
	KT_EQ_INT(((int *)host_user_ptr(tz))[0], 0);
	t[0] = 1800000000;
	t[1] = 250000;
	KT_EQ_INT(SYS2(NR_settimeofday, tv, 0), 0);
	KT_EQ_INT(SYS2(NR_clock_gettime, 0, ts), 0);
	KT_EQ_INT(v[0], 1800000000);
	KT_EQ_INT(v[1], 250000000);
	t[1] = 1000000;
	KT_EQ_INT(SYS2(NR_settimeofday, tv, 0), -EINVAL);
	KT_EQ_INT(SYS2(NR_gettimeofday, 8, 0), -EFAULT);
	KT_EQ_INT(SYS2(NR_setuid, 1000, 0), 0);
	KT_EQ_INT(SYS2(NR_clock_settime, 0, ts_user(1, 0)), -EPERM);
	t[1] = 0;
	KT_EQ_INT(SYS2(NR_settimeofday, tv, 0), -EPERM);
}
