/*
 * CPU-time accounting on wasm32 (/bin/cputime): user time spent spinning
 * shows in times(2), CLOCK_PROCESS_CPUTIME_ID and /proc/self/stat, a
 * sleep is nobody's time, and a reaped child's time reaches its parent
 * (times' cutime, getrusage(RUSAGE_CHILDREN)).
 */
#include "rt.h"

#define NR_times 153
#define NR_getrusage 165
#define CLOCK_PROCESS_CPUTIME_ID 2
#define RUSAGE_CHILDREN (-1)
#define TICK_MS 10 /* USER_HZ 100 */

static volatile int spins;

/* Busy in user code for `ms` of wall time (a clock call per 100000 spins). */
static void spin_ms(long ms)
{
	long long end = rt_now_ns() + ms * 1000000LL;

	while (rt_now_ns() < end)
		for (int i = 0; i < 100000; i++)
			spins++;
}

static long long cpu_ms(void)
{
	long long ts[2];

	sys2(NR_clock_gettime64, CLOCK_PROCESS_CPUTIME_ID, ts);
	return ts[0] * 1000 + ts[1] / 1000000;
}

/* Field `n` (1-based, as proc(5) numbers them) of /proc/self/stat. */
static long stat_field(int n)
{
	static char buf[1024];
	long len, fd = sys4(NR_openat, -100, "/proc/self/stat", 0, 0), v = 0;
	char *p = buf;

	len = fd < 0 ? -1 : sys3(NR_read, fd, buf, sizeof(buf) - 1);
	sys1(NR_close, fd);
	if (len <= 0)
		return -1;
	buf[len] = 0;
	for (char *q = buf; *q; q++)
		if (*q == ')')
			p = q + 2; /* field 3 starts after the last ')' */
	for (int f = 3; f < n && *p; p++)
		if (*p == ' ')
			f++;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

/* "cputime NAME VALUE" for the log, then the check. */
static void check_at_least(const char *name, long got, long least)
{
	say("cputime ", name, " ", num(got), "\n", (char *)0);
	check(name, got >= least, 1);
}

void test_cputime(void)
{
	long tms[4], tms2[4], ru[18];
	long long c0, c1;
	int pid, status;

	sys1(NR_times, tms);
	c0 = cpu_ms();
	spin_ms(300);
	sys1(NR_times, tms2);
	check_at_least("spin-utime-ticks", tms2[0] - tms[0], 150 / TICK_MS);
	check_at_least("spin-cputime-ms", cpu_ms() - c0, 150);
	check_at_least("proc-stat-utime", stat_field(14), 150 / TICK_MS);
	c0 = cpu_ms();
	rt_sleep_ms(300);
	c1 = cpu_ms();
	say("cputime sleep-ms ", num(c1 - c0), "\n", (char *)0);
	check("sleep-not-charged", c1 - c0 < 100, 1);
	pid = rt_fork();
	if (pid == 0) {
		spin_ms(200);
		sys_exit(0);
	}
	check("child-wait", rt_wait(pid, &status), pid);
	sys1(NR_times, tms);
	check_at_least("child-cutime-ticks", tms[2], 100 / TICK_MS);
	check("getrusage-children", sys2(NR_getrusage, RUSAGE_CHILDREN, ru), 0);
	check_at_least("child-rusage-ms", ru[0] * 1000 + ru[1] / 1000, 100);
}
