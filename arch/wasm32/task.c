/*
 * User tasks on wasm32: each runs on a host worker of its own, with its own
 * kernel instance, kernel stack and TLS (cpu_area_alloc). Sleeping is a
 * wait on the task's wake word (sync.wait), waking memory.atomic.notify; a task busy in user code
 * cannot be interrupted, so a fatal signal terminates its worker and the
 * host starts it again only to run the exit (TASK_START_KILLED).
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/signal.h>
#include <janux/task.h>
#include <wasm32.h>

#define FIRST_TASK_CPU 2 /* after the boot (0) and interrupt (1) workers */

/* Released tasks whose worker may still be unwinding off their stack. */
static struct list_head dead_tasks = LIST_HEAD_INIT(dead_tasks);

struct wasm_task *wasm_current(void)
{
	return current ? current->arch : NULL;
}

struct wasm_task *task_arch_alloc(struct task *t)
{
	struct wasm_task *a = kzalloc(sizeof(*a));

	if (!a || !cpu_area_alloc(&a->area)) {
		kfree(a);
		return NULL;
	}
	a->task = t;
	a->where = IN_KERNEL;
	list_init(&a->cputime_link);
	a->start = (struct host_task_start){
		.task = (uint32_t)(uintptr_t)t,
		.cpu = FIRST_TASK_CPU + (uint32_t)t->tid,
		.stack_top = (uint32_t)a->area.stack_top,
		.tls_block = (uint32_t)(uintptr_t)a->area.tls_block,
		.gone = (uint32_t)(uintptr_t)&a->gone,
	};
	t->arch = a;
	return a;
}

/* Free the arch state of tasks whose worker has let go of it. */
static void reap_dead(void)
{
	struct wasm_task *a, *tmp;

	list_for_each_entry_safe(a, tmp, &dead_tasks, dead_link) {
		if (!__atomic_load_n(&a->gone, __ATOMIC_ACQUIRE))
			continue;
		list_del(&a->dead_link);
		cpu_area_free(&a->area);
		kfree(a);
	}
}

void arch_task_wait(struct task *t)
{
	struct wasm_task *a = t->arch;

	a->asleep = true; /* not CPU time */
	arch_kernel_unlock();
	while (!__atomic_exchange_n(&a->wake, 0, __ATOMIC_ACQ_REL))
		host_sync_wait(&a->wake, 0);
	arch_kernel_lock();
	a->asleep = false;
	cputime_busy();
}

void arch_task_wake(struct task *t)
{
	struct wasm_task *a = t->arch;

	if (!a)
		return;
	__atomic_store_n(&a->wake, 1, __ATOMIC_RELEASE);
	__builtin_wasm_memory_atomic_notify((int *)&a->wake, 1);
}

void arch_task_kick(struct task *t)
{
	struct wasm_task *a = t->arch;
	uint32_t user = IN_USER;

	if (!a || !a->started || !sig_fatal_pending(t))
		return;
	if (!__atomic_compare_exchange_n(&a->where, &user, KILLED, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return; /* in the kernel: it sees the signal on its way out */
	a->start.how = TASK_START_KILLED;
	host_task_kill((uint32_t)(uintptr_t)t, &a->start);
}

int arch_task_clone(struct task *child, struct task *parent,
		    unsigned long flags, uaddr_t stack, uaddr_t tls)
{
	struct wasm_task *p = parent->arch, *c;

	if (!p || !p->mm)
		return -EINVAL;
	if (!p->forking && !stack)
		return -EINVAL; /* a raw fork cannot resume: janux.fork does that */
	reap_dead();
	c = task_arch_alloc(child);
	if (!c)
		return -ENOMEM;
	c->mm = flags & CLONE_VM ? mm_get(p->mm) : mm_fork(p->mm);
	if (!c->mm) {
		cpu_area_free(&c->area);
		kfree(c);
		child->arch = NULL;
		return -ENOMEM;
	}
	c->start.mem = umem_id(c->mm);
	c->start.module = p->start.module;
	c->start.how = p->forking ? TASK_START_FORK : TASK_START_CLONE;
	c->start.sp = stack ? (uint32_t)stack : (uint32_t)task_user_sp(p);
	c->user_sp = c->start.sp; /* frames of signals at its first entry go below */
	c->start.tls = host_task_user_tls();
	(void)tls; /* CLONE_SETTLS: the C library applies it (no thread register) */
	return 0;
}

const void *arch_task_mm(struct task *t)
{
	return arch_task_get_mm(t);
}

struct mm *arch_task_get_mm(struct task *t)
{
	struct wasm_task *a = t ? t->arch : NULL;

	return a ? a->mm : NULL;
}

void arch_task_start(struct task *t)
{
	struct wasm_task *a = t->arch;

	a->started = true;
	cputime_add_task(a);
	host_task_start(&a->start);
}

__noreturn void arch_task_exit(struct task *t)
{
	struct wasm_task *a = t->arch;
	struct mm *mm = a->mm;

	a->mm = NULL;
	if (mm)
		mm_put(mm);
	cputime_remove_task(a);
	arch_kernel_unlock();
	host_task_exit();
}

void arch_task_release(struct task *t)
{
	struct wasm_task *a = t->arch;

	if (!a)
		return;
	t->arch = NULL;
	cputime_remove_task(a);
	if (a->mm) /* a clone that failed after arch_task_clone */
		mm_put(a->mm);
	if (!a->started)
		__atomic_store_n(&a->gone, 1, __ATOMIC_RELEASE);
	list_add_tail(&a->dead_link, &dead_tasks);
	reap_dead();
}

__noreturn void arch_sched_start(void)
{
	arch_kernel_unlock();
	host_task_boot_done();
}
