/*
 * arch hooks the aarch64 machine cannot honestly implement yet: they need
 * user processes (per-process TTBR0 tables, per-task kernel stacks, the
 * svc path), which come in a later phase. Each panics with its own name so
 * a caller is found at once.
 */
#include <arch.h>
#include <janux/printk.h>

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	panic("unported: arch_copy_from_user");
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	panic("unported: arch_copy_to_user");
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	panic("unported: arch_strncpy_from_user");
}

void arch_task_wait(struct task *t)
{
	panic("unported: arch_task_wait");
}

void arch_task_wake(struct task *t)
{
	panic("unported: arch_task_wake");
}

int arch_task_clone(struct task *child, struct task *parent,
		    unsigned long flags, uaddr_t stack, uaddr_t tls)
{
	panic("unported: arch_task_clone");
}

const void *arch_task_mm(struct task *t)
{
	panic("unported: arch_task_mm");
}

void arch_task_start(struct task *t)
{
	panic("unported: arch_task_start");
}

__noreturn void arch_task_exit(struct task *t)
{
	panic("unported: arch_task_exit");
}

void arch_task_release(struct task *t)
{
	panic("unported: arch_task_release");
}

void arch_syscall_set_result(struct task *t, long ret)
{
	panic("unported: arch_syscall_set_result");
}

void arch_syscall_restart(struct task *t)
{
	panic("unported: arch_syscall_restart");
}

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top)
{
	panic("unported: arch_sig_setup_frame");
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	panic("unported: arch_sig_return");
}

int arch_exec_load(struct exec_image *img)
{
	panic("unported: arch_exec_load");
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	panic("unported: arch_exec_start");
}

void arch_exec_abort(struct exec_image *img)
{
	panic("unported: arch_exec_abort");
}
