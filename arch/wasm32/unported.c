/*
 * arch hooks wasm32 does not implement yet, in one place; each panics with
 * its own name (docs/wasm32.md).
 */
#include <arch.h>
#include <janux/printk.h>

#define UNPORTED() panic("%s: not ported to wasm32 yet", __func__)

/* Device hooks (arch.h "Devices"): only the virtio-mmio transport calls
 * them, and wasm32 declares no virtio-mmio slots; its own shared-memory
 * virtio transport will replace them. */
uint32_t arch_mmio_read(const volatile void *addr, unsigned int width)
{
	UNPORTED();
}

void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width)
{
	UNPORTED();
}

uint64_t arch_dma_addr(const void *p)
{
	UNPORTED();
}

int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg)
{
	UNPORTED();
}
