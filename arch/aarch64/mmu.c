/*
 * Kernel page tables (TTBR1, 39-bit VA, 4 KiB granule, 3 levels): every
 * RAM range and every device the DTB names is mapped at PA +
 * KERNEL_VOFFSET. RAM is RW and never executable, except the kernel image,
 * whose text is RX, rodata R and data/bss RW (W^X; SCTLR_EL1.WXN also
 * forbids executing anything writable). TTBR0 walks are disabled: TTBR0
 * is left for per-process tables.
 */
#include <arch.h>
#include <janux/printk.h>
#include "machine.h"
#include "sysreg.h"

#define POOL_PAGES 32 /* page-table pages; QEMU virt needs about a dozen */
#define L2_SHIFT 21
#define L1_SHIFT 30
#define BLOCK_SIZE (1UL << L2_SHIFT)
#define PTE_ADDR_MASK 0x0000fffffffff000UL
#define SCTLR_WXN (1UL << 19)

#define PROT_NORMAL (PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PROT_RW (PROT_NORMAL | PTE_PXN)
#define PROT_RO (PROT_NORMAL | PTE_PXN | PTE_RDONLY)
#define PROT_RX (PROT_NORMAL | PTE_RDONLY)
#define PROT_DEVICE (PTE_ATTR(MT_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static int pool_used;
static uint64_t *root;

static uint64_t *alloc_table(void)
{
	if (pool_used == POOL_PAGES)
		panic("mmu: out of page-table pages (%d)", POOL_PAGES);
	return pool[pool_used++]; /* .bss: already zero */
}

/* The table the entry for `va` at level 1 or 2 points to, created on demand. */
static uint64_t *next_table(uint64_t *table, int shift, uint64_t va)
{
	uint64_t *e = &table[(va >> shift) & 511];

	if (!*e)
		*e = virt_to_phys(alloc_table()) | PTE_TABLE;
	else if ((*e & 3) != PTE_TABLE)
		panic("mmu: %#lx is already block-mapped", (unsigned long)va);
	return phys_to_virt(*e & PTE_ADDR_MASK);
}

/* Map [pa, pa+size) at pa + KERNEL_VOFFSET, with 2 MiB blocks where both
 * ends allow and 4 KiB pages elsewhere. */
static void map_range(uint64_t pa, uint64_t size, uint64_t prot)
{
	uint64_t end = (pa + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	for (pa &= ~(PAGE_SIZE - 1); pa < end;) {
		uint64_t va = pa + KERNEL_VOFFSET;
		uint64_t *l2 = next_table(root, L1_SHIFT, va);

		if (!(pa & (BLOCK_SIZE - 1)) && end - pa >= BLOCK_SIZE) {
			l2[(va >> L2_SHIFT) & 511] = pa | prot | PTE_BLOCK;
			pa += BLOCK_SIZE;
		} else {
			uint64_t *l3 = next_table(l2, L2_SHIFT, va);

			l3[(va >> PAGE_SHIFT) & 511] = pa | prot | PTE_TABLE;
			pa += PAGE_SIZE;
		}
	}
}

/* RAM range [base, base+size) minus the kernel image, RW and NX. */
static void map_ram(uint64_t base, uint64_t size, uint64_t kstart, uint64_t kend)
{
	uint64_t end = base + size;

	if (kend <= base || kstart >= end) {
		map_range(base, size, PROT_RW);
		return;
	}
	if (kstart > base)
		map_range(base, kstart - base, PROT_RW);
	if (end > kend)
		map_range(kend, end - kend, PROT_RW);
}

static void map_kernel(void)
{
	map_range(virt_to_phys(_kernel_start), (uint64_t)(_etext - _kernel_start), PROT_RX);
	map_range(virt_to_phys(_etext), (uint64_t)(_erodata - _etext), PROT_RO);
	map_range(virt_to_phys(_erodata), (uint64_t)(_kernel_end - _erodata), PROT_RW);
}

static void map_devices(const struct machine *m)
{
	map_range(m->uart.pa, m->uart.size, PROT_DEVICE);
	map_range(m->gicd.pa, m->gicd.size, PROT_DEVICE);
	map_range(m->gicc.pa, m->gicc.size, PROT_DEVICE);
	if (m->rtc.size)
		map_range(m->rtc.pa, m->rtc.size, PROT_DEVICE);
	for (int i = 0; i < m->nvirtio; i++)
		map_range(m->virtio[i].reg.pa, m->virtio[i].reg.size, PROT_DEVICE);
}

/* Install the new TTBR1 root, stop TTBR0 walks, turn on WXN. */
static void switch_tables(void)
{
	__asm__ volatile("dsb ishst" ::: "memory");
	write_sysreg(ttbr1_el1, virt_to_phys(root));
	write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
	write_sysreg(ttbr0_el1, 0);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh" ::: "memory");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_WXN);
	isb();
}

void mmu_init(const struct machine *m)
{
	uint64_t kstart = virt_to_phys(_kernel_start), kend = virt_to_phys(_kernel_end);

	root = alloc_table();
	for (int i = 0; i < m->nram; i++) {
		if (m->ram[i].pa + m->ram[i].size > (1UL << VA_BITS))
			panic("mmu: RAM at %#lx is beyond the %d-bit linear map",
			      (unsigned long)m->ram[i].pa, VA_BITS);
		map_ram(m->ram[i].pa, m->ram[i].size, kstart, kend);
	}
	map_kernel();
	map_devices(m);
	switch_tables();
	pr_debug("mmu: kernel tables in %d pages; text RX %#lx-%#lx, rodata R, data RW\n",
		 pool_used, (unsigned long)kstart, (unsigned long)virt_to_phys(_etext));
}
