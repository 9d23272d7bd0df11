/*
 * The big kernel lock, a real lock in shared memory: several workers enter
 * the kernel at once. A futex-style mutex (0 free, 1 held, 2 held with
 * waiters) sleeping in sync.wait (Atomics.wait), never on the page's main
 * thread (kernel code only runs in workers).
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/printk.h>
#include <wasm32.h>

enum { FREE, HELD, CONTENDED };

static int klock;
static unsigned klock_owner; /* this_cpu() + 1 of the holder, 0 if free */

void arch_kernel_lock(void)
{
	int c = FREE;

	if (__atomic_load_n(&klock_owner, __ATOMIC_RELAXED) == this_cpu() + 1)
		panic("arch_kernel_lock: cpu%u already holds the kernel lock", this_cpu());
	if (!__atomic_compare_exchange_n(&klock, &c, HELD, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		if (c != CONTENDED)
			c = __atomic_exchange_n(&klock, CONTENDED, __ATOMIC_ACQUIRE);
		while (c != FREE) {
			host_sync_wait(&klock, CONTENDED);
			c = __atomic_exchange_n(&klock, CONTENDED, __ATOMIC_ACQUIRE);
		}
	}
	__atomic_store_n(&klock_owner, this_cpu() + 1, __ATOMIC_RELAXED);
}

void arch_kernel_unlock(void)
{
	if (__atomic_load_n(&klock_owner, __ATOMIC_RELAXED) != this_cpu() + 1)
		panic("arch_kernel_unlock: cpu%u does not hold the kernel lock", this_cpu());
	__atomic_store_n(&klock_owner, 0, __ATOMIC_RELAXED);
	if (__atomic_exchange_n(&klock, FREE, __ATOMIC_RELEASE) == CONTENDED)
		__builtin_wasm_memory_atomic_notify(&klock, 1);
}
