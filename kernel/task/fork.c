/* clone(2): new threads and processes. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/fs_struct.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/task.h>
#include "internal.h"

#define CLONE_UNSUPPORTED 0x7e000000ul /* namespaces, io: CLONE_NEW* ... */

/* Linux's flag consistency rules, plus what Janux does not do. */
static long clone_check_flags(unsigned long flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_FS) && (flags & CLONE_NEWNS))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_PIDFD | CLONE_UNSUPPORTED))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & CSIGNAL))
		return -EINVAL;
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current->proc->pid == 1)
		return -EINVAL;
	return 0;
}

/* RLIMIT_NPROC counts the tasks of the real uid; root is exempt. */
static bool nproc_exceeded(const struct task *cur)
{
	uint64_t lim = cur->proc->rlim[RLIMIT_NPROC].cur;

	if (cur->cred->euid == 0 || cur->cred->uid == 0)
		return false;
	return (uint64_t)task_count_user(cur->cred->uid) >= lim;
}

/* Files, fs context and handlers: shared or copied as `flags` say. */
static long clone_resources(struct task *c, struct task *cur, unsigned long flags)
{
	if (cur->files)
		c->files = (flags & CLONE_FILES) ? files_get(cur->files)
						 : files_dup(cur->files);
	if (cur->fs)
		c->fs = (flags & CLONE_FS) ? fs_struct_get(cur->fs)
					   : fs_struct_dup(cur->fs);
	if (flags & CLONE_SIGHAND) {
		c->sighand = cur->sighand;
		c->sighand->refs++;
	} else if ((c->sighand = sighand_alloc())) {
		memcpy(c->sighand->action, cur->sighand->action,
		       sizeof(c->sighand->action));
	}
	if ((cur->files && !c->files) || (cur->fs && !c->fs) || !c->sighand)
		return -ENOMEM;
	return 0;
}

static void clone_undo(struct task *c)
{
	if (c->files)
		files_put(c->files);
	if (c->fs)
		fs_struct_put(c->fs);
	if (c->sighand)
		sighand_put(c->sighand);
	task_free(c);
}

/* A new process for child `c` of the current task. */
static struct process *clone_process(struct task *c, unsigned long flags)
{
	struct process *cp = current->proc;
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	process_init(p, c->tid);
	p->pgid = cp->pgid;
	p->sid = cp->sid;
	p->tty = cp->tty;
	p->exit_signal = (int)(flags & CSIGNAL);
	memcpy(p->rlim, cp->rlim, sizeof(p->rlim));
	process_set_exe(p, cp->exe, cp->cmdline, cp->cmdline_len);
	p->parent = (flags & CLONE_PARENT) ? cp->parent : cp;
	list_add_tail(&p->sibling, &p->parent->children);
	return p;
}

/* Allocate the task record, copied from the current task. */
static struct task *clone_task(pid_t tid)
{
	struct task *cur = current;
	struct task *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->cred = kmalloc(sizeof(*c->cred));
	if (!c->cred) {
		kfree(c);
		return NULL;
	}
	*c->cred = *cur->cred;
	c->tid = tid;
	c->blocked = cur->blocked;
	c->start_ns = clock_monotonic_ns();
	memcpy(c->comm, cur->comm, sizeof(c->comm));
	return c;
}

/* Attach the child to its process and make it findable. */
static void clone_link(struct task *c, struct process *p)
{
	c->proc = p;
	p->live_threads++;
	list_add_tail(&c->thread_link, &p->threads);
	pid_hash_add(c);
}

long task_clone(unsigned long flags, uaddr_t stack, uaddr_t ptid,
		uaddr_t tls, uaddr_t ctid)
{
	struct task *cur = current, *c;
	struct process *p;
	long err = clone_check_flags(flags);
	pid_t tid;

	if (err)
		return err;
	task_reap_dead();
	if (nproc_exceeded(cur))
		return -EAGAIN;
	tid = pid_alloc();
	if (tid < 0)
		return tid;
	if (!(c = clone_task(tid)))
		return -ENOMEM;
	if ((err = clone_resources(c, cur, flags)) ||
	    (err = arch_task_clone(c, cur, flags, stack, tls))) {
		clone_undo(c);
		return err;
	}
	p = (flags & CLONE_THREAD) ? cur->proc : clone_process(c, flags);
	if (!p) {
		arch_task_release(c);
		clone_undo(c);
		return -ENOMEM;
	}
	clone_link(c, p);
	if (flags & CLONE_CHILD_SETTID)
		c->set_child_tid = ctid;
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	if (flags & CLONE_PARENT_SETTID)
		arch_copy_to_user(ptid, &tid, sizeof(tid));
	if (flags & CLONE_VFORK) {
		c->vfork_parent = cur;
		cur->vfork_waiting = true;
	}
	arch_task_start(c);
	if (flags & CLONE_VFORK)
		wait_event(&cur->proc->child_wait, !cur->vfork_waiting, 0,
			   WAIT_FOREVER);
	return tid;
}

void task_vfork_done(struct task *t)
{
	struct task *parent = t->vfork_parent;

	if (!parent)
		return;
	t->vfork_parent = NULL;
	parent->vfork_waiting = false;
	wake_up_all(&parent->proc->child_wait);
}
