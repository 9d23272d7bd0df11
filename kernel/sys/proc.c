/*
 * Process syscalls: ids, clone, exit, wait, groups and sessions,
 * credentials, rlimits. Thin: fetch and check arguments, call kernel/task.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/fcntl.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/waitflags.h>

SYSCALL_DEFINE0(getpid) { return current->proc->pid; }
SYSCALL_DEFINE0(gettid) { return current->tid; }
SYSCALL_DEFINE0(getuid) { return current->cred->uid; }
SYSCALL_DEFINE0(geteuid) { return current->cred->euid; }
SYSCALL_DEFINE0(getgid) { return current->cred->gid; }
SYSCALL_DEFINE0(getegid) { return current->cred->egid; }

SYSCALL_DEFINE0(getppid)
{
	struct process *parent = current->proc->parent;

	return parent ? parent->pid : 0;
}

/* clone's argument order on asm-generic (CLONE_BACKWARDS): flags, stack,
 * parent_tid, tls, child_tid. */
SYSCALL_DEFINE5(clone, unsigned long, flags, uaddr_t, stack, uaddr_t, ptid,
		uaddr_t, tls, uaddr_t, ctid)
{
	return task_clone(flags, stack, ptid, tls, ctid);
}

SYSCALL_DEFINE1(exit, int, code)
{
	task_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	task_exit_group((code & 0xff) << 8);
}

SYSCALL_DEFINE1(set_tid_address, uaddr_t, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->tid;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, uaddr_t, wstatus, int, options, uaddr_t, ru)
{
	struct wait_result r;
	int idtype = pid == -1 ? P_ALL : pid > 0 ? P_PID : P_PGID;
	pid_t id;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH; /* -pid would overflow; Linux says ESRCH too */
	id = pid > 0 ? pid : pid == 0 ? current->proc->pgid : pid == -1 ? 0 : -pid;
	ret = task_wait(idtype, id, options | WEXITED, &r);
	if (ret <= 0)
		return ret;
	if (wstatus && arch_copy_to_user(wstatus, &r.status, sizeof(int)))
		return -EFAULT;
	if (rusage_to_user(ru, r.utime_ns, r.stime_ns))
		return -EFAULT;
	return ret;
}

/* waitid's siginfo: SIGCHLD with the child's pid, uid and status, or
 * all zero when WNOHANG found nothing. */
static long put_child_siginfo(uaddr_t infop, const struct wait_result *r, bool found)
{
	struct siginfo_k info = { 0 };
	unsigned char buf[SIGINFO_SIZE];

	if (!infop)
		return 0;
	if (found)
		info = (struct siginfo_k){ .signo = SIGCHLD, .code = r->code,
					   .pid = r->pid, .uid = r->uid,
					   .status = r->si_status };
	siginfo_to_bytes(&info, buf);
	if (!found)
		__builtin_memset(buf, 0, sizeof(buf));
	return arch_copy_to_user(infop, buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(waitid, int, idtype, pid_t, id, uaddr_t, infop, int, options,
		uaddr_t, ru)
{
	struct wait_result r;
	long ret;

	if (idtype == P_ALL)
		id = 0;
	else if (idtype == P_PGID && id == 0)
		id = current->proc->pgid;
	ret = task_wait(idtype, id, options, &r);
	if (ret < 0)
		return ret;
	if (put_child_siginfo(infop, &r, ret > 0))
		return -EFAULT;
	if (ret > 0 && rusage_to_user(ru, r.utime_ns, r.stime_ns))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid) { return task_setpgid(pid, pgid); }
SYSCALL_DEFINE1(getpgid, pid_t, pid) { return task_getpgid(pid); }
SYSCALL_DEFINE1(getsid, pid_t, pid) { return task_getsid(pid); }
SYSCALL_DEFINE0(setsid) { return task_setsid(); }

SYSCALL_DEFINE1(setuid, uid_t, uid) { return cred_setuid(uid); }
SYSCALL_DEFINE1(setgid, gid_t, gid) { return cred_setgid(gid); }
SYSCALL_DEFINE2(setreuid, uid_t, r, uid_t, e) { return cred_setreuid(r, e); }
SYSCALL_DEFINE2(setregid, gid_t, r, gid_t, e) { return cred_setregid(r, e); }
SYSCALL_DEFINE3(setresuid, uid_t, r, uid_t, e, uid_t, s) { return cred_setresuid(r, e, s); }
SYSCALL_DEFINE3(setresgid, gid_t, r, gid_t, e, gid_t, s) { return cred_setresgid(r, e, s); }
SYSCALL_DEFINE1(setfsuid, uid_t, u) { return cred_setfsuid(u); }
SYSCALL_DEFINE1(setfsgid, gid_t, g) { return cred_setfsgid(g); }

/* Write three ids to user memory. */
static long put_ids(uaddr_t a, uaddr_t b, uaddr_t c, unsigned int x,
		    unsigned int y, unsigned int z)
{
	if (arch_copy_to_user(a, &x, 4) || arch_copy_to_user(b, &y, 4) ||
	    arch_copy_to_user(c, &z, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uaddr_t, r, uaddr_t, e, uaddr_t, s)
{
	const struct cred *c = current->cred;

	return put_ids(r, e, s, c->uid, c->euid, c->suid);
}

SYSCALL_DEFINE3(getresgid, uaddr_t, r, uaddr_t, e, uaddr_t, s)
{
	const struct cred *c = current->cred;

	return put_ids(r, e, s, c->gid, c->egid, c->sgid);
}

SYSCALL_DEFINE2(getgroups, int, size, uaddr_t, list)
{
	const struct cred *c = current->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((unsigned int)size < c->ngroups)
		return -EINVAL;
	if (arch_copy_to_user(list, c->groups, c->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return c->ngroups;
}

SYSCALL_DEFINE2(setgroups, int, size, uaddr_t, list)
{
	gid_t groups[CRED_NGROUPS];

	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if ((unsigned int)size > CRED_NGROUPS)
		return current->cred->euid ? -EPERM : -EINVAL;
	if (arch_copy_from_user(groups, list, (size_t)size * sizeof(gid_t)))
		return -EFAULT;
	return cred_setgroups((unsigned int)size, groups);
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, uaddr_t, new_lim,
		uaddr_t, old_lim)
{
	struct process *p = pid ? process_by_pid(pid) : current->proc;
	struct rlimit64 n, o;
	long err;

	if (!p || p->zombie)
		return -ESRCH;
	if (new_lim && arch_copy_from_user(&n, new_lim, sizeof(n)))
		return -EFAULT;
	err = rlimit_get_set(p, resource, new_lim ? &n : NULL, &o);
	if (!err && old_lim && arch_copy_to_user(old_lim, &o, sizeof(o)))
		return -EFAULT;
	return err;
}

/* getrlimit/setrlimit: struct rlimit of two unsigned longs. */
SYSCALL_DEFINE2(getrlimit, unsigned int, resource, uaddr_t, rlim)
{
	struct rlimit64 o;
	unsigned long v[2];
	long err = rlimit_get_set(current->proc, resource, NULL, &o);

	if (err)
		return err;
	v[0] = o.cur > (unsigned long)-1 ? (unsigned long)-1 : (unsigned long)o.cur;
	v[1] = o.max > (unsigned long)-1 ? (unsigned long)-1 : (unsigned long)o.max;
	return arch_copy_to_user(rlim, v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, uaddr_t, rlim)
{
	unsigned long v[2];
	struct rlimit64 n;

	if (arch_copy_from_user(v, rlim, sizeof(v)))
		return -EFAULT;
	n.cur = v[0] == (unsigned long)-1 ? RLIM_INFINITY : v[0];
	n.max = v[1] == (unsigned long)-1 ? RLIM_INFINITY : v[1];
	return rlimit_get_set(current->proc, resource, &n, NULL);
}

SYSCALL_DEFINE0(sched_yield) { return 0; }

SYSCALL_DEFINE3(execve, uaddr_t, path, uaddr_t, argv, uaddr_t, envp)
{
	return exec_execve(AT_FDCWD, path, argv, envp, 0);
}

SYSCALL_DEFINE5(execveat, int, dfd, uaddr_t, path, uaddr_t, argv, uaddr_t, envp,
		int, flags)
{
	return exec_execve(dfd, path, argv, envp, flags);
}
