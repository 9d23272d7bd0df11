/*
 * Process memories behind the "User memory maps" hooks: every address
 * space is one WebAssembly.Memory in the host (mem.* imports), created on
 * first use and grown to cover what is mapped; it never shrinks. Wasm has
 * no page protection, so protections are kept by the core's VMAs only and
 * checked on every kernel access (uaccess.c). A range mapped again reads
 * as zeros; fork copies only the mapped ranges.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/mm.h>
#include <wasm32.h>

#define WASM_PAGE 65536u
#define USER_MAX (1u << 30) /* the ABI's --max-memory for programs */

static uint32_t next_mem_id = 1;

static struct wasm_mm *W(struct mm *mm)
{
	return mm->arch;
}

int arch_mm_init(struct mm *mm)
{
	struct wasm_mm *w = kzalloc(sizeof(*w));

	if (!w)
		return -ENOMEM;
	w->id = next_mem_id++;
	mm->arch = w;
	mm->task_size = USER_MAX; /* exec narrows both to the module's maximum */
	mm->mmap_base = USER_MAX;
	return 0;
}

void arch_mm_destroy(struct mm *mm)
{
	if (W(mm)->size)
		host_mem_release(W(mm)->id);
	kfree(mm->arch);
	mm->arch = NULL;
}

int umem_ensure(struct mm *mm, uaddr_t bytes)
{
	struct wasm_mm *w = W(mm);

	bytes = ALIGN_UP(bytes, WASM_PAGE);
	if (bytes <= w->size)
		return 0;
	if (bytes > mm->task_size || host_mem_ensure(w->id, bytes, mm->task_size))
		return -ENOMEM;
	w->size = bytes;
	return 0;
}

int arch_mm_map(struct mm *mm, uaddr_t start, size_t len, int prot, bool populate)
{
	uint32_t old = W(mm)->size;

	if (umem_ensure(mm, start + len))
		return -ENOMEM;
	if (start < old) /* bytes beyond the old size are fresh zeros already */
		host_mem_zero(W(mm)->id, start, (start + len < old ? start + len : old) - start);
	return 0;
}

void arch_mm_unmap(struct mm *mm, uaddr_t start, size_t len)
{
	/* the memory cannot shrink; the range is zeroed when mapped again */
}

void arch_mm_protect(struct mm *mm, uaddr_t start, size_t len, int prot)
{
	/* no page protection in wasm: the VMAs carry it for kernel accesses */
}

int arch_mm_copy(struct mm *dst, struct mm *src, uaddr_t start, size_t len, bool shared)
{
	/* Two memories cannot share pages: a MAP_SHARED range is copied too. */
	if (umem_ensure(dst, start + len))
		return -ENOMEM;
	return host_mem_copy(W(dst)->id, W(src)->id, start, len) ? -ENOMEM : 0;
}

int arch_mm_move(struct mm *mm, uaddr_t old, uaddr_t new_start, size_t len)
{
	host_mem_move(W(mm)->id, new_start, old, len);
	return 0;
}

int arch_mm_write(struct mm *mm, uaddr_t dst, const void *src, size_t len)
{
	return host_mem_write(W(mm)->id, dst, src, len) ? -ENOMEM : 0;
}

/* Mapped pages the memory holds (wasm memory is committed as it grows;
 * the host engine may still leave untouched pages unbacked). */
size_t arch_mm_resident_pages(struct mm *mm)
{
	uaddr_t size = W(mm)->size;
	struct vma *v;
	size_t pages = 0;

	list_for_each_entry(v, &mm->vmas, link)
		if (v->start < size)
			pages += ((v->end < size ? v->end : size) - v->start) / PAGE_SIZE;
	return pages;
}
