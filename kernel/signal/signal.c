/* Signal generation: default actions, sending, permissions, handler tables. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/signal.h>
#include <janux/task.h>
#include "../task/internal.h"

#define STOP_SIGS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | \
		   sigmask(SIGTTOU))

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGDFL_CORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGDFL_STOP;
	case SIGCONT:
		return SIGDFL_CONT;
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGDFL_IGN;
	default:
		return SIGDFL_TERM;
	}
}

struct sighand *sighand_alloc(void)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh)
		sh->refs = 1;
	return sh;
}

void sighand_put(struct sighand *sh)
{
	if (sh && --sh->refs == 0)
		kfree(sh);
}

int sig_exec_reset(struct task *t)
{
	struct sighand *sh = t->sighand;

	if (sh->refs > 1) {
		struct sighand *n = sighand_alloc();

		if (!n)
			return -ENOMEM;
		*n = *sh;
		n->refs = 1;
		sighand_put(sh);
		t->sighand = sh = n;
	}
	for (int i = 0; i < NSIG; i++) {
		struct sigaction_k *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			*ka = (struct sigaction_k){ .handler = SIG_DFL };
	}
	t->altstack_size = 0;
	return 0;
}

/* The first thread of p (its leader, possibly a zombie leader). */
static struct task *proc_leader(const struct process *p)
{
	return list_first_entry(&p->threads, struct task, thread_link);
}

struct task *process_live_thread(const struct process *p)
{
	struct task *t;

	list_for_each_entry(t, &p->threads, thread_link)
		if (t->state != TASK_DEAD)
			return t;
	return NULL;
}

bool sig_may_send(const struct process *p, int sig)
{
	const struct cred *c = current->cred;
	const struct cred *tc = proc_leader(p)->cred;

	if (c->euid == 0)
		return true;
	if (c->uid == tc->uid || c->uid == tc->suid || c->euid == tc->uid ||
	    c->euid == tc->suid)
		return true;
	return sig == SIGCONT && p->sid == current->proc->sid;
}

/* An ignored signal is discarded at generation (unless blocked). */
static bool sig_ignored(const struct task *t, int sig)
{
	const struct sigaction_k *ka = &t->sighand->action[sig - 1];

	if (t->blocked & sigmask(sig))
		return false;
	if (ka->handler == SIG_IGN)
		return true;
	return ka->handler == SIG_DFL && sig_default_action(sig) == SIGDFL_IGN;
}

bool sig_fatal_pending(const struct task *t)
{
	sigset_k set = (t->pending | t->proc->shared_pending) & ~t->blocked;

	if (t->pending & sigmask(SIGKILL))
		return true;
	for (int sig = 1; set; sig++, set >>= 1) {
		enum sig_default d = sig_default_action(sig);

		if ((set & 1) && t->sighand->action[sig - 1].handler == SIG_DFL &&
		    (d == SIGDFL_TERM || d == SIGDFL_CORE))
			return true;
	}
	return false;
}

/* Wake `t` if the signal can end its current sleep; tell the arch when it
 * may be running (elsewhere) instead. */
static void sig_wake(struct task *t, int sig)
{
	if (t->state == TASK_INTERRUPTIBLE ||
	    (t->state == TASK_STOPPED && (sig == SIGKILL || sig == SIGCONT)))
		arch_task_wake(t);
	else if (t->state == TASK_RUNNING && t != current)
		arch_task_kick(t);
}

/* SIGCONT and stop signals cancel each other at generation. */
static void sig_generation_effects(struct process *p, int sig)
{
	struct task *t;

	if (sig_default_action(sig) == SIGDFL_STOP) {
		p->shared_pending &= ~sigmask(SIGCONT);
		list_for_each_entry(t, &p->threads, thread_link)
			t->pending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		p->shared_pending &= ~STOP_SIGS;
		list_for_each_entry(t, &p->threads, thread_link) {
			t->pending &= ~STOP_SIGS;
			sig_wake(t, SIGCONT);
		}
		if (p->stop_sig) {
			p->stop_sig = 0;
			p->stop_report = false;
			p->cont_report = true;
			process_notify_parent(p, CLD_CONTINUED, SIGCONT);
		}
	}
}

static void info_fill(struct siginfo_k *dst, int sig, const struct siginfo_k *info)
{
	if (info)
		*dst = *info;
	else
		*dst = (struct siginfo_k){ .code = SI_KERNEL };
	dst->signo = sig;
}

void sig_send_process(struct process *p, int sig, const struct siginfo_k *info)
{
	struct task *t;

	if (sig <= 0 || sig > NSIG || p->zombie)
		return;
	sig_generation_effects(p, sig);
	if (sig == SIGKILL) {
		list_for_each_entry(t, &p->threads, thread_link)
			if (t->state != TASK_DEAD)
				sig_send_task(t, SIGKILL, info);
		return;
	}
	t = process_live_thread(p);
	if (!t || sig_ignored(t, sig))
		return;
	if (!(p->shared_pending & sigmask(sig)))
		info_fill(&p->shared_info[sig - 1], sig, info);
	p->shared_pending |= sigmask(sig);
	list_for_each_entry(t, &p->threads, thread_link) {
		if (t->state != TASK_DEAD && !(t->blocked & sigmask(sig))) {
			sig_wake(t, sig);
			break;
		}
	}
}

void sig_send_task(struct task *t, int sig, const struct siginfo_k *info)
{
	if (sig <= 0 || sig > NSIG || t->state == TASK_DEAD)
		return;
	if (sig != SIGKILL) {
		sig_generation_effects(t->proc, sig);
		if (sig_ignored(t, sig))
			return;
	}
	if (!(t->pending & sigmask(sig)))
		info_fill(&t->pending_info[sig - 1], sig, info);
	t->pending |= sigmask(sig);
	if (sig == SIGKILL || !(t->blocked & sigmask(sig)))
		sig_wake(t, sig);
}

int sig_send_pgrp(pid_t pgid, int sig, const struct siginfo_k *info)
{
	struct process *p, *tmp;
	int n = 0;

	list_for_each_entry_safe(p, tmp, &process_list, all_link) {
		if (p->pgid == pgid && !p->zombie) {
			sig_send_process(p, sig, info);
			n++;
		}
	}
	return n;
}
