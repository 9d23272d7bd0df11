/*
 * Entering the kernel from user code on a task's worker: the host's glue
 * calls these exports on the task's own kernel instance (host_imports.h).
 * A syscall runs the core's dispatcher and signal delivery under the
 * kernel lock; what the glue must do afterwards (run a handler, restart,
 * start a new program) it learns through task.* imports made meanwhile.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/printk.h>
#include <janux/signal.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <wasm32.h>

#define NR_CLONE 220
#define SEGV_MAPERR 1
#define ILL_ILLOPN 2
#define FPE_INTDIV 1

/*
 * Enter the kernel from user code: where IN_USER -> IN_KERNEL, unless the
 * task was killed meanwhile (its worker is being terminated: park it).
 */
static struct wasm_task *enter(void)
{
	struct wasm_task *a = wasm_current();
	uint32_t user = IN_USER;

	if (!__atomic_compare_exchange_n(&a->where, &user, IN_KERNEL, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		host_task_park();
	arch_kernel_lock();
	return a;
}

/* Leave for user code: deliver signals, tell the host about a restart. */
static long leave(struct wasm_task *a, bool in_syscall, long ret)
{
	a->ret = ret;
	a->restart = false;
	signal_exit_to_user(in_syscall, ret);
	if (a->restart)
		host_task_restart();
	cputime_busy();
	__atomic_store_n(&a->where, IN_USER, __ATOMIC_RELEASE);
	arch_kernel_unlock();
	return a->ret;
}

/* This instance runs task `t` from now on (after kernel_cpu_enter). */
__attribute__((export_name("kernel_task_enter"))) void kernel_task_enter(struct task *t)
{
	arch_set_current(t);
}

/*
 * First entry of a task's worker: a new task's first return to user mode
 * (CLONE_CHILD_SETTID, pending signals), or the exit of a killed one.
 */
__attribute__((export_name("kernel_task_start"))) void kernel_task_start(void)
{
	struct wasm_task *a = wasm_current();

	__atomic_store_n(&a->where, IN_KERNEL, __ATOMIC_RELEASE);
	arch_kernel_lock();
	leave(a, false, 0);
}

uaddr_t task_user_sp(struct wasm_task *a)
{
	if (!a->user_sp)
		a->user_sp = host_task_user_sp();
	return a->user_sp;
}

/* One syscall. The caller's __stack_pointer (where signal frames go) is
 * asked of the host only when needed (task_user_sp). */
__attribute__((export_name("kernel_syscall"))) long kernel_syscall(
	long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct wasm_task *a = enter();

	a->user_sp = 0;
	return leave(a, true, syscall_dispatch((unsigned long)nr, a0, a1, a2, a3, a4, a5));
}

/*
 * janux.fork, once the caller is unwound: clone with `flags` (fork or
 * vfork); the child resumes by rewinding (TASK_START_FORK). Returns the
 * child's pid or -errno.
 */
__attribute__((export_name("kernel_fork"))) long kernel_fork(long flags, uaddr_t sp)
{
	struct wasm_task *a = enter();
	long ret;

	a->user_sp = sp;
	a->forking = true;
	ret = syscall_dispatch(NR_CLONE, flags, 0, 0, 0, 0, 0);
	a->forking = false;
	return leave(a, true, ret);
}

/*
 * User code trapped (`sig`: SIGSEGV, SIGILL or SIGFPE). Wasm cannot resume
 * it, so the default action applies whatever the handler or mask: the
 * process dies. Does not return (the exit unwinds the worker).
 */
__attribute__((export_name("kernel_task_fault"))) void kernel_task_fault(int sig)
{
	struct wasm_task *a = enter();
	struct task *t = current;
	struct siginfo_k info = { .signo = sig, .code = sig == SIGSEGV ? SEGV_MAPERR :
				  sig == SIGFPE ? FPE_INTDIV : ILL_ILLOPN };

	pr_info("%s[%d]: trap in user code: signal %d\n", t->comm, t->tid, sig);
	t->sighand->action[sig - 1].handler = SIG_DFL;
	t->blocked &= ~sigmask(sig);
	sig_send_task(t, sig, &info);
	leave(a, false, 0);
	task_exit_group(sig | 0x80); /* not reached: the default action is fatal */
}

void arch_syscall_set_result(struct task *t, long ret)
{
	((struct wasm_task *)t->arch)->ret = ret;
}

void arch_syscall_restart(struct task *t)
{
	((struct wasm_task *)t->arch)->restart = true;
}
