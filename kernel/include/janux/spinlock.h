/*
 * Spinlocks for the few places that run with or without the kernel lock
 * (printk, interrupt-to-task handoff). Built on compiler atomics, which
 * every target provides; taking one also masks interrupts on this thread.
 */
#ifndef JANUX_SPINLOCK_H
#define JANUX_SPINLOCK_H

#include <arch.h>

typedef struct {
	int locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

/* Mask interrupts, then spin until the lock is ours; returns irq flags. */
static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
	return flags;
}

/* Release the lock and restore the interrupt state saved when taking it. */
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}

#endif
