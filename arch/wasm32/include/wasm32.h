/*
 * Interfaces shared between the files of arch/wasm32 (not seen by the core).
 * A "cpu" here is one kernel instance in one worker over the shared memory.
 */
#ifndef WASM32_WASM32_H
#define WASM32_WASM32_H

#include <janux/types.h>

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

/* Take over the memory above __heap_base for arch_alloc_pages(); boot only. */
void pages_init(void);

/* The pending-IRQ word the host sets bits in (one per IRQ_* line). */
uint32_t *irq_pending_word(void);

/* Start the interrupt worker (boot, kernel lock held). */
void irq_init(void);

/* IRQ_CONSOLE: pass the host's pending keyboard input to the tty layer.
 * Interrupt path, kernel lock held. */
void console_irq(void);

#endif
