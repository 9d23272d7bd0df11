/*
 * Test entries exported only for tests/wasm (listed in host_imports.h):
 * they let several workers exercise per-instance TLS, the kernel lock and
 * the interrupt path over one shared memory without a booted core.
 */
#include <arch.h>
#include <wasm32.h>

static volatile uint32_t hammer_counter;

/* This instance's cpu id as read from its own TLS block. */
__attribute__((export_name("ktest_this_cpu"))) unsigned ktest_this_cpu(void)
{
	return this_cpu();
}

/*
 * `n` times: take the kernel lock, increment a shared counter with a plain
 * (non-atomic) read-modify-write, drop the lock. Without mutual exclusion
 * concurrent callers lose increments.
 */
__attribute__((export_name("ktest_lock_hammer"))) void ktest_lock_hammer(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		arch_kernel_lock();
		hammer_counter = hammer_counter + 1;
		arch_kernel_unlock();
	}
}

/* The counter ktest_lock_hammer() increments. */
__attribute__((export_name("ktest_lock_counter"))) uint32_t ktest_lock_counter(void)
{
	return hammer_counter;
}

/* Address of the pending-IRQ word (what irq.start_worker hands the host). */
__attribute__((export_name("ktest_irq_pending"))) uint32_t *ktest_irq_pending(void)
{
	return irq_pending_word();
}
