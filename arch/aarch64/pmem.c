/*
 * Physical page allocator behind arch_alloc_pages/arch_free_pages: one bit
 * per page over the span of RAM the DTB lists (1 = in use). Holes between
 * RAM ranges, the kernel image, the DTB, the initrd, /memreserve/ entries
 * and the bitmap itself start out in use. First fit from a moving hint.
 */
#include <arch.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "machine.h"

static uint64_t base;         /* physical address of page 0 */
static size_t npages;
static uint64_t *bitmap;
static size_t nfree;
static size_t ntotal;         /* pages of RAM the DTB lists */
static size_t hint;
static uint16_t *refs;        /* user page sharers (copy-on-write) */

static bool page_used(size_t i)
{
	return bitmap[i / 64] >> (i % 64) & 1;
}

/* Mark pages covering [pa, pa+size) (clipped to the span) used or free. */
static void mark(uint64_t pa, uint64_t size, bool used)
{
	uint64_t lo = pa < base ? base : pa & ~(PAGE_SIZE - 1);
	uint64_t hi = pa + size;

	hi = hi > base + npages * PAGE_SIZE ? base + npages * PAGE_SIZE : hi;
	for (uint64_t a = lo; a < hi; a += PAGE_SIZE) {
		size_t i = (a - base) / PAGE_SIZE;

		if (page_used(i) == used)
			continue;
		bitmap[i / 64] ^= 1UL << (i % 64);
		if (used)
			nfree--;
		else
			nfree++;
	}
}

/* The ranges that must never be handed out, beside the bitmap itself. */
static int reserved(const struct machine *m, struct mmio_range *r)
{
	int n = 0;

	r[n++] = (struct mmio_range){virt_to_phys(_kernel_start),
				     (uint64_t)(_kernel_end - _kernel_start)};
	r[n++] = m->dtb;
	if (m->initrd.size)
		r[n++] = m->initrd;
	for (int i = 0; i < m->nrsv; i++)
		r[n++] = m->rsv[i];
	return n;
}

/* First address at or after the kernel's end where `size` bytes of RAM
 * overlap no reserved range. */
static uint64_t place_bitmap(const struct mmio_range *r, int nr, uint64_t size,
			     const struct machine *m)
{
	uint64_t at = virt_to_phys(_kernel_end);

	for (int moved = 1; moved;) {
		moved = 0;
		for (int i = 0; i < nr; i++)
			if (at < r[i].pa + r[i].size && r[i].pa < at + size) {
				at = (r[i].pa + r[i].size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
				moved = 1;
			}
	}
	for (int i = 0; i < m->nram; i++)
		if (at >= m->ram[i].pa && at + size <= m->ram[i].pa + m->ram[i].size)
			return at;
	panic("pmem: no room for the page bitmap (%lu bytes)", (unsigned long)size);
}

void pmem_init(const struct machine *m)
{
	struct mmio_range r[3 + MACHINE_MAX_RSV];
	uint64_t end = 0, bytes;
	int nr = reserved(m, r);

	base = UINT64_MAX;
	for (int i = 0; i < m->nram; i++) {
		base = MIN(base, m->ram[i].pa & ~(PAGE_SIZE - 1));
		end = MAX(end, m->ram[i].pa + m->ram[i].size);
	}
	npages = (end - base) / PAGE_SIZE;
	bytes = ALIGN_UP(npages, 64) / 8;
	bitmap = phys_to_virt(place_bitmap(r, nr, bytes, m));
	memset(bitmap, 0xff, bytes);
	for (int i = 0; i < m->nram; i++)
		mark(m->ram[i].pa, m->ram[i].size, false);
	ntotal = nfree;
	for (int i = 0; i < nr; i++)
		mark(r[i].pa, r[i].size, true);
	mark(virt_to_phys(bitmap), bytes, true);
	refs = arch_alloc_pages(ALIGN_UP(npages * sizeof(*refs), PAGE_SIZE) / PAGE_SIZE);
	if (!refs)
		panic("pmem: no room for the page reference counts");
}

size_t arch_mem_total_pages(void)
{
	return ntotal;
}

size_t arch_mem_free_pages(void)
{
	return nfree;
}

/* Index of the first run of n free pages at or after `from`, or npages. */
static size_t find_run(size_t from, size_t n)
{
	for (size_t i = from; i + n <= npages;) {
		size_t j = 0;

		while (j < n && !page_used(i + j))
			j++;
		if (j == n)
			return i;
		i += j + 1;
	}
	return npages;
}

/* n contiguous pages, their contents left as they were; NULL if none. */
static void *take_pages(size_t n)
{
	size_t i;

	if (!n || n > nfree)
		return NULL;
	i = find_run(hint, n);
	if (i == npages)
		i = find_run(0, n);
	if (i == npages)
		return NULL;
	mark(base + i * PAGE_SIZE, n * PAGE_SIZE, true);
	hint = i + n;
	return phys_to_virt(base + i * PAGE_SIZE);
}

void *arch_alloc_pages(size_t n)
{
	void *p = take_pages(n);

	if (p)
		memset(p, 0, n * PAGE_SIZE);
	return p;
}

void arch_free_pages(void *p, size_t n)
{
	uint64_t pa = virt_to_phys(p);
	size_t i = (pa - base) / PAGE_SIZE;

	if (pa % PAGE_SIZE || pa < base || i + n > npages)
		panic("arch_free_pages: %p is not an allocated page", p);
	for (size_t k = 0; k < n; k++)
		if (!page_used(i + k))
			panic("arch_free_pages: page %#lx freed twice",
			      (unsigned long)(pa + k * PAGE_SIZE));
	mark(pa, n * PAGE_SIZE, false);
	if (i < hint)
		hint = i;
}

/* Index of the user page at physical address pa (from pmem_user_alloc). */
static size_t user_index(uint64_t pa)
{
	size_t i = (pa - base) / PAGE_SIZE;

	if (pa % PAGE_SIZE || pa < base || i >= npages || !page_used(i))
		panic("pmem: %#lx is not an allocated page", (unsigned long)pa);
	return i;
}

uint64_t pmem_user_alloc(bool zero)
{
	void *p = zero ? arch_alloc_pages(1) : take_pages(1);

	if (!p)
		return 0;
	refs[user_index(virt_to_phys(p))] = 1;
	return virt_to_phys(p);
}

void pmem_user_get(uint64_t pa)
{
	size_t i = user_index(pa);

	if (refs[i] == 0xffff)
		panic("pmem: page %#lx shared too often", (unsigned long)pa);
	refs[i]++;
}

void pmem_user_put(uint64_t pa)
{
	size_t i = user_index(pa);

	BUG_ON(refs[i] == 0);
	if (--refs[i] == 0)
		arch_free_pages(phys_to_virt(pa), 1);
}

unsigned int pmem_user_refs(uint64_t pa)
{
	return refs[user_index(pa)];
}
