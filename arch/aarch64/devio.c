/*
 * Device access for the core's portable drivers (virtio-mmio): register
 * reads and writes with the ordering arch.h promises, and DMA addresses
 * (physical: the linear map is an offset).
 */
#include <arch.h>
#include <janux/printk.h>
#include "machine.h"

uint32_t arch_mmio_read(const volatile void *addr, unsigned int width)
{
	uint32_t v;

	switch (width) {
	case 1: v = *(const volatile uint8_t *)addr; break;
	case 2: v = *(const volatile uint16_t *)addr; break;
	case 4: v = *(const volatile uint32_t *)addr; break;
	default: panic("arch_mmio_read: width %u", width);
	}
	__asm__ volatile("dmb oshld" ::: "memory"); /* before later reads of rings */
	return v;
}

void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width)
{
	__asm__ volatile("dsb st" ::: "memory");    /* rings written before */
	switch (width) {
	case 1: *(volatile uint8_t *)addr = (uint8_t)val; break;
	case 2: *(volatile uint16_t *)addr = (uint16_t)val; break;
	case 4: *(volatile uint32_t *)addr = val; break;
	default: panic("arch_mmio_write: width %u", width);
	}
}

uint64_t arch_dma_addr(const void *p)
{
	return virt_to_phys(p);
}
