/*
 * Kernel page allocator over the shared memory above __heap_base. A bitmap
 * covers every page the memory can ever have (its declared maximum); a
 * first-fit search finds a run of free pages, and memory.grow adds pages at
 * the top when no run is free. Callers hold the kernel lock (or boot).
 */
#include <arch.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <wasm32.h>

#define WASM_PAGE 65536u
#define MAX_PAGES (WASM32_MAX_MEMORY / PAGE_SIZE) /* from arch.mk */

extern unsigned char __heap_base[];

static uint32_t used[MAX_PAGES / 32]; /* bit set: page allocated or reserved */
static size_t first_page;             /* first page above __heap_base */
static size_t top_page;               /* pages the memory has now */
static size_t pages_used;             /* allocated through arch_alloc_pages */

static bool page_used(size_t pg) { return used[pg / 32] & (1u << (pg % 32)); }

static void mark(size_t pg, size_t n, bool on)
{
	for (size_t i = pg; i < pg + n; i++) {
		if (on)
			used[i / 32] |= 1u << (i % 32);
		else
			used[i / 32] &= ~(1u << (i % 32));
	}
}

void pages_init(void)
{
	first_page = ALIGN_UP((uintptr_t)__heap_base, PAGE_SIZE) / PAGE_SIZE;
	top_page = __builtin_wasm_memory_size(0) * (WASM_PAGE / PAGE_SIZE);
}

/* First run of n free pages below top_page; returns its start or top_page. */
static size_t find_run(size_t n)
{
	size_t run = 0;

	for (size_t pg = first_page; pg < top_page; pg++) {
		run = page_used(pg) ? 0 : run + 1;
		if (run == n)
			return pg + 1 - n;
	}
	return top_page;
}

/* Grow the memory so that `n` pages fit at the top; false if it cannot. */
static bool grow_for(size_t n)
{
	size_t free_top = 0;
	size_t want, delta;

	while (free_top < top_page - first_page && !page_used(top_page - 1 - free_top))
		free_top++;
	want = top_page + (n - free_top);
	delta = ALIGN_UP(want * PAGE_SIZE, WASM_PAGE) / WASM_PAGE -
		top_page * PAGE_SIZE / WASM_PAGE;
	if (want > MAX_PAGES || __builtin_wasm_memory_grow(0, delta) == (size_t)-1)
		return false;
	top_page = __builtin_wasm_memory_size(0) * (WASM_PAGE / PAGE_SIZE);
	return true;
}

void *arch_alloc_pages(size_t npages)
{
	size_t pg;

	if (npages == 0 || npages > MAX_PAGES)
		return NULL;
	pg = find_run(npages);
	if (pg == top_page) {
		if (!grow_for(npages))
			return NULL;
		pg = find_run(npages);
	}
	mark(pg, npages, true);
	pages_used += npages;
	memset((void *)(pg * PAGE_SIZE), 0, npages * PAGE_SIZE);
	return (void *)(pg * PAGE_SIZE);
}

void arch_free_pages(void *p, size_t npages)
{
	size_t pg = (uintptr_t)p / PAGE_SIZE;

	if ((uintptr_t)p % PAGE_SIZE || pg < first_page || pg + npages > top_page)
		panic("arch_free_pages: bad range %p + %zu pages", p, npages);
	for (size_t i = pg; i < pg + npages; i++)
		if (!page_used(i))
			panic("arch_free_pages: page %p is not allocated", (void *)(i * PAGE_SIZE));
	mark(pg, npages, false);
	pages_used -= npages;
}

/* The kernel memory's maximum above the kernel image (user memories are
 * separate WebAssembly.Memory objects and are not counted yet). */
size_t arch_mem_total_pages(void)
{
	return MAX_PAGES - first_page;
}

size_t arch_mem_free_pages(void)
{
	return arch_mem_total_pages() - pages_used;
}
