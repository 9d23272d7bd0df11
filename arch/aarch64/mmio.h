/* Device register access (device memory is mapped nGnRE by mmu.c). */
#ifndef AARCH64_MMIO_H
#define AARCH64_MMIO_H

#include <janux/types.h>

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	*(volatile uint32_t *)addr = val;
}

static inline void mmio_write64(uintptr_t addr, uint64_t val)
{
	*(volatile uint64_t *)addr = val;
}

/* Order earlier normal-memory writes before a following device write. */
static inline void mmio_wmb(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}

#endif
