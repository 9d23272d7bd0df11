/*
 * Device hooks of the fake machine: MMIO through a test's device model,
 * identity DMA addresses, interrupts raised by the test (host_machine.h).
 */
#include <arch.h>
#include <janux/errno.h>
#include <host_machine.h>

#define HOST_NR_IRQS 64

static const struct host_mmio_model *model;
static struct {
	void (*fn)(void *arg);
	void *arg;
} irqs[HOST_NR_IRQS];

void host_mmio_set_model(const struct host_mmio_model *m)
{
	model = m;
}

uint32_t arch_mmio_read(const volatile void *addr, unsigned int width)
{
	return model ? model->read((uintptr_t)addr, width) : 0;
}

void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width)
{
	if (model)
		model->write((uintptr_t)addr, val, width);
}

uint64_t arch_dma_addr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg)
{
	if (irq >= HOST_NR_IRQS)
		return -EINVAL;
	if (irqs[irq].fn)
		return -EBUSY;
	irqs[irq].fn = handler;
	irqs[irq].arg = arg;
	return 0;
}

bool host_irq_raise(unsigned int irq)
{
	if (irq >= HOST_NR_IRQS || !irqs[irq].fn)
		return false;
	irqs[irq].fn(irqs[irq].arg);
	return true;
}
