/* Process groups and sessions: setpgid, getpgid, getsid, setsid, orphaned groups. */
#include <janux/errno.h>
#include <janux/task.h>

/* `pid` 0 means the caller; others must name a live process. */
static struct process *proc_arg(pid_t pid)
{
	return pid == 0 ? current->proc : process_by_pid(pid);
}

long task_setpgid(pid_t pid, pid_t pgid)
{
	struct process *me = current->proc, *p;

	if (pgid == 0)
		pgid = pid ? pid : me->pid; /* as Linux: then a negative pid is -EINVAL */
	if (pgid < 0)
		return -EINVAL;
	p = proc_arg(pid);
	if (!p || p->zombie || (p != me && p->parent != me))
		return -ESRCH;
	if (p != me) {
		if (p->sid != me->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM; /* a session leader stays in its group */
	if (pgid != p->pid && !pgrp_exists(pgid, me->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long task_getpgid(pid_t pid)
{
	struct process *p = proc_arg(pid);

	return p ? p->pgid : -ESRCH;
}

long task_getsid(pid_t pid)
{
	struct process *p = proc_arg(pid);

	return p ? p->sid : -ESRCH;
}

long task_setsid(void)
{
	struct process *me = current->proc;

	if (pgrp_exists(me->pid, 0))
		return -EPERM; /* a group leader, or its pid names a group */
	me->sid = me->pgid = me->pid;
	me->tty = NULL;
	return me->sid;
}

bool pgrp_orphaned(pid_t pgid, const struct process *ignore)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_link) {
		struct process *parent = p->parent;

		if (p->pgid != pgid || p == ignore || p->zombie || !parent ||
		    parent == ignore)
			continue;
		if (parent->pgid != pgid && parent->sid == p->sid)
			return false;
	}
	return true;
}

/* Does group `pgid` hold a stopped process? */
static bool pgrp_has_stopped(pid_t pgid)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_link)
		if (p->pgid == pgid && p->stop_sig && !p->zombie)
			return true;
	return false;
}

/* If `pgid` (where `link` was the exiting process's tie to it) becomes
 * orphaned with stopped members, they get SIGHUP then SIGCONT. */
static void orphan_check(pid_t pgid, const struct process *exiting,
			 const struct process *link)
{
	if (link->pgid == pgid || link->sid != exiting->sid)
		return;
	if (pgrp_orphaned(pgid, exiting) && pgrp_has_stopped(pgid)) {
		sig_send_pgrp(pgid, SIGHUP, NULL);
		sig_send_pgrp(pgid, SIGCONT, NULL);
	}
}

void pgrp_exit_orphans(struct process *p)
{
	struct process *c;

	if (p->parent)
		orphan_check(p->pgid, p, p->parent);
	list_for_each_entry(c, &p->children, sibling)
		if (c->sid == p->sid)
			orphan_check(c->pgid, p, p);
}
