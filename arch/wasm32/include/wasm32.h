/*
 * Interfaces shared between the files of arch/wasm32 (not seen by the core).
 * A "cpu" here is one kernel instance in one worker over the shared memory.
 */
#ifndef WASM32_WASM32_H
#define WASM32_WASM32_H

#include <janux/list.h>
#include <janux/mm.h>
#include <janux/types.h>
#include <host_imports.h>

/* This instance's cpu id (0 = boot worker), kept in its TLS block. */
unsigned this_cpu(void);

/* Record `id` as this instance's cpu id; called once per instance. */
void cpu_set_id(unsigned id);

/* A worker's private memory: its kernel stack and its TLS block. */
struct cpu_area {
	uintptr_t stack_top;
	void *tls_block;
};

/*
 * Allocate a stack and a TLS block for a new kernel instance from kernel
 * pages. Returns false when memory is exhausted. Kernel lock held.
 */
bool cpu_area_alloc(struct cpu_area *area);

/* Give back an area from cpu_area_alloc(); its worker no longer uses it. */
void cpu_area_free(struct cpu_area *area);

/* Take over the memory above __heap_base for arch_alloc_pages(); boot only. */
void pages_init(void);

/* The pending-IRQ word the host sets bits in (one per IRQ_* line). */
uint32_t *irq_pending_word(void);

/* Start the interrupt worker (boot, kernel lock held). */
void irq_init(void);

/* IRQ_CONSOLE: pass the host's pending keyboard input to the tty layer.
 * Interrupt path, kernel lock held. */
void console_irq(void);

/* Declare the host's virtio-mmio slots to the core (boot, before
 * kernel_main; devices.c). */
void devices_declare(void);

/* Run the handler arch_irq_attach() gave `line`; false when it has none.
 * Interrupt path, kernel lock held. */
bool irq_run_device(unsigned int line);

/* ---- User tasks (task.c) ------------------------------------------------ */

struct task;

/* Where a task's worker is, as the kernel sees it (wasm_task.where). */
enum { IN_KERNEL, IN_USER, KILLED };

/* The arch's per-task state (task->arch). */
struct wasm_task {
	struct task *task;
	struct cpu_area area;          /* its kernel stack and TLS */
	struct host_task_start start;  /* how its (next) worker starts */
	uint32_t wake;                 /* wake word: 1 = woken */
	uint32_t where;                /* IN_KERNEL / IN_USER / KILLED */
	uint32_t gone;                 /* set by the host: worker done with `area` */
	bool started;                  /* a worker runs it */
	bool forking;                  /* the clone in progress comes from janux.fork */
	bool restart;                  /* re-issue the syscall being returned from */
	long ret;                      /* result of the syscall being returned from */
	uaddr_t user_sp;               /* user __stack_pointer (0: ask the host) */
	bool asleep;                   /* in arch_task_wait (cputime.c) */
	struct mm *mm;
	struct list_head dead_link;    /* released while its worker winds down */
	struct list_head cputime_link; /* among the sampled tasks (cputime.c) */
};

/* The current task's arch state (NULL on the boot and interrupt workers
 * before pid 1). */
struct wasm_task *wasm_current(void);

/* The user __stack_pointer of the current task's kernel entry. */
uaddr_t task_user_sp(struct wasm_task *a);

/* Allocate t->arch (kernel stack, TLS, cpu id). NULL when out of memory. */
struct wasm_task *task_arch_alloc(struct task *t);

/* ---- CPU time (cputime.c) ------------------------------------------------ */

/* Sample a's time from now on (arch_task_start); kernel lock held. */
void cputime_add_task(struct wasm_task *a);

/* Stop sampling a (it exits, or is released unstarted); kernel lock held.
 * Harmless when a is not sampled. */
void cputime_remove_task(struct wasm_task *a);

/* A task is busy (leaving for user code, or awake in the kernel): make
 * sure the sampling tick runs. Kernel lock held; cheap when it does. */
void cputime_busy(void);

/* ---- Process memories (umem.c) ------------------------------------------ */

/* mm->arch: the host memory that backs an address space. */
struct wasm_mm {
	uint32_t id;       /* host memory id (mem.* imports) */
	uint32_t size;     /* bytes the memory has now (0: not created yet) */
};

/* Memory id of `mm`. */
static inline uint32_t umem_id(struct mm *mm)
{
	return ((struct wasm_mm *)mm->arch)->id;
}

/* Make mm's memory at least `bytes` long; 0 or -ENOMEM. */
int umem_ensure(struct mm *mm, uaddr_t bytes);

/* 0 when [addr, addr+len) of mm is mapped with at least `prot`, else -EFAULT. */
int umem_check(struct mm *mm, uaddr_t addr, size_t len, int prot);

#endif
