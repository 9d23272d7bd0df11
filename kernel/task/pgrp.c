/* Process groups and sessions: setpgid, getpgid, getsid, setsid. */
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

	if (pgid < 0)
		return -EINVAL;
	p = proc_arg(pid);
	if (!p || p->zombie || (p != me && p->parent != me))
		return -ESRCH;
	if (pgid == 0)
		pgid = p->pid;
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
