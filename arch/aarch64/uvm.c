/*
 * Per-process page tables (TTBR0, 39-bit VA, 4 KiB pages, 3 levels) behind
 * the "User memory maps" hooks. Pages are demand-zero: arch_mm_map only
 * records nothing and the fault path (uvm_fault) asks mm_fault() what the
 * VMA allows. Private pages are shared copy-on-write after fork (reference
 * counts in pmem.c). W^X for user pages too: a page the VMA makes writable
 * and executable is mapped either RW or RX, flipped on the fault that needs
 * the other. Each address space has an 8-bit ASID; when they run out every
 * space gets a new one after a full TLB flush (generation counter).
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "machine.h"
#include "sysreg.h"
#include "uvm.h"

#define PTE_ADDR 0x0000fffffffff000UL
#define PTE_USER (1UL << 6)   /* AP[1]: EL0 access */
#define PTE_NG (1UL << 11)    /* not global: tagged with the ASID */
#define PTE_BASE (PTE_TABLE | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_NG | \
		  PTE_USER | PTE_PXN)
#define NASID 256

struct uvm {
	uint64_t *l1;          /* 512 entries, 1 GiB each */
	unsigned int asid;
	uint64_t gen;
};

static uint64_t asid_gen = 1;
static unsigned int asid_next = 1;

static struct uvm *U(struct mm *mm)
{
	return mm->arch;
}

int arch_mm_init(struct mm *mm)
{
	struct uvm *u = kzalloc(sizeof(*u));

	if (!u || !(u->l1 = arch_alloc_pages(1))) {
		kfree(u);
		return -ENOMEM;
	}
	mm->arch = u;
	mm->task_size = USER_TOP;
	mm->mmap_base = USER_MMAP_BASE;
	return 0;
}

/* The level-3 entry for va, creating tables when `create`; NULL if absent. */
static uint64_t *walk(struct mm *mm, uaddr_t va, bool create)
{
	uint64_t *t = U(mm)->l1;

	for (int shift = 30; shift > 12; shift -= 9) {
		uint64_t *e = &t[(va >> shift) & 511];

		if (!*e) {
			void *n = create ? arch_alloc_pages(1) : NULL;

			if (!n)
				return NULL;
			*e = virt_to_phys(n) | PTE_TABLE;
		}
		t = phys_to_virt(*e & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

/* Invalidate the TLB entries of this address space (all of its ASID). A
 * space without an ASID of the current generation has none (a new space,
 * or one whose old ASID went with the flush that began the generation):
 * it is skipped, which spares exec a synchronising TLBI per page loaded. */
static void flush(struct mm *mm)
{
	if (U(mm)->gen != asid_gen)
		return;
	__asm__ volatile("dsb ishst\n\ttlbi aside1is, %0\n\tdsb ish\n\tisb"
			 ::"r"((uint64_t)U(mm)->asid << 48) : "memory");
}

/* Descriptor bits for `prot` when the access that faulted is `access`. */
static uint64_t pte_prot(int prot, int access)
{
	uint64_t bits = PTE_BASE;

	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		prot &= access & PROT_EXEC ? ~PROT_WRITE : ~PROT_EXEC;
	if (!(prot & PROT_WRITE))
		bits |= PTE_RDONLY;
	if (!(prot & PROT_EXEC))
		bits |= PTE_UXN;
	return bits;
}

static void release_range(struct mm *mm, uaddr_t start, size_t len)
{
	for (uaddr_t va = start; va < start + len; va += PAGE_SIZE) {
		uint64_t *e = walk(mm, va, false);

		if (e && *e) {
			pmem_user_put(*e & PTE_ADDR);
			*e = 0;
		}
	}
}

int arch_mm_map(struct mm *mm, uaddr_t start, size_t len, int prot, bool populate)
{
	for (uaddr_t va = start; populate && va < start + len; va += PAGE_SIZE) {
		uint64_t *e = walk(mm, va, true), pa = e ? pmem_user_alloc(true) : 0;

		if (!pa) {
			release_range(mm, start, va - start);
			return -ENOMEM;
		}
		*e = pa | pte_prot(prot, PROT_READ);
	}
	return 0;
}

void arch_mm_unmap(struct mm *mm, uaddr_t start, size_t len)
{
	release_range(mm, start, len);
	flush(mm);
}

void arch_mm_protect(struct mm *mm, uaddr_t start, size_t len, int prot)
{
	/* Read-only (or absent) for now: the next write or exec fault derives
	 * the final bits from the VMA, breaking copy-on-write sharing. */
	for (uaddr_t va = start; va < start + len; va += PAGE_SIZE) {
		uint64_t *e = walk(mm, va, false);

		if (e && *e)
			*e = (*e & PTE_ADDR) | pte_prot(prot, PROT_READ) | PTE_RDONLY;
		if (e && *e && prot == PROT_NONE)
			*e &= ~(uint64_t)PTE_VALID; /* kept, inaccessible */
	}
	flush(mm);
}

/* Point *e (for a VMA with `prot`, `shared` or not) at a page fit for
 * `access`: a new zero page, or a private copy of a shared COW page. */
static int install(uint64_t *e, int prot, bool shared, int access)
{
	uint64_t pa = *e & PTE_ADDR, bits;

	if (!*e) {
		pa = pmem_user_alloc(true);
		if (!pa)
			return -ENOMEM;
	} else if ((access & PROT_WRITE) && !shared && pmem_user_refs(pa) > 1) {
		uint64_t n = pmem_user_alloc(false); /* overwritten whole */

		if (!n)
			return -ENOMEM;
		memcpy(phys_to_virt(n), phys_to_virt(pa), PAGE_SIZE);
		pmem_user_put(pa);
		pa = n;
	}
	bits = pte_prot(prot, access);
	if (!shared && pmem_user_refs(pa) > 1)
		bits |= PTE_RDONLY;
	if (!(bits & PTE_UXN))
		__asm__ volatile("ic ialluis\n\tdsb ish" ::: "memory");
	*e = pa | bits;
	return 0;
}

int uvm_fault(struct mm *mm, uaddr_t addr, int access)
{
	int prot = mm_fault(mm, addr, access);
	uint64_t *e;
	bool was_valid;

	if (prot < 0)
		return prot;
	e = walk(mm, addr & ~(PAGE_SIZE - 1), true);
	was_valid = e && (*e & PTE_VALID);
	if (!e || install(e, prot & 7, prot & MM_FAULT_SHARED, access) < 0)
		return -ENOMEM;
	if (was_valid) /* TLBs never hold invalid entries: a new page needs none */
		flush(mm);
	return 0;
}

int arch_mm_copy(struct mm *dst, struct mm *src, uaddr_t start, size_t len, bool shared)
{
	for (uaddr_t va = start; va < start + len; va += PAGE_SIZE) {
		uint64_t *s = walk(src, va, false), *d;

		if (!s || !*s)
			continue;
		d = walk(dst, va, true);
		if (!d)
			return -ENOMEM;
		if (*d)
			pmem_user_put(*d & PTE_ADDR);
		if (!shared)
			*s |= PTE_RDONLY;
		pmem_user_get(*s & PTE_ADDR);
		*d = *s;
	}
	flush(src);
	return 0;
}

int arch_mm_move(struct mm *mm, uaddr_t old, uaddr_t new_start, size_t len)
{
	for (size_t o = 0; o < len; o += PAGE_SIZE) {
		uint64_t *s = walk(mm, old + o, false), *d;

		if (!s || !*s)
			continue;
		d = walk(mm, new_start + o, true);
		if (!d)
			return -ENOMEM;
		if (*d)
			pmem_user_put(*d & PTE_ADDR);
		*d = *s;
		*s = 0;
	}
	flush(mm);
	return 0;
}

/* Make entry `e` of page `va` (a page of VMA `v`) present and privately
 * writable by the kernel, whatever the VMA allows user mode; its kernel
 * address, or NULL without memory. */
static char *kernel_write_page(uint64_t *e, const struct vma *v)
{
	if (install(e, v->prot, v->flags & VMA_SHARED, PROT_WRITE) < 0)
		return NULL;
	if (!(v->prot & PROT_WRITE))
		*e |= PTE_RDONLY;
	return phys_to_virt(*e & PTE_ADDR);
}

int arch_mm_write(struct mm *mm, uaddr_t dst, const void *src, size_t len)
{
	while (len) {
		struct vma *v = mm_find_vma(mm, dst);
		size_t off = dst % PAGE_SIZE, n = MIN(len, PAGE_SIZE - off);
		uint64_t *e = walk(mm, dst - off, true);
		char *page = v && e ? kernel_write_page(e, v) : NULL;

		if (!page)
			return -ENOMEM;
		memcpy(page + off, src, n);
		src = (const char *)src + n;
		dst += n;
		len -= n;
	}
	flush(mm);
	return 0;
}

void *uvm_load_page(struct mm *mm, uaddr_t va, size_t keep, size_t len)
{
	struct vma *v = mm_find_vma(mm, va);
	uint64_t *e = v ? walk(mm, va, true) : NULL;

	if (!e)
		return NULL;
	if (!*e) { /* a new page: no zeroing of what the caller fills */
		uint64_t pa = pmem_user_alloc(false);
		char *p;

		if (!pa)
			return NULL;
		p = phys_to_virt(pa);
		memset(p, 0, keep);
		memset(p + keep + len, 0, PAGE_SIZE - keep - len);
		*e = pa; /* not valid yet: install() below completes it */
	}
	return kernel_write_page(e, v);
}

int uvm_map_page(struct mm *mm, uaddr_t va, uint64_t pa)
{
	struct vma *v = mm_find_vma(mm, va);
	uint64_t *e = v ? walk(mm, va, true) : NULL;

	if (!e || *e)
		return -ENOMEM;
	pmem_user_get(pa);
	*e = pa; /* shared, so install() maps it read-only */
	return install(e, v->prot, false, PROT_READ);
}

/* Present leaf entries under table `t` (level 1, 2 or 3). */
static size_t count_pages(const uint64_t *t, int level)
{
	size_t n = 0;

	for (int i = 0; i < 512; i++) {
		if (t[i] && level < 3)
			n += count_pages(phys_to_virt(t[i] & PTE_ADDR), level + 1);
		else if (t[i])
			n++;
	}
	return n;
}

size_t arch_mm_resident_pages(struct mm *mm)
{
	return count_pages(U(mm)->l1, 1);
}

/* Free the table page `t` (level 1 or 2) and the tables below it. */
static void free_tables(uint64_t *t, int level)
{
	for (int i = 0; i < 512; i++) {
		uint64_t *n = t[i] ? phys_to_virt(t[i] & PTE_ADDR) : NULL;

		if (n && level == 1)
			free_tables(n, 2);
		else if (n)
			arch_free_pages(n, 1);
	}
	arch_free_pages(t, 1);
}

void arch_mm_destroy(struct mm *mm)
{
	flush(mm);
	free_tables(U(mm)->l1, 1);
	kfree(U(mm));
	mm->arch = NULL;
}

void uvm_activate(struct mm *mm)
{
	struct uvm *u;

	if (!mm) {
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
		write_sysreg(ttbr0_el1, 0);
		isb();
		return;
	}
	u = U(mm);
	if (u->gen != asid_gen) {
		if (asid_next == NASID) {
			asid_gen++;
			asid_next = 1;
			__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish" ::: "memory");
		}
		u->asid = asid_next++;
		u->gen = asid_gen;
	}
	write_sysreg(ttbr0_el1, virt_to_phys(u->l1) | (uint64_t)u->asid << 48);
	write_sysreg(tcr_el1, read_sysreg(tcr_el1) & ~(uint64_t)TCR_EPD0);
	isb();
}
