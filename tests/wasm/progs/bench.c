/*
 * Speed of the wasm32 machine's process paths, measured inside the guest
 * (/bin/bench, run as init by tests/bench/wasm.mjs): prints
 * "bench NAME VALUE UNIT" lines.
 */
#include "rt.h"

#define PIPE_CHUNK 65536
#define PIPE_TOTAL (64L << 20)

static void report(const char *name, long long value, const char *unit)
{
	say("bench ", name, " ", (char *)0);
	say(num((long)value), " ", unit, "\n", (char *)0);
}

static int spawn_true(void *arg)
{
	char *argv[] = { "/bin/true", 0 };

	sys3(NR_execve, "/bin/true", argv, 0);
	return 127;
}

static void bench_getppid(void)
{
	const long n = 200000;
	long long t0 = rt_now_ns();

	for (long i = 0; i < n; i++)
		sys0(NR_getppid);
	report("getppid_ns_x100", (rt_now_ns() - t0) * 100 / n, "ns/100");
}

#define WARM_UP 8 /* the module cache, and every pooled worker's first instance */

static void fork_exit_wait(void)
{
	int status, pid = rt_fork();

	if (pid == 0)
		sys_exit(0);
	rt_wait(pid, &status);
}

static void bench_spawn(void)
{
	const int n = 40;
	int status;
	long long t0;

	for (int i = 0; i < WARM_UP; i++)
		rt_wait(rt_clone(spawn_true, 0, CLONE_VFORK), &status);
	t0 = rt_now_ns();
	for (int i = 0; i < n; i++)
		rt_wait(rt_clone(spawn_true, 0, CLONE_VFORK), &status);
	report("spawn_wait_us", (rt_now_ns() - t0) / n / 1000, "us");
	for (int i = 0; i < WARM_UP; i++)
		fork_exit_wait();
	t0 = rt_now_ns();
	for (int i = 0; i < n; i++)
		fork_exit_wait();
	report("fork_wait_us", (rt_now_ns() - t0) / n / 1000, "us");
}

static void bench_pipe(void)
{
	static char buf[PIPE_CHUNK];
	int fds[2], pid, status;
	long total = 0, n;
	long long t0;

	sys2(NR_pipe2, fds, 0);
	pid = rt_fork();
	if (pid == 0) {
		sys1(NR_close, fds[0]);
		for (long done = 0; done < PIPE_TOTAL; done += PIPE_CHUNK)
			sys3(NR_write, fds[1], buf, PIPE_CHUNK);
		sys_exit(0);
	}
	sys1(NR_close, fds[1]);
	t0 = rt_now_ns();
	while ((n = sys3(NR_read, fds[0], buf, sizeof(buf))) > 0)
		total += n;
	report("pipe_MBps", total * 1000LL / (rt_now_ns() - t0 + 1), "MB/s");
	rt_wait(pid, &status);
}

void run_bench(void)
{
	bench_getppid();
	bench_spawn();
	bench_pipe();
}
