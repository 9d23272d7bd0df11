/*
 * Internal interfaces of the aarch64 machine layer: what the device tree
 * told us (struct machine) and each driver's init entry. The core never
 * includes this file; it sees only kernel/include/arch.h.
 */
#ifndef AARCH64_MACHINE_H
#define AARCH64_MACHINE_H

#include <janux/types.h>
#include "memlayout.h"

struct mmio_range {
	uint64_t pa;
	uint64_t size; /* 0: absent */
};

enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC };

struct virtio_slot {
	struct mmio_range reg;
	unsigned int irq; /* GIC INTID */
};

#define MACHINE_MAX_RAM 8
#define MACHINE_MAX_RSV 8
#define MACHINE_MAX_VIRTIO 32

/* The machine as the device tree describes it (filled by dtb_read()). */
struct machine {
	struct mmio_range ram[MACHINE_MAX_RAM];
	int nram;
	struct mmio_range rsv[MACHINE_MAX_RSV]; /* /memreserve/ entries */
	int nrsv;
	struct mmio_range dtb;
	bool dtb_from_x0;              /* else found at the start of RAM */
	struct mmio_range initrd;
	const char *bootargs;          /* "" when /chosen has none */
	const uint8_t *rng_seed;       /* /chosen/rng-seed, may be NULL */
	int rng_seed_len;
	struct mmio_range uart;
	unsigned int uart_irq;
	int gic_version;               /* 2 or 3 */
	struct mmio_range gicd;        /* distributor */
	struct mmio_range gicc;        /* v2: CPU interface; v3: redistributors */
	unsigned int timer_irq;        /* virtual timer INTID */
	struct mmio_range rtc;         /* PL031 */
	enum psci_conduit psci;
	struct virtio_slot virtio[MACHINE_MAX_VIRTIO];
	int nvirtio;
};

extern struct machine machine;

/* Kernel image bounds from kernel.ld (virtual addresses). */
extern char _kernel_start[], _etext[], _erodata[], _kernel_end[];

/* Every physical address the kernel touches is mapped at PA + KERNEL_VOFFSET. */
static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + KERNEL_VOFFSET);
}

static inline uint64_t virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va - KERNEL_VOFFSET;
}

/* dtb.c: fill *m from the DTB at dtb_pa; NULL, or why it is unusable. */
const char *dtb_read(uint64_t dtb_pa, struct machine *m);

/* pl011.c: polled console at `pa` (already mapped); receive interrupts
 * deliver each byte to the handler set with pl011_set_rx_handler(). */
void pl011_init(uint64_t pa);
void pl011_rx_init(unsigned int intid);
void pl011_set_rx_handler(void (*fn)(char c));

/* psci.c: choose the PSCI conduit (power off / reset). */
void psci_init(const struct machine *m);

/* mmu.c: build the final kernel page tables (RAM linear map with W^X for
 * the kernel image, device ranges) and switch TTBR1 to them. */
void mmu_init(const struct machine *m);

/* pmem.c: the physical page allocator over RAM minus reserved ranges. */
void pmem_init(const struct machine *m);
/* User pages are reference counted (copy-on-write sharing): alloc gives a
 * page with one reference (its physical address, 0 when out of memory),
 * zeroed when `zero`, else holding stale bytes the caller must overwrite
 * entirely before user mode can see it; the last put frees it. */
uint64_t pmem_user_alloc(bool zero);
void pmem_user_get(uint64_t pa);
void pmem_user_put(uint64_t pa);
unsigned int pmem_user_refs(uint64_t pa);

/* irq.c: GIC set-up and interrupt dispatch. */
void irq_init(const struct machine *m);
/* Route INTID to handler(arg) (called with interrupts masked, kernel lock
 * not held) and enable it. */
void irq_register(unsigned int intid, void (*handler)(void *arg), void *arg);
/* Unmask / mask IRQs on this CPU (DAIF.I). */
void irq_enable(void);
void irq_disable(void);

/* timer.c: generic timer. */
void timer_early_init(void);
void timer_init(const struct machine *m);
uint32_t timer_frequency(void);
/* Check that an armed deadline raises the timer interrupt; logs the result. */
void timer_selfcheck(void);

/* rtc.c: read the PL031 once for arch_clock_boot_realtime_ns(). */
void rtc_init(const struct machine *m);

/* entropy.c: pick RNDR or seed the fallback generator. */
void entropy_init(const struct machine *m);

#endif
