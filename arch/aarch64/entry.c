/*
 * Entering the kernel from user mode (EL0) and from faults on user
 * addresses: svc into the core's syscall_dispatch(), page faults into
 * uvm_fault() (SIGSEGV with si_addr when they cannot be resolved), other
 * exceptions into SIGILL/SIGBUS, timer preemption, and the core's
 * signal_exit_to_user() before every return to EL0.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/mm.h>
#include <janux/printk.h>
#include <janux/signal.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include "sched.h"
#include "traps.h"
#include "uvm.h"

#define EC_SVC64 0x15
#define EC_IABT_EL0 0x20
#define EC_DABT_EL0 0x24
#define EC_DABT_EL1 0x25
#define EC_PC_ALIGN 0x22
#define EC_SP_ALIGN 0x26
#define ESR_WNR (1UL << 6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPC 1
#define BUS_ADRALN 1

/* Linux's si_code for an exception-generated signal. */
static void force_sig(int sig, int code, uaddr_t addr)
{
	struct siginfo_k info = {.signo = sig, .code = code, .addr = addr};

	sig_send_task(current, sig, &info);
}

/* The access a data/instruction abort was for. */
static int abort_access(uint64_t esr, unsigned int ec)
{
	if (ec == EC_IABT_EL0)
		return PROT_EXEC;
	return esr & ESR_WNR ? PROT_WRITE : PROT_READ;
}

static void user_abort(struct pt_regs *regs, unsigned int ec)
{
	struct mm *mm = arch_task_get_mm(current);
	int err = -EFAULT;

	if (mm && regs->far < USER_TOP)
		err = uvm_fault(mm, regs->far, abort_access(regs->esr, ec));
	if (err == 0)
		return;
	pr_debug("%s[%d]: %s fault at %#lx pc %#lx: SIGSEGV\n", current->comm,
		 current->tid, ec == EC_IABT_EL0 ? "exec" : "data",
		 (unsigned long)regs->far, (unsigned long)regs->elr);
	force_sig(SIGSEGV, err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR, regs->far);
}

void trap_el0_sync(struct pt_regs *regs);
void trap_el0_sync(struct pt_regs *regs)
{
	unsigned int ec = (unsigned int)(regs->esr >> 26) & 0x3f;
	long ret = 0;
	bool svc = ec == EC_SVC64;

	arch_kernel_lock();
	sched_charge_time(a64_current(), true);
	if (svc) {
		a64_current()->orig_x0 = regs->x[0];
		ret = syscall_dispatch(regs->x[8], regs->x[0], regs->x[1], regs->x[2],
				       regs->x[3], regs->x[4], regs->x[5]);
		regs->x[0] = (uint64_t)ret;
	} else if (ec == EC_IABT_EL0 || ec == EC_DABT_EL0) {
		user_abort(regs, ec);
	} else if (ec == EC_PC_ALIGN || ec == EC_SP_ALIGN) {
		force_sig(SIGBUS, BUS_ADRALN, ec == EC_PC_ALIGN ? regs->elr : regs->sp);
	} else {
		force_sig(SIGILL, ILL_ILLOPC, regs->elr);
	}
	sched_preempt_point();
	signal_exit_to_user(svc, ret);
	sched_charge_time(a64_current(), false);
	arch_kernel_unlock();
}

void trap_el0_irq(struct pt_regs *regs);
void trap_el0_irq(struct pt_regs *regs)
{
	trap_irq(regs);
	arch_kernel_lock();
	sched_charge_time(a64_current(), true);
	sched_preempt_point();
	signal_exit_to_user(false, 0);
	sched_charge_time(a64_current(), false);
	arch_kernel_unlock();
}

void trap_el1_sync(struct pt_regs *regs)
{
	unsigned int ec = (unsigned int)(regs->esr >> 26) & 0x3f;
	struct mm *mm = current ? arch_task_get_mm(current) : NULL;

	if (ec == EC_DABT_EL1 && uaccess_fixup_possible(regs)) {
		if (mm && regs->far < USER_TOP &&
		    uvm_fault(mm, regs->far, abort_access(regs->esr, ec)) == 0)
			return;
		uaccess_fixup(regs);
		return;
	}
	trap_kernel_panic(regs);
}

void arch_syscall_set_result(struct task *t, long ret)
{
	task_regs(t->arch)->x[0] = (uint64_t)ret;
}

void arch_syscall_restart(struct task *t)
{
	struct pt_regs *r = task_regs(t->arch);

	r->x[0] = ((struct a64_task *)t->arch)->orig_x0;
	r->elr -= 4;
}
