/*
 * Device hooks on wasm32 (arch.h "Devices"): the host shim models QEMU's
 * virtio-mmio devices (host-shim/devices/virtio-mmio.js) behind a virtual
 * register window answered by the mmio.* imports, so the core's own
 * virtio-mmio transport runs unchanged; DMA addresses are kernel-memory
 * offsets, and each slot has an IRQ line of its own (docs/virtio.md).
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/errno.h>
#include <janux/virtio.h>
#include <wasm32.h>

struct irq_action {
	void (*handler)(void *arg);
	void *arg;
};

static struct irq_action actions[32];

uint32_t arch_mmio_read(const volatile void *addr, unsigned int width)
{
	return host_mmio_read((uint32_t)(uintptr_t)addr, width);
}

void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width)
{
	host_mmio_write((uint32_t)(uintptr_t)addr, val, width);
}

uint64_t arch_dma_addr(const void *p)
{
	return (uintptr_t)p;
}

int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg)
{
	if (irq < IRQ_VIRTIO0 || irq >= IRQ_VIRTIO0 + VIRTIO_SLOTS)
		return -EINVAL;
	if (actions[irq].handler)
		return -EBUSY;
	actions[irq] = (struct irq_action){ handler, arg };
	return 0;
}

bool irq_run_device(unsigned int line)
{
	if (line >= 32 || !actions[line].handler)
		return false;
	actions[line].handler(actions[line].arg);
	return true;
}

void devices_declare(void)
{
	uint32_t n = host_mmio_count();

	if (n > VIRTIO_SLOTS)
		n = VIRTIO_SLOTS;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t base = MMIO_WINDOW + i * MMIO_SLOT_SIZE;

		virtio_mmio_declare((void *)(uintptr_t)base, base, IRQ_VIRTIO0 + i);
	}
}
