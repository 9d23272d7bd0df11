/* wait4/waitid: finding a child that changed state, and reaping it. */
#include <janux/errno.h>
#include <janux/task.h>
#include <janux/waitflags.h>
#include "internal.h"

#define WAIT_KNOWN (WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | \
		    __WNOTHREAD | __WALL | __WCLONE)

/* Does child `c` match the id selection and the clone-child options? */
static bool wait_selects(const struct process *c, int idtype, pid_t id, int options)
{
	bool clone_child = c->exit_signal != SIGCHLD;

	if (idtype == P_PID && c->pid != id)
		return false;
	if (idtype == P_PGID && c->pgid != id)
		return false;
	if (options & __WALL)
		return true;
	return clone_child == !!(options & __WCLONE);
}

static void result_fill(struct wait_result *r, struct process *c, int status,
			int code, int si_status)
{
	struct task *leader = list_first_entry(&c->threads, struct task, thread_link);

	r->pid = c->pid;
	r->uid = leader->cred->uid;
	r->status = status;
	r->code = code;
	r->si_status = si_status;
	r->utime_ns = c->utime_ns + c->cutime_ns;
	r->stime_ns = c->stime_ns + c->cstime_ns;
}

/* Report child `c` if it has something for `options`; returns true then. */
static bool wait_report(struct process *c, int options, struct wait_result *r)
{
	int st = c->exit_status;

	if (c->zombie && (options & WEXITED)) {
		int code = (st & 0x7f) == 0 ? CLD_EXITED
					   : (st & 0x80) ? CLD_DUMPED : CLD_KILLED;

		result_fill(r, c, st, code, code == CLD_EXITED ? (st >> 8) & 0xff
							       : st & 0x7f);
		if (!(options & WNOWAIT)) {
			c->parent->cutime_ns += r->utime_ns;
			c->parent->cstime_ns += r->stime_ns;
			process_release(c);
		}
		return true;
	}
	if (c->stop_report && c->stop_sig && (options & WUNTRACED)) {
		result_fill(r, c, (c->stop_sig << 8) | 0x7f, CLD_STOPPED, c->stop_sig);
		if (!(options & WNOWAIT))
			c->stop_report = false;
		return true;
	}
	if (c->cont_report && (options & WCONTINUED)) {
		result_fill(r, c, 0xffff, CLD_CONTINUED, SIGCONT);
		if (!(options & WNOWAIT))
			c->cont_report = false;
		return true;
	}
	return false;
}

long task_wait(int idtype, pid_t id, int options, struct wait_result *res)
{
	struct process *me = current->proc, *c, *tmp;
	bool any;
	int err;

	if ((options & ~WAIT_KNOWN) || !(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -EINVAL;
	if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (idtype != P_ALL && id <= 0)
		return -EINVAL;
	task_reap_dead();
	for (;;) {
		any = false;
		list_for_each_entry_safe(c, tmp, &me->children, sibling) {
			if (!wait_selects(c, idtype, id, options))
				continue;
			any = true;
			if (wait_report(c, options, res))
				return res->pid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		err = wait_sleep(&me->child_wait, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
		if (err)
			return err;
	}
}
