/*
 * Helpers for process tests: boot pid 1 on the test's main thread, fork as
 * any task, run a task's code (exit, wait...) on its own host thread.
 */
#ifndef TASK_FIXTURE_H
#define TASK_FIXTURE_H

#include <arch.h>
#include <host_machine.h>
#include <janux/signal.h>
#include <janux/syscall.h>
#include <janux/task.h>

/* asm-generic numbers used by the tests. */
enum {
	NR_exit = 93, NR_exit_group = 94, NR_waitid = 95, NR_set_tid_address = 96,
	NR_futex = 98, NR_nanosleep = 101, NR_getitimer = 102, NR_setitimer = 103,
	NR_clock_settime = 112, NR_clock_gettime = 113, NR_clock_getres = 114,
	NR_clock_nanosleep = 115, NR_gettimeofday = 169, NR_settimeofday = 170,
	NR_kill = 129, NR_tkill = 130, NR_tgkill = 131, NR_sigaltstack = 132,
	NR_rt_sigsuspend = 133, NR_rt_sigaction = 134, NR_rt_sigprocmask = 135,
	NR_rt_sigpending = 136, NR_rt_sigreturn = 139, NR_setregid = 143,
	NR_setgid = 144, NR_setreuid = 145, NR_setuid = 146, NR_setresuid = 147,
	NR_getresuid = 148, NR_times = 153, NR_setpgid = 154, NR_getpgid = 155,
	NR_getsid = 156, NR_setsid = 157, NR_getgroups = 158, NR_setgroups = 159,
	NR_getrlimit = 163, NR_setrlimit = 164, NR_getpid = 172, NR_getppid = 173,
	NR_getuid = 174, NR_geteuid = 175, NR_gettid = 178, NR_clone = 220,
	NR_wait4 = 260, NR_prlimit64 = 261,
};

static inline long sys(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		       unsigned long a3, unsigned long a4, unsigned long a5)
{
	return syscall_dispatch((unsigned long)nr, a0, a1, a2, a3, a4, a5);
}
#define SYS0(nr) sys(nr, 0, 0, 0, 0, 0, 0)
#define SYS1(nr, a) sys(nr, (unsigned long)(a), 0, 0, 0, 0, 0)
#define SYS2(nr, a, b) sys(nr, (unsigned long)(a), (unsigned long)(b), 0, 0, 0, 0)
#define SYS3(nr, a, b, c) sys(nr, (unsigned long)(a), (unsigned long)(b), \
			      (unsigned long)(c), 0, 0, 0)
#define SYS4(nr, a, b, c, d) sys(nr, (unsigned long)(a), (unsigned long)(b), \
				 (unsigned long)(c), (unsigned long)(d), 0, 0)

static struct task *init_task;

/* Make pid 1 (root, no files) the current task of the main thread. */
static inline struct task *boot_init(void)
{
	init_task = task_create_init(NULL, NULL);
	return init_task;
}

/* clone(flags) issued by `parent`; returns the child task (NULL on error,
 * with the error in *err when err is not NULL). Current goes back to init. */
static inline struct task *fork_as(struct task *parent, unsigned long flags, long *err)
{
	long r;

	arch_set_current(parent);
	r = task_clone(flags, 0, 0, 0, 0);
	arch_set_current(init_task);
	if (err)
		*err = r;
	return r > 0 ? task_by_tid((pid_t)r) : NULL;
}

static void exit_fn(void *arg)
{
	task_exit((int)(long)arg << 8);
}

/* Run task t until it exits with `code`. */
static inline void run_exit(struct task *t, int code)
{
	host_task_run(t, exit_fn, (void *)(long)code);
}

/* Issue a syscall as task t from the main thread (no sleeping). */
#define AS(t, expr) ({ arch_set_current(t); long __r = (expr); \
		       arch_set_current(init_task); __r; })

#endif
