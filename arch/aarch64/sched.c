/*
 * Tasks on one CPU: a round-robin run queue, context switch between
 * per-task kernel stacks, wfi when nothing is runnable, and a 10 ms time
 * slice (a core ktimer) that preempts user mode. The kernel itself is not
 * preemptible: it runs with IRQs masked except while idle. The kernel lock
 * passes from task to task across a switch.
 */
#include <arch.h>
#include <janux/kmalloc.h>
#include <janux/mm.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/errno.h>
#include <janux/timer.h>
#include "machine.h"
#include "sched.h"
#include "sysreg.h"
#include "uvm.h"

#define SLICE_NS 10000000ULL

static struct list_head runq = LIST_HEAD_INIT(runq);
static struct ktimer slice_timer;
static bool slice_armed, need_resched;
static struct cpu_context boot_ctx;

struct a64_task *a64_current(void)
{
	return current ? current->arch : NULL;
}

static void slice_expired(struct ktimer *kt)
{
	slice_armed = false;
	need_resched = true;
}

/* Queue `a` and make sure someone will preempt the running task. */
static void rq_add(struct a64_task *a)
{
	list_add_tail(&a->rq_link, &runq);
	if (!slice_armed) {
		if (!slice_timer.fn)
			ktimer_init(&slice_timer, slice_expired);
		ktimer_add(&slice_timer, arch_clock_monotonic_ns() + SLICE_NS);
		slice_armed = true;
	}
}

/* Nothing runnable: sleep in wfi with the lock dropped until an
 * interrupt queues a task. wfi runs with IRQs still masked (a pending IRQ
 * wakes it regardless of PSTATE.I) and the IRQ is taken after it: an IRQ
 * that became pending earlier (a disk completing while the task was on
 * its way here) would otherwise be taken before the wfi, which would then
 * sleep until some later interrupt (up to a timer tick). */
static struct a64_task *idle_until_runnable(void)
{
	while (list_empty(&runq)) {
		arch_kernel_unlock();
		__asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
		arch_kernel_lock();
	}
	return list_first_entry(&runq, struct a64_task, rq_link);
}

static void switch_to(struct a64_task *prev, struct a64_task *next)
{
	if (prev == next)
		return;
	if (prev) {
		prev->tpidr = read_sysreg(tpidr_el0);
		fpsimd_save(&prev->fp);
	}
	write_sysreg(tpidr_el0, next->tpidr);
	fpsimd_load(&next->fp);
	if (!prev || prev->mm != next->mm)
		uvm_activate(next->mm);
	arch_set_current(next->task);
	cpu_switch(prev ? &prev->ctx : &boot_ctx, &next->ctx);
}

void sched_charge_time(struct a64_task *a, bool user)
{
	uint64_t now = arch_clock_monotonic_ns();

	if (a && a->task && !a->dead && a->cpu_stamp_ns)
		task_account_time(a->task, user ? now - a->cpu_stamp_ns : 0,
				  user ? 0 : now - a->cpu_stamp_ns);
	if (a)
		a->cpu_stamp_ns = now;
}

/* Run the next queued task (the current one has queued itself, or
 * sleeps, or is dead). Idle time is nobody's. */
static void schedule(void)
{
	struct a64_task *next;

	sched_charge_time(a64_current(), false);
	next = idle_until_runnable();
	list_del(&next->rq_link);
	need_resched = false;
	next->cpu_stamp_ns = arch_clock_monotonic_ns();
	switch_to(a64_current(), next);
}

void sched_preempt_point(void)
{
	struct a64_task *a = a64_current();

	if (!need_resched || !a || list_empty(&runq))
		return;
	rq_add(a);
	schedule();
}

__noreturn void arch_sched_start(void)
{
	struct a64_task *next = idle_until_runnable();

	list_del(&next->rq_link);
	write_sysreg(tpidr_el0, next->tpidr);
	fpsimd_load(&next->fp);
	uvm_activate(next->mm);
	arch_set_current(next->task);
	next->cpu_stamp_ns = arch_clock_monotonic_ns();
	cpu_switch(&boot_ctx, &next->ctx);
	panic("arch_sched_start: the boot context was resumed");
}

void arch_task_wait(struct task *t)
{
	struct a64_task *a = t->arch;

	BUG_ON(a != a64_current());
	if (a->woken) {
		a->woken = false;
		return;
	}
	a->runnable = false;
	schedule();
	a->woken = false;
}

void arch_task_wake(struct task *t)
{
	struct a64_task *a = t->arch;

	if (!a || a->dead)
		return;
	if (a->runnable) {
		a->woken = true;
		return;
	}
	a->runnable = true;
	rq_add(a);
}

void arch_task_kick(struct task *t)
{
	/* one CPU: `t` is not running; it sees the signal when next scheduled */
}

struct a64_task *sched_task_alloc(struct task *t)
{
	struct a64_task *a = kzalloc(sizeof(*a));

	if (!a || !(a->kstack = arch_alloc_pages(KSTACK_SIZE / PAGE_SIZE))) {
		kfree(a);
		return NULL;
	}
	a->task = t;
	a->ctx.sp = (uint64_t)task_regs(a);
	a->ctx.lr = (uint64_t)ret_from_fork;
	t->arch = a;
	return a;
}

void arch_task_start(struct task *t)
{
	struct a64_task *a = t->arch;

	a->runnable = true;
	rq_add(a);
}

/* C half of ret_from_fork: the task returns to user mode from clone (0)
 * or from its first exec. */
void sched_first_run(void);
void sched_first_run(void)
{
	signal_exit_to_user(true, (long)task_regs(a64_current())->x[0]);
	sched_charge_time(a64_current(), false);
	arch_kernel_unlock();
}

__noreturn void arch_task_exit(struct task *t)
{
	struct a64_task *a = t->arch;
	struct mm *mm = a->mm;

	a->dead = true;
	a->runnable = false;
	a->mm = NULL;
	uvm_activate(NULL);
	if (mm)
		mm_put(mm);
	schedule();
	panic("arch_task_exit: a dead task was resumed");
}

void arch_task_release(struct task *t)
{
	struct a64_task *a = t->arch;

	if (!a)
		return;
	BUG_ON(!a->dead || a == a64_current());
	arch_free_pages(a->kstack, KSTACK_SIZE / PAGE_SIZE);
	kfree(a);
	t->arch = NULL;
}

struct mm *arch_task_get_mm(struct task *t)
{
	struct a64_task *a = t ? t->arch : NULL;

	return a ? a->mm : NULL;
}

const void *arch_task_mm(struct task *t)
{
	return arch_task_get_mm(t);
}

int arch_task_clone(struct task *child, struct task *parent,
		    unsigned long flags, uaddr_t stack, uaddr_t tls)
{
	struct a64_task *p = parent->arch, *c;
	struct pt_regs *r;

	if (!p || !p->mm)
		return -EINVAL;
	c = sched_task_alloc(child);
	if (!c)
		return -ENOMEM;
	c->mm = flags & CLONE_VM ? mm_get(p->mm) : mm_fork(p->mm);
	if (!c->mm) {
		arch_free_pages(c->kstack, KSTACK_SIZE / PAGE_SIZE);
		kfree(c);
		child->arch = NULL;
		return -ENOMEM;
	}
	r = task_regs(c);
	*r = *task_regs(p);
	r->x[0] = 0;
	if (stack)
		r->sp = stack;
	c->tpidr = flags & CLONE_SETTLS ? tls : read_sysreg(tpidr_el0);
	fpsimd_save(&c->fp);
	return 0;
}
