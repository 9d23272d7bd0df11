/* Micro-benchmarks of the syscall paths a shell leans on, the same source
 * for every kernel (built with bin/janux-cc for the guests and the host cc
 * for native Linux). Each runs for about BENCH_SECONDS of wall time in
 * growing batches and prints one line "RESULT NAME VALUE UNIT".
 * forkmem prints the free memory (sysinfo) one forked child costs and the
 * resident set (/proc/PID/statm) of such a child.
 *   ubench syscall | fork | spawn | forkmem | pipe | file | run PROG ARGS... | nop */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_SECONDS 1.0

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static _Noreturn void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Run op(n) in batches, doubling n, until BENCH_SECONDS have passed (at
 * least `min` operations); returns seconds per operation. */
static double timed(void (*op)(long), long min)
{
	long done = 0, n = 1;
	double start = now(), t;
	do {
		op(n);
		done += n;
		n *= 2;
		t = now() - start;
	} while (t < BENCH_SECONDS || done < min);
	return t / done;
}

static void op_getppid(long n)
{
	for (long i = 0; i < n; i++)
		getppid();
}

static char *self;
static char **run_argv;

/* fork, exec argv with stdout on /dev/null, wait; exits unless status 0. */
static void spawn_wait(char **argv)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 1) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "ubench: %s failed (status %#x)\n", argv[0], st);
		exit(1);
	}
}

/* fork, the child _exits at once, wait: fork+exit+wait without exec. */
static void op_fork(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		int st;
		if (waitpid(pid, &st, 0) != pid || st != 0)
			die("fork child");
	}
}

/* Free memory in bytes as the kernel reports it. */
static double free_bytes(void)
{
	struct sysinfo si;
	if (sysinfo(&si) < 0)
		die("sysinfo");
	return (double)si.freeram * si.mem_unit;
}

/* Resident bytes of process `pid` (/proc/PID/statm's second field). */
static double resident_bytes(pid_t pid)
{
	char path[64];
	unsigned long size, rss;
	snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f || fscanf(f, "%lu %lu", &size, &rss) != 2)
		die(path);
	fclose(f);
	return (double)rss * sysconf(_SC_PAGESIZE);
}

#define FORKMEM_CHILDREN 8

/* What each of FORKMEM_CHILDREN live forked children (blocked reading a
 * pipe) takes: bytes of free memory (sysinfo's freeram), and its resident
 * set in *rss. */
static double fork_cost(double *rss)
{
	pid_t kids[FORKMEM_CHILDREN];
	int p[2];
	char c;
	if (pipe(p) < 0)
		die("pipe");
	double before = free_bytes();
	for (int i = 0; i < FORKMEM_CHILDREN; i++) {
		kids[i] = fork();
		if (kids[i] < 0)
			die("fork");
		if (kids[i] == 0) {
			close(p[1]);
			_exit(read(p[0], &c, 1) < 0);
		}
	}
	double during = free_bytes();
	*rss = 0;
	for (int i = 0; i < FORKMEM_CHILDREN; i++)
		*rss += resident_bytes(kids[i]) / FORKMEM_CHILDREN;
	close(p[1]);
	for (int i = 0; i < FORKMEM_CHILDREN; i++)
		waitpid(kids[i], NULL, 0);
	close(p[0]);
	return (before - during) / FORKMEM_CHILDREN;
}

static void op_spawn(long n)
{
	char *argv[] = {self, "nop", NULL};
	for (long i = 0; i < n; i++)
		spawn_wait(argv);
}

static void op_run(long n)
{
	for (long i = 0; i < n; i++)
		spawn_wait(run_argv);
}

static void op_file(long n)
{
	static char buf[4096];
	for (long i = 0; i < n; i++) {
		int fd = open("ubench.tmp", O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (fd < 0 || write(fd, buf, sizeof buf) != sizeof buf || close(fd) < 0)
			die("file write");
		fd = open("ubench.tmp", O_RDONLY);
		if (fd < 0 || read(fd, buf, sizeof buf) != sizeof buf || close(fd) < 0)
			die("file read");
		if (unlink("ubench.tmp") < 0)
			die("unlink");
	}
}

/* Bytes per second through a pipe from a child writing 64 KiB blocks. */
static double pipe_rate(void)
{
	static char buf[65536];
	int p[2];
	if (pipe(p) < 0)
		die("pipe");
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		while (write(p[1], buf, sizeof buf) > 0)
			;
		_exit(0);
	}
	close(p[1]);
	double start = now(), t;
	long long bytes = 0;
	do {
		long r = read(p[0], buf, sizeof buf);
		if (r <= 0)
			die("pipe read");
		bytes += r;
	} while ((t = now() - start) < BENCH_SECONDS);
	close(p[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return bytes / t;
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "nop"))
		return 0;
	if (!strcmp(argv[1], "syscall"))
		printf("RESULT syscall %.1f ns\n", timed(op_getppid, 1000) * 1e9);
	else if (!strcmp(argv[1], "fork"))
		printf("RESULT fork %.1f us\n", timed(op_fork, 10) * 1e6);
	else if (!strcmp(argv[1], "forkmem")) {
		double rss, freed = fork_cost(&rss);
		printf("RESULT forkmem %.1f KiB\nRESULT forkrss %.1f KiB\n", freed / 1024, rss / 1024);
	}
	else if (!strcmp(argv[1], "spawn"))
		printf("RESULT spawn %.1f us\n", timed(op_spawn, 10) * 1e6);
	else if (!strcmp(argv[1], "file"))
		printf("RESULT file %.1f us\n", timed(op_file, 10) * 1e6);
	else if (!strcmp(argv[1], "pipe"))
		printf("RESULT pipe %.1f MB/s\n", pipe_rate() / 1e6);
	else if (!strcmp(argv[1], "run") && argc > 2) {
		run_argv = argv + 2;
		printf("RESULT run %.1f ms\n", timed(op_run, 3) * 1e3);
	} else
		return 2;
	return 0;
}
