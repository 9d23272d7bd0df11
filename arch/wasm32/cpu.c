/*
 * Per-instance state of a kernel worker ("cpu"): its id and its current
 * task live in TLS, so each instance over the shared memory sees its own
 * (ARCHITECTURE.md section 9).
 */
#include <arch.h>
#include <janux/task.h>
#include <wasm32.h>

#define CPU_STACK_PAGES 16 /* 64 KiB kernel stack per worker */

static _Thread_local unsigned cpu_id;
static _Thread_local struct task *cpu_current;

struct task *arch_current(void)
{
	return cpu_current;
}

void arch_set_current(struct task *t)
{
	cpu_current = t;
}

unsigned this_cpu(void)
{
	return cpu_id;
}

void cpu_set_id(unsigned id)
{
	cpu_id = id;
}

static size_t cpu_area_pages(void)
{
	return CPU_STACK_PAGES + ALIGN_UP(__builtin_wasm_tls_size(), PAGE_SIZE) / PAGE_SIZE;
}

bool cpu_area_alloc(struct cpu_area *area)
{
	char *base = arch_alloc_pages(cpu_area_pages());

	if (!base)
		return false;
	/* TLS at the bottom, the stack above it growing down towards it. */
	area->tls_block = base;
	area->stack_top = (uintptr_t)base + cpu_area_pages() * PAGE_SIZE;
	return true;
}

void cpu_area_free(struct cpu_area *area)
{
	arch_free_pages(area->tls_block, cpu_area_pages());
}

/* Entry for every worker but the boot one; see host_imports.h. */
__attribute__((export_name("kernel_cpu_enter"))) void kernel_cpu_enter(unsigned id)
{
	cpu_set_id(id);
}
