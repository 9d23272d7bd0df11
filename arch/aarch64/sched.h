/* Tasks on the one CPU (sched.c): per-task kernel stack, saved context,
 * FP/SIMD and TLS state, address space, run-queue link. */
#ifndef AARCH64_SCHED_H
#define AARCH64_SCHED_H

#include <janux/list.h>
#include <janux/task.h>
#include "traps.h"

#define KSTACK_SIZE (4 * PAGE_SIZE)

/* Callee-saved state cpu_switch() keeps (switch.S offsets). */
struct cpu_context {
	uint64_t x19_x28[10];
	uint64_t fp, lr, sp;
};

struct fpsimd_state {
	uint64_t v[64];        /* q0-q31 */
	uint64_t fpsr, fpcr;
};

struct a64_task {
	struct task *task;
	struct cpu_context ctx;
	struct fpsimd_state fp;
	uint64_t tpidr;        /* TPIDR_EL0 */
	uint64_t orig_x0;      /* x0 at svc entry, for syscall restart */
	struct mm *mm;         /* NULL before the first exec */
	void *kstack;
	bool runnable;         /* on the run queue or running */
	bool woken;            /* a wake arrived while runnable */
	bool dead;
	struct list_head rq_link;
	uint64_t cpu_stamp_ns;  /* when its current user/kernel stretch began */
};

/* The user register frame at the top of t's kernel stack. */
static inline struct pt_regs *task_regs(struct a64_task *a)
{
	return (struct pt_regs *)((char *)a->kstack + KSTACK_SIZE) - 1;
}

/* The current task's arch state. */
struct a64_task *a64_current(void);

/* Allocate the arch state of `t` (kernel stack, first run returns to
 * user mode through its frame). NULL when out of memory. */
struct a64_task *sched_task_alloc(struct task *t);

/* Preempt the current task if its time slice is over (return to user). */
void sched_preempt_point(void);

/*
 * CPU time (sched.c): charge the time since a's stamp to its user (true)
 * or kernel time through the core's task_account_time(), and restamp.
 * Called on entry from EL0 (user), before returning to EL0 and when a task
 * stops running (kernel); a task starting to run is restamped only.
 */
void sched_charge_time(struct a64_task *a, bool user);

/* switch.S */
void cpu_switch(struct cpu_context *prev, struct cpu_context *next);
void fpsimd_save(struct fpsimd_state *s);
void fpsimd_load(const struct fpsimd_state *s);
void ret_from_fork(void);

#endif
