/*
 * Signal delivery on the way back to user mode: default actions (ignore,
 * stop, continue, terminate, core), handler frames through the arch, and
 * the EINTR-versus-restart decision for interrupted syscalls.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/signal.h>
#include <janux/task.h>
#include "../task/internal.h"

#define WCOREFLAG 0x80

/* sig_dequeue: see <janux/signal.h>; thread-directed signals first. */
int sig_dequeue(struct task *t, sigset_k set, struct siginfo_k *info)
{
	sigset_k mine = t->pending & set, shared = t->proc->shared_pending & set;
	int sig;

	if (mine) {
		sig = __builtin_ctzll(mine) + 1;
		t->pending &= ~sigmask(sig);
		*info = t->pending_info[sig - 1];
	} else if (shared) {
		sig = __builtin_ctzll(shared) + 1;
		t->proc->shared_pending &= ~sigmask(sig);
		*info = t->proc->shared_info[sig - 1];
	} else {
		return 0;
	}
	return sig;
}

static bool sigkill_pending(const struct task *t)
{
	return (t->pending & sigmask(SIGKILL)) != 0;
}

/* Job-control stop: sleep until SIGCONT (or SIGKILL) ends the group stop. */
static void do_stop(struct task *t)
{
	struct process *p = t->proc;

	t->state = TASK_STOPPED;
	while (p->stop_sig && !sigkill_pending(t))
		arch_task_wait(t);
	t->state = TASK_RUNNING;
}

/* A stop signal's default action starts a group stop. */
static void group_stop(struct task *t, int sig)
{
	struct process *p = t->proc;

	if (!p->stop_sig) {
		p->stop_sig = sig;
		p->stop_report = true;
		p->cont_report = false;
		process_notify_parent(p, CLD_STOPPED, sig);
	}
	do_stop(t);
}

/* Run the handler of `sig`: frame, masks, SA_RESETHAND. */
static void handle_signal(struct task *t, int sig, const struct siginfo_k *info)
{
	struct sigaction_k *ka = &t->sighand->action[sig - 1];
	uint64_t oldmask = t->restore_mask ? t->saved_mask : t->blocked;
	uaddr_t sp_top = 0;

	if ((ka->flags & SA_ONSTACK) && t->altstack_size)
		sp_top = t->altstack_sp + t->altstack_size;
	if (arch_sig_setup_frame(t, sig, ka, info, &oldmask, sp_top)) {
		task_exit_group(SIGSEGV | WCOREFLAG);
	}
	t->restore_mask = false;
	t->blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		t->blocked |= sigmask(sig);
	t->blocked &= ~SIG_UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		*ka = (struct sigaction_k){ .handler = SIG_DFL };
}

/* Default action of `sig`; returns when the task goes on. */
static void default_action(struct task *t, int sig)
{
	switch (sig_default_action(sig)) {
	case SIGDFL_IGN:
	case SIGDFL_CONT:
		return;
	case SIGDFL_STOP:
		/* terminal stops do not stop an orphaned group (POSIX) */
		if (sig != SIGSTOP && pgrp_orphaned(t->proc->pgid, NULL))
			return;
		group_stop(t, sig);
		return;
	case SIGDFL_CORE:
		task_exit_group(sig | WCOREFLAG);
	case SIGDFL_TERM:
		task_exit_group(sig);
	}
}

/* CLONE_CHILD_SETTID is written by the child itself, in its own memory. */
static void first_return(struct task *t)
{
	if (t->set_child_tid) {
		arch_copy_to_user(t->set_child_tid, &t->tid, sizeof(t->tid));
		t->set_child_tid = 0;
	}
}

void signal_exit_to_user(bool in_syscall, long ret)
{
	struct task *t = current;
	bool restart = in_syscall && (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND ||
				      ret == -ERESTART_RESTARTBLOCK);
	struct sigaction_k *ka;
	struct siginfo_k info;
	int sig;

	first_return(t);
	for (;;) {
		if (sigkill_pending(t))
			task_exit_group(SIGKILL);
		if (t->proc->stop_sig) {
			do_stop(t);
			continue;
		}
		sig = sig_dequeue(t, ~t->blocked, &info);
		if (!sig)
			break;
		ka = &t->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			default_action(t, sig);
			continue;
		}
		if (restart) {
			if (ret == -ERESTARTSYS && (ka->flags & SA_RESTART))
				arch_syscall_restart(t);
			else
				arch_syscall_set_result(t, -EINTR);
		}
		handle_signal(t, sig, &info);
		return;
	}
	if (restart) { /* no handler ran: the call goes on transparently */
		t->restart_block.active = ret == -ERESTART_RESTARTBLOCK;
		arch_syscall_restart(t);
	}
	if (t->restore_mask) {
		t->blocked = t->saved_mask;
		t->restore_mask = false;
	}
}
