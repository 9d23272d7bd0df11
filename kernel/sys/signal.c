/*
 * Signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend, rt_sigreturn, sigaltstack, kill, tkill, tgkill.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/timer.h>
#include "../task/internal.h"

#define W sizeof(unsigned long)

/* The user struct sigaction: handler, flags, restorer (one word each),
 * then a 64-bit mask (on ILP32 at offset 12, 4-byte aligned). */
static long sigaction_from_user(uaddr_t u, struct sigaction_k *ka)
{
	unsigned long w[3];

	if (arch_copy_from_user(w, u, sizeof(w)) ||
	    arch_copy_from_user(&ka->mask, u + 3 * W, sizeof(ka->mask)))
		return -EFAULT;
	ka->handler = w[0];
	ka->flags = w[1];
	ka->restorer = w[2];
	return 0;
}

static long sigaction_to_user(uaddr_t u, const struct sigaction_k *ka)
{
	unsigned long w[3] = { ka->handler, ka->flags, ka->restorer };

	if (arch_copy_to_user(u, w, sizeof(w)) ||
	    arch_copy_to_user(u + 3 * W, &ka->mask, sizeof(ka->mask)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, uaddr_t, act, uaddr_t, oact, size_t, setsize)
{
	struct sigaction_k n, *ka;

	if (setsize != sizeof(sigset_k) || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && sigaction_from_user(act, &n))
		return -EFAULT;
	ka = &current->sighand->action[sig - 1];
	if (oact && sigaction_to_user(oact, ka))
		return -EFAULT;
	if (act) {
		n.mask &= ~SIG_UNBLOCKABLE;
		*ka = n;
		if (n.handler == SIG_IGN || (n.handler == SIG_DFL &&
		    sig_default_action(sig) == SIGDFL_IGN)) {
			struct task *t;

			current->proc->shared_pending &= ~sigmask(sig);
			list_for_each_entry(t, &current->proc->threads, thread_link)
				t->pending &= ~sigmask(sig);
		}
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, uaddr_t, set, uaddr_t, oset, size_t, setsize)
{
	struct task *t = current;
	sigset_k s, old = t->blocked;

	if (setsize != sizeof(sigset_k))
		return -EINVAL;
	if (set) {
		if (arch_copy_from_user(&s, set, sizeof(s)))
			return -EFAULT;
		s &= ~SIG_UNBLOCKABLE;
		if (how == SIG_BLOCK)
			t->blocked |= s;
		else if (how == SIG_UNBLOCK)
			t->blocked &= ~s;
		else if (how == SIG_SETMASK)
			t->blocked = s;
		else
			return -EINVAL;
	}
	if (oset && arch_copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, uaddr_t, set, size_t, setsize)
{
	sigset_k s = (current->pending | current->proc->shared_pending) &
		     current->blocked;

	if (setsize != sizeof(sigset_k))
		return -EINVAL;
	return arch_copy_to_user(set, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(rt_sigsuspend, uaddr_t, mask, size_t, setsize)
{
	struct task *t = current;
	struct waitqueue never;
	sigset_k s;

	if (setsize != sizeof(sigset_k))
		return -EINVAL;
	if (arch_copy_from_user(&s, mask, sizeof(s)))
		return -EFAULT;
	t->saved_mask = t->blocked;
	t->restore_mask = true;
	t->blocked = s & ~SIG_UNBLOCKABLE;
	waitqueue_init(&never);
	while (!signal_pending(t))
		wait_sleep(&never, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
	return -ERESTARTNOHAND; /* a stop and continue resume the wait */
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct task *t = current;
	uint64_t mask;
	long ret = arch_sig_return(t, &mask);

	if (ret == -EFAULT) {
		sig_send_task(t, SIGSEGV, NULL);
		return ret;
	}
	t->blocked = mask & ~SIG_UNBLOCKABLE;
	return ret;
}

/* Take a pending signal of `set` (thread-directed first); 0 if none. */
/* rt_sigtimedwait (and _time64 on ILP32): wait for a signal of `set`
 * with the set unblocked; -EAGAIN at the timeout, -EINTR for another. */
SYSCALL_DEFINE4(rt_sigtimedwait, uaddr_t, uset, uaddr_t, uinfo, uaddr_t, uts,
		size_t, setsize)
{
	struct task *t = current;
	struct waitqueue never;
	uint64_t deadline = WAIT_FOREVER;
	unsigned char buf[SIGINFO_SIZE];
	struct siginfo_k info;
	sigset_k set, saved = t->blocked;
	int64_t ns;
	long err;
	int sig;

	if (setsize != sizeof(sigset_k))
		return -EINVAL;
	if (arch_copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (uts) {
		if ((err = timespec_from_user(uts, &ns)))
			return err;
		deadline = deadline_after_ns((uint64_t)ns);
	}
	waitqueue_init(&never);
	t->blocked &= ~set;
	while (!(sig = sig_dequeue(t, set, &info))) {
		/* -ERESTARTSYS here: a signal outside the set is pending */
		err = wait_sleep(&never, WAIT_INTERRUPTIBLE, deadline);

		if (err) {
			t->blocked = saved;
			return err == -ETIMEDOUT ? -EAGAIN : -EINTR;
		}
	}
	t->blocked = saved;
	siginfo_to_bytes(&info, buf);
	if (uinfo && arch_copy_to_user(uinfo, buf, sizeof(buf)))
		return -EFAULT;
	return sig;
}

#define SS_ONSTACK 1
#define SS_DISABLE 2

/* stack_t: ss_sp (word), ss_flags (int, padded to a word), ss_size (word). */
SYSCALL_DEFINE2(sigaltstack, uaddr_t, uss, uaddr_t, uoss)
{
	struct task *t = current;
	unsigned long o[3] = { t->altstack_sp, t->altstack_size ? 0 : SS_DISABLE,
			       t->altstack_size };
	unsigned long n[3];

	if (uss) {
		if (arch_copy_from_user(n, uss, sizeof(n)))
			return -EFAULT;
		if ((unsigned int)n[1] & ~(unsigned int)SS_DISABLE)
			return -EINVAL;
		if ((unsigned int)n[1] & SS_DISABLE) {
			t->altstack_size = 0;
		} else {
			if (n[2] < 2048) /* MINSIGSTKSZ */
				return -ENOMEM;
			t->altstack_sp = n[0];
			t->altstack_size = n[2];
		}
	}
	if (uoss && arch_copy_to_user(uoss, o, sizeof(o)))
		return -EFAULT;
	return 0;
}

static struct siginfo_k user_info(int sig, int code)
{
	return (struct siginfo_k){ .signo = sig, .code = code,
				   .pid = current->proc->pid,
				   .uid = current->cred->uid };
}

#define KILL_ALL ((pid_t)-1)

/*
 * Signal every live process of group `pgid`, or with KILL_ALL (kill(-1))
 * every one but init and the caller. -ESRCH when none matched, -EPERM
 * when we may signal none of them.
 */
static long kill_set(pid_t pgid, int sig, const struct siginfo_k *info)
{
	struct process *p, *tmp;
	long found = 0, sent = 0;

	list_for_each_entry_safe(p, tmp, &process_list, all_link) {
		if (p->zombie)
			continue;
		if (pgid == KILL_ALL ? p->pid == 1 || p == current->proc : p->pgid != pgid)
			continue;
		found++;
		if (sig_may_send(p, sig)) {
			sig_send_process(p, sig, info);
			sent++;
		}
	}
	return !found ? -ESRCH : !sent ? -EPERM : 0;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	struct siginfo_k info = user_info(sig, SI_USER);
	struct process *p;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == -1)
		return kill_set(KILL_ALL, sig, &info);
	if (pid == INT32_MIN)
		return -ESRCH; /* -pid would overflow */
	if (pid <= 0)
		return kill_set(pid == 0 ? current->proc->pgid : -pid, sig, &info);
	p = process_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (!sig_may_send(p, sig))
		return -EPERM;
	sig_send_process(p, sig, &info);
	return 0;
}

/* tkill/tgkill: one thread (tgid <= 0: any process). */
static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct siginfo_k info = user_info(sig, SI_TKILL);
	struct task *t;

	if (tid <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	t = task_by_tid(tid);
	if (!t || t->state == TASK_DEAD || (tgid > 0 && t->proc->pid != tgid))
		return -ESRCH;
	if (!sig_may_send(t->proc, sig))
		return -EPERM;
	sig_send_task(t, sig, &info);
	return 0;
}

SYSCALL_DEFINE2(tkill, pid_t, tid, int, sig) { return do_tkill(0, tid, sig); }

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}
