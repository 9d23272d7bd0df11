/* kernel/signal + kernel/sys/signal.c: actions, masks, delivery, kill. */
#include <string.h>

#include <janux/errno.h>
#include <janux/timer.h>
#include <janux/waitflags.h>
#include "ktest.h"
#include "task/fixture.h"

/* Write a user struct sigaction (handler, flags, restorer, mask). */
static uaddr_t user_sigaction(unsigned long handler, unsigned long flags, uint64_t mask)
{
	uaddr_t u = host_user_alloc(3 * sizeof(long) + 8);
	unsigned long *w = host_user_ptr(u);

	w[0] = handler;
	w[1] = flags;
	w[2] = 0;
	memcpy((char *)w + 3 * sizeof(long), &mask, 8);
	return u;
}

static void deliver_fn(void *arg)
{
	signal_exit_to_user(false, 0);
	task_exit(0);
}

static int reap_status(pid_t pid)
{
	struct wait_result r;

	if (task_wait(P_PID, pid, WEXITED | WNOHANG, &r) != pid)
		return -1;
	return r.status;
}

KTEST(signal, default_actions_terminate_core_ignore)
{
	struct task *a, *b, *c;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(init_task, SIGCHLD, NULL);
	c = fork_as(init_task, SIGCHLD, NULL);
	sig_send_process(a->proc, SIGTERM, NULL);
	sig_send_process(b->proc, SIGSEGV, NULL);
	sig_send_process(c->proc, SIGWINCH, NULL); /* ignored: discarded */
	KT_EXPECT(!signal_pending(c));
	host_task_run(a, deliver_fn, NULL);
	host_task_run(b, deliver_fn, NULL);
	host_task_run(c, deliver_fn, NULL);
	KT_EQ_INT(reap_status(2), SIGTERM);
	KT_EQ_INT(reap_status(3), SIGSEGV | 0x80);
	KT_EQ_INT(reap_status(4), 0);
}

KTEST(signal, handler_frame_masks_and_eintr)
{
	struct task *a;
	struct host_task *h;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	h = host_task_of(a);
	KT_EQ_INT(AS(a, SYS4(NR_rt_sigaction, SIGUSR1,
			     user_sigaction(0x4000, SA_SIGINFO, sigmask(SIGUSR2)), 0, 8)), 0);
	sig_send_process(a->proc, SIGUSR1, NULL);
	KT_EXPECT(signal_pending(a));
	AS(a, (signal_exit_to_user(true, -ERESTARTSYS), 0));
	KT_EQ_INT(h->frames, 1);
	KT_EQ_INT(h->frame_sig, SIGUSR1);
	KT_EQ_INT(h->frame_handler, 0x4000);
	KT_EQ_INT(h->frame_oldmask, 0);
	KT_EXPECT(h->result_set && h->result == -EINTR);
	KT_EQ_INT(h->restarts, 0);
	KT_EQ_INT(a->blocked, sigmask(SIGUSR1) | sigmask(SIGUSR2));
	/* rt_sigreturn restores the mask saved in the frame */
	h->result = 42;
	KT_EQ_INT(AS(a, SYS0(NR_rt_sigreturn)), 42);
	KT_EQ_INT(a->blocked, 0);
	KT_EQ_INT(AS(a, SYS0(NR_rt_sigreturn)), -EFAULT); /* no frame */
}

KTEST(signal, sa_restart_restarts_and_resethand_nodefer)
{
	struct task *a;
	struct host_task *h;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	h = host_task_of(a);
	AS(a, SYS4(NR_rt_sigaction, SIGUSR2,
		   user_sigaction(0x4000, SA_RESTART | SA_RESETHAND | SA_NODEFER, 0), 0, 8));
	sig_send_process(a->proc, SIGUSR2, NULL);
	AS(a, (signal_exit_to_user(true, -ERESTARTSYS), 0));
	KT_EQ_INT(h->restarts, 1);
	KT_EXPECT(!h->result_set);
	KT_EQ_INT(a->blocked, 0); /* SA_NODEFER */
	KT_EQ_INT(a->sighand->action[SIGUSR2 - 1].handler, SIG_DFL);
}

KTEST(signal, no_handler_means_transparent_restart)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	AS(a, (signal_exit_to_user(true, -ERESTARTSYS), 0));
	KT_EQ_INT(host_task_of(a)->restarts, 1);
}

/* Linux's ERESTARTNOHAND: restart only when no handler ran, SA_RESTART or
 * not; ERESTART_RESTARTBLOCK also marks the restart for the call. */
KTEST(signal, erestartnohand_restarts_only_without_a_handler)
{
	struct task *a;
	struct host_task *h;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	h = host_task_of(a);
	AS(a, (signal_exit_to_user(true, -ERESTARTNOHAND), 0));
	KT_EQ_INT(h->restarts, 1);
	KT_EXPECT(!a->restart_block.active);
	AS(a, (signal_exit_to_user(true, -ERESTART_RESTARTBLOCK), 0));
	KT_EQ_INT(h->restarts, 2);
	KT_EXPECT(a->restart_block.active);
	a->restart_block.active = false;
	AS(a, SYS4(NR_rt_sigaction, SIGUSR2, user_sigaction(0x4000, SA_RESTART, 0), 0, 8));
	sig_send_process(a->proc, SIGUSR2, NULL);
	AS(a, (signal_exit_to_user(true, -ERESTARTNOHAND), 0));
	KT_EQ_INT(h->restarts, 2);
	KT_EXPECT(h->result_set && h->result == -EINTR);
	KT_EQ_INT(h->frames, 1);
	a->blocked = 0; /* as after the handler's rt_sigreturn */
	sig_send_process(a->proc, SIGUSR2, NULL);
	h->result_set = false;
	AS(a, (signal_exit_to_user(true, -ERESTART_RESTARTBLOCK), 0));
	KT_EXPECT(h->result_set && h->result == -EINTR && !a->restart_block.active);
}

KTEST(signal, blocked_signals_stay_pending)
{
	struct task *a;
	uaddr_t set = host_user_alloc(8), out = host_user_alloc(8);

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	*(uint64_t *)host_user_ptr(set) = sigmask(SIGUSR1) | sigmask(SIGKILL);
	KT_EQ_INT(AS(a, SYS4(NR_rt_sigprocmask, SIG_BLOCK, set, 0, 8)), 0);
	KT_EQ_INT(a->blocked, sigmask(SIGUSR1)); /* SIGKILL cannot be blocked */
	AS(a, SYS4(NR_rt_sigaction, SIGUSR1, user_sigaction(0x4000, 0, 0), 0, 8));
	sig_send_process(a->proc, SIGUSR1, NULL);
	KT_EXPECT(!signal_pending(a));
	KT_EQ_INT(AS(a, SYS2(NR_rt_sigpending, out, 8)), 0);
	KT_EQ_INT(*(uint64_t *)host_user_ptr(out), sigmask(SIGUSR1));
	KT_EQ_INT(AS(a, SYS4(NR_rt_sigprocmask, SIG_UNBLOCK, set, out, 8)), 0);
	KT_EQ_INT(*(uint64_t *)host_user_ptr(out), sigmask(SIGUSR1));
	KT_EXPECT(signal_pending(a));
	KT_EQ_INT(AS(a, SYS4(NR_rt_sigprocmask, 7, set, 0, 8)), -EINVAL);
	KT_EQ_INT(AS(a, SYS4(NR_rt_sigprocmask, SIG_BLOCK, set, 0, 4)), -EINVAL);
}

KTEST(signal, sigaction_errors)
{
	uaddr_t act;

	boot_init();
	act = user_sigaction(0x4000, 0, 0);
	KT_EQ_INT(SYS4(NR_rt_sigaction, SIGKILL, act, 0, 8), -EINVAL);
	KT_EQ_INT(SYS4(NR_rt_sigaction, SIGSTOP, act, 0, 8), -EINVAL);
	KT_EQ_INT(SYS4(NR_rt_sigaction, 0, act, 0, 8), -EINVAL);
	KT_EQ_INT(SYS4(NR_rt_sigaction, 65, act, 0, 8), -EINVAL);
	KT_EQ_INT(SYS4(NR_rt_sigaction, SIGINT, act, 0, 16), -EINVAL);
	KT_EQ_INT(SYS4(NR_rt_sigaction, SIGINT, 8, 0, 8), -EFAULT);
	KT_EQ_INT(SYS4(NR_rt_sigaction, SIGKILL, 0, act, 8), 0); /* reading is fine */
}

KTEST(signal, kill_permissions_and_errors)
{
	struct task *a, *b;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(init_task, SIGCHLD, NULL);
	a->cred->uid = a->cred->euid = a->cred->suid = 1000;
	b->cred->uid = b->cred->euid = b->cred->suid = 1001;
	KT_EQ_INT(AS(a, SYS2(NR_kill, b->tid, SIGTERM)), -EPERM);
	KT_EQ_INT(AS(a, SYS2(NR_kill, b->tid, 0)), -EPERM);
	KT_EQ_INT(AS(a, SYS2(NR_kill, 999, SIGTERM)), -ESRCH);
	KT_EQ_INT(AS(a, SYS2(NR_kill, b->tid, 65)), -EINVAL);
	KT_EQ_INT(AS(a, SYS2(NR_kill, a->tid, 0)), 0);
	KT_EQ_INT(SYS2(NR_kill, b->tid, SIGUSR1), 0); /* root may */
	KT_EXPECT(signal_pending(b));
	KT_EQ_INT(SYS3(NR_tgkill, a->tid, b->tid, SIGUSR1), -ESRCH);
	KT_EQ_INT(SYS3(NR_tgkill, 0, b->tid, SIGUSR1), -EINVAL);
	KT_EQ_INT(SYS2(NR_tkill, a->tid, SIGUSR2), 0);
	KT_EXPECT(a->pending & sigmask(SIGUSR2));
	/* kill(-1) reaches every other process but init */
	KT_EQ_INT(SYS2(NR_kill, -1, SIGHUP), 0);
	KT_EXPECT(a->proc->shared_pending & sigmask(SIGHUP));
	KT_EQ_INT(SYS2(NR_kill, -77, SIGHUP), -ESRCH);
}

static void stop_then_exit(void *arg)
{
	signal_exit_to_user(false, 0);
	task_exit(3 << 8);
}

KTEST(signal, stop_and_continue_are_reported_to_wait)
{
	struct task *a;
	struct wait_result r;
	pid_t pid;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	pid = a->tid;
	sig_send_process(a->proc, SIGSTOP, NULL);
	host_task_run(a, stop_then_exit, NULL);
	KT_EQ_INT(a->state, TASK_STOPPED);
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WNOHANG, &r), 0);
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WUNTRACED | WNOHANG, &r), pid);
	KT_EQ_INT(r.status, (SIGSTOP << 8) | 0x7f);
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WUNTRACED | WNOHANG, &r), 0);
	sig_send_process(a->proc, SIGCONT, NULL);
	KT_EQ_INT(task_wait(P_ALL, 0, WCONTINUED | WNOHANG, &r), pid);
	KT_EQ_INT(r.status, 0xffff);
	host_run_others();
	KT_EQ_INT(task_wait(P_ALL, 0, WEXITED | WNOHANG, &r), pid);
	KT_EQ_INT(r.status, 3 << 8);
}

KTEST(signal, sigkill_wakes_a_stopped_task)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	sig_send_process(a->proc, SIGSTOP, NULL);
	host_task_run(a, stop_then_exit, NULL);
	KT_EQ_INT(a->state, TASK_STOPPED);
	sig_send_process(a->proc, SIGKILL, NULL);
	host_run_others();
	KT_EQ_INT(reap_status(2), SIGKILL);
}

KTEST(signal, frame_failure_kills_with_sigsegv)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	a->sighand->action[SIGUSR1 - 1].handler = 0x4000;
	sig_send_process(a->proc, SIGUSR1, NULL);
	host_fail_next_frame = true;
	host_task_run(a, deliver_fn, NULL);
	KT_EQ_INT(reap_status(2), SIGSEGV | 0x80);
}

KTEST(signal, exec_reset_keeps_ignored_resets_handled)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, CLONE_VM | CLONE_SIGHAND | SIGCHLD, NULL);
	a->sighand->action[SIGINT - 1].handler = SIG_IGN;
	a->sighand->action[SIGTERM - 1].handler = 0x4000;
	KT_EQ_INT(sig_exec_reset(a), 0);
	KT_EXPECT(a->sighand != init_task->sighand); /* unshared */
	KT_EQ_INT(a->sighand->action[SIGINT - 1].handler, SIG_IGN);
	KT_EQ_INT(a->sighand->action[SIGTERM - 1].handler, SIG_DFL);
	KT_EQ_INT(init_task->sighand->action[SIGTERM - 1].handler, 0x4000);
}

KTEST(signal, sigaltstack_rules)
{
	uaddr_t ss = host_user_alloc(3 * sizeof(long)), old = host_user_alloc(3 * sizeof(long));
	unsigned long *w = host_user_ptr(ss), *o = host_user_ptr(old);

	boot_init();
	w[0] = 0x8000;
	w[1] = 0;
	w[2] = 100;
	KT_EQ_INT(SYS2(NR_sigaltstack, ss, 0), -ENOMEM);
	w[2] = 65536;
	KT_EQ_INT(SYS2(NR_sigaltstack, ss, 0), 0);
	w[1] = 99;
	KT_EQ_INT(SYS2(NR_sigaltstack, ss, old), -EINVAL);
	KT_EQ_INT(SYS2(NR_sigaltstack, 0, old), 0);
	KT_EQ_INT(o[0], 0x8000);
	KT_EQ_INT(o[2], 65536);
}

static long waited_sig;
static uaddr_t tw_set, tw_info, tw_ts;

static void timedwait_fn(void *arg)
{
	waited_sig = sys(137, tw_set, tw_info, tw_ts, 8, 0, 0);
}

KTEST(signal, sigtimedwait_takes_a_blocked_signal)
{
	struct task *a;
	int *si;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	tw_set = host_user_alloc(8);
	tw_info = host_user_alloc(128);
	tw_ts = 0;
	*(uint64_t *)host_user_ptr(tw_set) = sigmask(SIGUSR1);
	a->blocked = sigmask(SIGUSR1);
	waited_sig = 99;
	host_task_run(a, timedwait_fn, NULL);
	KT_EQ_INT(waited_sig, 99);
	KT_EQ_INT(SYS2(NR_kill, a->tid, SIGUSR1), 0);
	host_run_others();
	KT_EQ_INT(waited_sig, SIGUSR1);
	si = host_user_ptr(tw_info);
	KT_EQ_INT(si[0], SIGUSR1);
	KT_EQ_INT(si[2], SI_USER);
	KT_EQ_INT(si[4], 1); /* sender pid (LP64: union at offset 16) */
	KT_EQ_INT(a->blocked, sigmask(SIGUSR1)); /* mask restored */
	KT_EXPECT(!(a->proc->shared_pending & sigmask(SIGUSR1)));
}

KTEST(signal, sigtimedwait_timeout_and_other_signals)
{
	struct task *a;
	int64_t *ts;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	tw_set = host_user_alloc(8);
	tw_info = 0;
	tw_ts = host_user_alloc(16);
	ts = host_user_ptr(tw_ts);
	ts[0] = 1;
	ts[1] = 0;
	*(uint64_t *)host_user_ptr(tw_set) = sigmask(SIGUSR1);
	host_clock_set_ns(0);
	host_task_run(a, timedwait_fn, NULL);
	host_clock_set_ns(NSEC_PER_SEC);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(waited_sig, -EAGAIN);
	a->sighand->action[SIGUSR2 - 1].handler = 0x4000;
	ts[0] = 100;
	host_task_run(a, timedwait_fn, NULL);
	sig_send_process(a->proc, SIGUSR2, NULL);
	host_run_others();
	KT_EQ_INT(waited_sig, -EINTR);
	ts[1] = -1;
	host_task_run(a, timedwait_fn, NULL);
	KT_EQ_INT(waited_sig, -EINVAL);
}

KTEST(signal, orphaned_stopped_group_gets_sighup_and_sigcont)
{
	struct task *a, *b;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, task_setsid()), a->tid);
	b = fork_as(a, SIGCHLD, NULL);
	KT_EQ_INT(AS(b, task_setpgid(0, 0)), 0);
	KT_EXPECT(!pgrp_orphaned(b->tid, NULL)); /* a links it to the session */
	sig_send_process(b->proc, SIGSTOP, NULL);
	host_task_run(b, stop_then_exit, NULL);
	KT_EQ_INT(b->state, TASK_STOPPED);
	b->sighand->action[SIGHUP - 1].handler = 0x4000;
	run_exit(a, 0);
	KT_EXPECT(pgrp_orphaned(b->tid, NULL));
	KT_EQ_INT(host_task_of(b)->frame_sig, SIGHUP); /* woke, took SIGHUP */
	KT_EQ_INT(b->proc->stop_sig, 0);                /* continued */
}

KTEST(signal, terminal_stop_does_not_stop_an_orphaned_group)
{
	struct task *a;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, task_setsid()), a->tid); /* its own session: orphaned */
	sig_send_process(a->proc, SIGTSTP, NULL);
	host_task_run(a, stop_then_exit, NULL);
	KT_EQ_INT(reap_status(a->tid), 3 << 8); /* ran on and exited */
}
