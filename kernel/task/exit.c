/*
 * Ending tasks and processes: thread exit, exit_group, zombies, orphans
 * reparented to init, the parent's notification, deferred freeing.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/fs_struct.h>
#include <janux/futex.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/task.h>
#include "internal.h"

/* Finished tasks and processes whose memory can be freed once they stop
 * running (see task_reap_dead). */
static struct list_head dead_tasks = LIST_HEAD_INIT(dead_tasks);
static struct list_head dead_procs = LIST_HEAD_INIT(dead_procs);

void task_bury(struct task *t)
{
	list_add_tail(&t->thread_link, &dead_tasks);
}

void process_bury(struct process *p)
{
	list_del(&p->all_link);
	list_del(&p->sibling);
	list_add_tail(&p->all_link, &dead_procs);
}

static void task_release(struct task *t)
{
	arch_task_release(t);
	task_free(t);
}

void process_release(struct process *p)
{
	struct task *t, *tmp;

	list_for_each_entry_safe(t, tmp, &p->threads, thread_link) {
		list_del(&t->thread_link);
		pid_hash_del(t);
		task_release(t);
	}
	list_del(&p->all_link);
	list_del(&p->sibling);
	process_drop_exe(p);
	kfree(p);
}

void task_reap_dead(void)
{
	struct task *t, *tt;
	struct process *p, *pt;

	list_for_each_entry_safe(t, tt, &dead_tasks, thread_link) {
		if (t == current)
			continue;
		list_del(&t->thread_link);
		task_release(t);
	}
	list_for_each_entry_safe(p, pt, &dead_procs, all_link) {
		struct task *leader = list_empty(&p->threads) ? NULL :
			list_first_entry(&p->threads, struct task, thread_link);

		if (leader == current)
			continue;
		process_release(p);
	}
}

/* The process that adopts orphans: init. */
static struct process *child_reaper(void)
{
	return process_by_pid(1);
}

static bool parent_ignores_sigchld(const struct process *parent)
{
	struct task *t = process_live_thread(parent);
	const struct sigaction_k *ka;

	if (!t)
		return false;
	ka = &t->sighand->action[SIGCHLD - 1];
	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

void process_notify_parent(struct process *p, int code, int status)
{
	struct process *parent = p->parent;
	struct siginfo_k info = { .signo = SIGCHLD, .code = code,
				  .pid = p->pid, .status = status };
	struct task *leader;

	if (!parent)
		return;
	leader = process_live_thread(parent);
	if (code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED) {
		info.signo = p->exit_signal;
	} else if (!leader ||
		   (leader->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP)) {
		info.signo = 0;
	}
	if (info.signo)
		sig_send_process(parent, info.signo, &info);
	wake_up_all(&parent->child_wait);
}

/* Give the children of the dying process `p` to init. */
static void reparent_children(struct process *p)
{
	struct process *init = child_reaper(), *c, *tmp;

	list_for_each_entry_safe(c, tmp, &p->children, sibling) {
		list_del(&c->sibling);
		c->parent = init;
		list_add_tail(&c->sibling, &init->children);
		if (c->zombie) {
			c->exit_signal = SIGCHLD;
			process_notify_parent(c, CLD_EXITED, 0);
		}
	}
}

/* Wait-status to the CLD_* code and si_status of a SIGCHLD. */
static void status_to_cld(int status, int *code, int *si_status)
{
	if ((status & 0x7f) == 0) {
		*code = CLD_EXITED;
		*si_status = (status >> 8) & 0xff;
	} else {
		*code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		*si_status = status & 0x7f;
	}
}

/* The last thread of `p` is gone: become a zombie or vanish. */
static void process_exit(struct process *p)
{
	int code, si_status;

	if (p->pid == 1)
		panic("Attempted to kill init! exit status 0x%08x", p->exit_status);
	ktimer_del(&p->itimer_real);
	pgrp_exit_orphans(p);
	reparent_children(p);
	process_drop_exe(p);
	p->zombie = true;
	status_to_cld(p->exit_status, &code, &si_status);
	if (p->exit_signal == SIGCHLD && parent_ignores_sigchld(p->parent)) {
		process_bury(p); /* autoreap: nobody will wait for it */
		wake_up_all(&p->parent->child_wait);
		return;
	}
	process_notify_parent(p, code, si_status);
}

/* CLONE_CHILD_CLEARTID: zero the word and wake one futex waiter. */
static void clear_child_tid(struct task *t)
{
	pid_t zero = 0;

	if (t->clear_child_tid &&
	    arch_copy_to_user(t->clear_child_tid, &zero, sizeof(zero)) == 0)
		futex_wake(t->clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
	t->clear_child_tid = 0;
}

static void task_drop_resources(struct task *t)
{
	if (t->files)
		files_put(t->files);
	if (t->fs)
		fs_struct_put(t->fs);
	sighand_put(t->sighand);
	t->files = NULL;
	t->fs = NULL;
	t->sighand = NULL;
}

__noreturn void task_exit(int status)
{
	struct task *t = current;
	struct process *p = t->proc;
	bool leader = t->tid == p->pid;

	task_reap_dead();
	clear_child_tid(t);
	task_vfork_done(t);
	task_drop_resources(t);
	p->utime_ns += t->utime_ns;
	p->stime_ns += t->stime_ns;
	t->state = TASK_DEAD;
	if (!p->exiting)
		p->exit_status = status;
	if (--p->live_threads == 0) {
		p->exiting = true;
		process_exit(p);
	}
	if (!leader) {
		list_del(&t->thread_link);
		pid_hash_del(t);
		task_bury(t);
	}
	arch_task_exit(t);
}

__noreturn void task_exit_group(int status)
{
	struct task *t = current, *o;
	struct process *p = t->proc;

	if (!p->exiting) {
		p->exiting = true;
		p->exit_status = status;
		list_for_each_entry(o, &p->threads, thread_link)
			if (o != t && o->state != TASK_DEAD)
				sig_send_task(o, SIGKILL, NULL);
	}
	task_exit(p->exit_status);
}
