/* kernel/task: pids, fork, exit, zombies, reaping, orphans, exit_group. */
#include <string.h>

#include <janux/errno.h>
#include <janux/waitflags.h>
#include "ktest.h"
#include "task/fixture.h"

KTEST(process, init_is_pid_1_with_no_parent)
{
	boot_init();
	KT_EQ_INT(SYS0(NR_getpid), 1);
	KT_EQ_INT(SYS0(NR_gettid), 1);
	KT_EQ_INT(SYS0(NR_getppid), 0);
	KT_EQ_INT(SYS0(NR_getuid), 0);
}

KTEST(process, fork_makes_a_child_process)
{
	struct task *c;

	boot_init();
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_ASSERT(c != NULL);
	KT_EQ_INT(c->tid, 2);
	KT_EQ_INT(AS(c, SYS0(NR_getpid)), 2);
	KT_EQ_INT(AS(c, SYS0(NR_getppid)), 1);
	KT_EXPECT(c->proc != init_task->proc);
	KT_EXPECT(c->cred != init_task->cred);
	KT_EXPECT(c->sighand != init_task->sighand);
	KT_EXPECT(host_task_of(c)->started);
	KT_EQ_INT(c->proc->pgid, 1);
}

KTEST(process, wait4_nohang_exit_status_then_echild)
{
	struct task *c;
	int *st = host_user_ptr(host_user_alloc(4));
	uaddr_t ust = host_user_alloc(4);

	boot_init();
	init_task->sighand->action[SIGCHLD - 1].handler = 0x1000;
	KT_EQ_INT(SYS4(NR_wait4, -1, 0, WNOHANG, 0), -ECHILD);
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(SYS4(NR_wait4, -1, ust, WNOHANG, 0), 0);
	run_exit(c, 7);
	KT_EXPECT(init_task->pending == 0);
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGCHLD));
	KT_EQ_INT(SYS4(NR_wait4, -1, ust, 0, 0), 2);
	st = host_user_ptr(ust);
	KT_EQ_INT(*st, 7 << 8);
	KT_EQ_INT(SYS4(NR_wait4, -1, ust, WNOHANG, 0), -ECHILD);
	KT_EQ_INT(host_released_tasks, 1);
	KT_EXPECT(process_by_pid(2) == NULL);
}

KTEST(process, wait4_bad_options_and_efault)
{
	struct task *c;

	boot_init();
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(SYS4(NR_wait4, -1, 0, 0x100, 0), -EINVAL);
	run_exit(c, 1);
	KT_EQ_INT(SYS4(NR_wait4, 2, 0x10, 0, 0), -EFAULT);
}

static long waited;
static void wait_fn(void *arg)
{
	waited = task_wait(P_ALL, 0, WEXITED, arg);
}

KTEST(process, blocked_parent_wakes_when_child_exits)
{
	struct wait_result r;
	struct task *a, *b;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(a, SIGCHLD, NULL);
	waited = 99;
	host_task_run(a, wait_fn, &r);
	KT_EQ_INT(waited, 99);
	KT_EQ_INT(a->state, TASK_INTERRUPTIBLE);
	run_exit(b, 3);
	KT_EQ_INT(waited, 3);
	KT_EQ_INT(r.status, 3 << 8);
	KT_EQ_INT(r.code, CLD_EXITED);
}

KTEST(process, wait_by_pid_and_pgid_select)
{
	struct task *a, *b;
	struct wait_result r;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(b, task_setpgid(0, 0)), 0);
	run_exit(a, 1);
	run_exit(b, 2);
	KT_EQ_INT(task_wait(P_PID, 99, WEXITED | WNOHANG, &r), -ECHILD);
	KT_EQ_INT(task_wait(P_PGID, b->tid, WEXITED, &r), 3);
	KT_EQ_INT(r.status, 2 << 8);
	KT_EQ_INT(task_wait(P_PID, 2, WEXITED | WNOWAIT, &r), 2);
	KT_EQ_INT(task_wait(P_PID, 2, WEXITED, &r), 2); /* still there */
	KT_EQ_INT(task_wait(P_ALL, 0, 0, &r), -EINVAL);
}

/* Found by tests/parity (errno): Linux substitutes pid for a zero pgid
 * before checking the sign, so setpgid(-1, 0) is -EINVAL, not -ESRCH. */
KTEST(process, setpgid_negative_pid_with_zero_pgid_is_einval)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, task_setpgid(-1, 0)), -EINVAL);
	KT_EQ_INT(AS(a, task_setpgid(0, -1)), -EINVAL);
	KT_EQ_INT(AS(a, task_setpgid(99, 0)), -ESRCH);
	KT_EQ_INT(AS(a, task_setpgid(0, 0)), 0);
	KT_EQ_INT(a->proc->pgid, a->tid);
}

KTEST(process, orphans_are_reparented_to_init)
{
	struct task *a, *b;
	struct wait_result r;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(a, SIGCHLD, NULL);
	pid_t bpid = b->tid;
	run_exit(a, 0);
	KT_EXPECT(b->proc->parent == init_task->proc);
	KT_EQ_INT(AS(b, SYS0(NR_getppid)), 1);
	run_exit(b, 4);
	KT_EQ_INT(task_wait(P_PID, bpid, WEXITED | WNOHANG, &r), bpid);
	KT_EQ_INT(r.status, 4 << 8);
}

KTEST(process, zombie_orphan_goes_to_init_too)
{
	struct task *a, *b;
	struct wait_result r;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(a, SIGCHLD, NULL);
	pid_t bpid = b->tid;
	run_exit(b, 9); /* zombie child of a */
	run_exit(a, 0);
	KT_EQ_INT(task_wait(P_PID, bpid, WEXITED | WNOHANG, &r), bpid);
	KT_EQ_INT(r.status, 9 << 8);
}

KTEST(process, sigchld_ignored_means_autoreap)
{
	struct task *c;
	struct wait_result r;

	boot_init();
	init_task->sighand->action[SIGCHLD - 1].handler = SIG_IGN;
	c = fork_as(init_task, SIGCHLD, NULL);
	run_exit(c, 1);
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WNOHANG, &r), -ECHILD);
	KT_EXPECT(!(init_task->proc->shared_pending & sigmask(SIGCHLD)));
}

KTEST(process, pids_are_not_reused_at_once)
{
	struct task *c;
	struct wait_result r;
	pid_t first;

	boot_init();
	c = fork_as(init_task, SIGCHLD, NULL);
	first = c->tid;
	run_exit(c, 0);
	task_wait(P_ALL, 0, WEXITED, &r);
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_EXPECT(c->tid != first);
	KT_EQ_INT(c->tid, first + 1);
}

KTEST(process, pid_alloc_skips_live_groups_and_sessions)
{
	boot_init();
	for (int i = 0; i < 3; i++)
		KT_EXPECT(pid_alloc() > 1);
	/* pid 1 is init's pid, pgid and sid: never handed out again */
	for (int i = 0; i < 10; i++)
		KT_EXPECT(pid_alloc() != 1);
}

KTEST(process, clone_flag_rules)
{
	long err;

	boot_init();
	KT_EXPECT(!fork_as(init_task, CLONE_THREAD | CLONE_VM, &err));
	KT_EQ_INT(err, -EINVAL);
	KT_EXPECT(!fork_as(init_task, CLONE_SIGHAND, &err));
	KT_EQ_INT(err, -EINVAL);
	KT_EXPECT(!fork_as(init_task, CLONE_FS | CLONE_NEWNS, &err));
	KT_EQ_INT(err, -EINVAL);
	KT_EXPECT(!fork_as(init_task, CLONE_PARENT | SIGCHLD, &err));
	KT_EQ_INT(err, -EINVAL); /* init has no parent to share */
	host_fail_next_clone = true;
	KT_EXPECT(!fork_as(init_task, SIGCHLD, &err));
	KT_EQ_INT(err, -ENOMEM);
	KT_EXPECT(fork_as(init_task, SIGCHLD, &err) != NULL);
}

KTEST(process, threads_share_the_process)
{
	unsigned long f = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD | CLONE_SETTLS | CLONE_PARENT_SETTID |
			  CLONE_CHILD_CLEARTID;
	uaddr_t ptid = host_user_alloc(4), ctid = host_user_alloc(4);
	struct task *a, *t;
	long tid;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	arch_set_current(a);
	tid = task_clone(f, 0x5000, ptid, 0x7777, ctid);
	arch_set_current(init_task);
	KT_ASSERT(tid > 0);
	t = task_by_tid((pid_t)tid);
	KT_EXPECT(t->proc == a->proc);
	KT_EXPECT(t->sighand == a->sighand);
	KT_EQ_INT(a->proc->live_threads, 2);
	KT_EQ_INT(*(int *)host_user_ptr(ptid), tid);
	KT_EQ_INT(t->clear_child_tid, ctid);
	KT_EQ_INT(host_task_of(t)->clone_tls, 0x7777);
	KT_EQ_INT(host_task_of(t)->clone_stack, 0x5000);
	KT_EQ_INT(AS(t, SYS0(NR_getpid)), a->tid);
	KT_EQ_INT(AS(t, SYS0(NR_gettid)), tid);
	/* thread exit clears the tid word; the process lives on */
	*(int *)host_user_ptr(ctid) = (int)tid;
	run_exit(t, 0);
	KT_EQ_INT(*(int *)host_user_ptr(ctid), 0);
	KT_EQ_INT(a->proc->live_threads, 1);
	KT_EXPECT(task_by_tid((pid_t)tid) == NULL);
	KT_EXPECT(!a->proc->zombie);
}

static void sleep_then_return(void *arg)
{
	struct waitqueue wq;
	long r;

	waitqueue_init(&wq);
	r = wait_sleep(&wq, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
	r = wait_sleep(&wq, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
	signal_exit_to_user(true, r);
}

KTEST(process, exit_group_kills_the_other_threads)
{
	unsigned long f = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD;
	struct wait_result r;
	struct task *a, *t;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	t = fork_as(a, f, NULL);
	host_task_run(t, sleep_then_return, NULL);
	KT_EQ_INT(t->state, TASK_INTERRUPTIBLE);
	arch_set_current(a);
	host_task_run(a, (void (*)(void *))task_exit_group, (void *)(5 << 8));
	arch_set_current(init_task);
	KT_EXPECT(host_task_of(t)->exited);
	pid_t apid = a->tid;
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WNOHANG, &r), apid);
	KT_EQ_INT(r.status, 5 << 8);
}

KTEST(process, rlimit_nproc_is_enforced_on_fork)
{
	struct task *a;
	struct rlimit64 one = { 1, 1 };
	long err;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	a->cred->uid = a->cred->euid = 1000;
	KT_EQ_INT(AS(a, rlimit_get_set(a->proc, RLIMIT_NPROC, &one, NULL)), 0);
	KT_EXPECT(!fork_as(a, SIGCHLD, &err));
	KT_EQ_INT(err, -EAGAIN);
	/* root is exempt */
	KT_EQ_INT(init_task->proc->rlim[RLIMIT_NPROC].cur, 4096);
	init_task->proc->rlim[RLIMIT_NPROC].cur = 0;
	KT_EXPECT(fork_as(init_task, SIGCHLD, &err) != NULL);
}

static void vfork_fn(void *arg)
{
	*(long *)arg = task_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 0, 0, 0);
}

KTEST(process, vfork_parent_sleeps_until_child_exits)
{
	struct task *a, *c;
	long tid = 0;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	host_task_run(a, vfork_fn, &tid);
	KT_EQ_INT(tid, 0); /* still asleep in clone */
	c = task_by_tid(a->tid + 1);
	KT_ASSERT(c != NULL);
	KT_EXPECT(c->vfork_parent == a);
	run_exit(c, 0);
	KT_EQ_INT(tid, c == NULL ? -1 : a->tid + 1);
	KT_EXPECT(!a->vfork_waiting);
}

KTEST(process, waitid_fills_siginfo)
{
	uaddr_t u = host_user_alloc(128);
	int *si = host_user_ptr(u);
	struct task *c;

	boot_init();
	c = fork_as(init_task, SIGCHLD, NULL);
	si[0] = 77;
	KT_EQ_INT(sys(NR_waitid, P_ALL, 0, u, WEXITED | WNOHANG, 0, 0), 0);
	KT_EQ_INT(si[0], 0); /* nothing yet: zeroed */
	run_exit(c, 5);
	KT_EQ_INT(sys(NR_waitid, P_PID, 2, u, WEXITED, 0, 0), 0);
	KT_EQ_INT(si[0], SIGCHLD);
	KT_EQ_INT(si[2], CLD_EXITED);
	KT_EQ_INT(si[4], 2);   /* si_pid */
	KT_EQ_INT(si[6], 5);   /* si_status */
	KT_EQ_INT(sys(NR_waitid, P_ALL, 0, u, 0, 0, 0), -EINVAL);
	KT_EQ_INT(sys(NR_waitid, P_ALL, 0, u, WEXITED, 0, 0), -ECHILD);
}

KTEST(process, wait4_rusage_and_int_min_pid)
{
	uaddr_t ru = host_user_alloc(18 * sizeof(long));
	long *v = host_user_ptr(ru);
	struct task *c;

	boot_init();
	c = fork_as(init_task, SIGCHLD, NULL);
	task_account_time(c, 3 * 1000000000ull + 5000, 0);
	run_exit(c, 0);
	KT_EQ_INT(SYS4(NR_wait4, (int)0x80000000, 0, 0, ru), -ESRCH);
	KT_EQ_INT(SYS2(NR_kill, (int)0x80000000, 0), -ESRCH);
	KT_EQ_INT(SYS4(NR_wait4, -1, 0, 0, ru), 2);
	KT_EQ_INT(v[0], 3);
	KT_EQ_INT(v[1], 5);
	KT_EQ_INT(init_task->proc->cutime_ns, 3 * 1000000000ull + 5000);
}
