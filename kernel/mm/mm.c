/* Address-space life cycle (create, fork, put), the heap break and the
 * fault check the arch asks before backing a page. */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include "internal.h"

#define DEFAULT_STACK_LIMIT (8UL << 20) /* RLIMIT_STACK's default */

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->refs = 1;
	list_init(&mm->vmas);
	mm->stack_limit = DEFAULT_STACK_LIMIT;
	if (arch_mm_init(mm) < 0) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

struct mm *mm_get(struct mm *mm)
{
	mm->refs++;
	return mm;
}

void mm_put(struct mm *mm)
{
	if (--mm->refs > 0)
		return;
	mm_unmap_range(mm, 0, mm->task_size);
	arch_mm_destroy(mm);
	kfree(mm);
}

struct mm *mm_fork(struct mm *src)
{
	struct mm *dst = mm_create();
	struct list_head *l;

	if (!dst)
		return NULL;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->stack_limit = src->stack_limit;
	dst->task_size = src->task_size;   /* an arch may size spaces per program */
	dst->mmap_base = src->mmap_base;
	dst->mmap_up = src->mmap_up;
	for (l = src->vmas.next; l != &src->vmas; l = l->next) {
		struct vma *v = container_of(l, struct vma, link);
		bool shared = v->flags & VMA_SHARED;

		if (!vma_insert(dst, v->start, v->end, v->prot, v->flags) ||
		    arch_mm_map(dst, v->start, v->end - v->start, v->prot, false) < 0 ||
		    arch_mm_copy(dst, src, v->start, v->end - v->start, shared) < 0) {
			mm_put(dst);
			return NULL;
		}
	}
	return dst;
}

/* Grow the stack VMA `v` down to the page holding `addr` if the limit and
 * the guard gap to the VMA below allow it. */
static bool grow_stack(struct mm *mm, struct vma *v, uaddr_t addr)
{
	struct vma *below = vma_prev(mm, v);
	uaddr_t start = addr & ~(PAGE_SIZE - 1);

	if (v->end - start > mm->stack_limit || start < PAGE_SIZE)
		return false;
	if (below && start < below->end + MM_STACK_GUARD_GAP)
		return false;
	if (arch_mm_map(mm, start, v->start - start, v->prot, false) < 0)
		return false;
	v->start = start;
	return true;
}

int mm_fault(struct mm *mm, uaddr_t addr, int access)
{
	struct vma *v = mm_find_vma(mm, addr);

	if (!v) {
		v = vma_first_after(mm, addr);
		if (!v || !(v->flags & VMA_STACK) || !grow_stack(mm, v, addr))
			return -EFAULT;
	}
	if ((access & v->prot) != access)
		return -EACCES;
	return v->prot | (v->flags & VMA_SHARED ? MM_FAULT_SHARED : 0);
}

void mm_set_brk_base(struct mm *mm, uaddr_t base)
{
	mm->brk_start = mm->brk = ALIGN_UP(base, PAGE_SIZE);
}

uaddr_t mm_brk(struct mm *mm, uaddr_t brk)
{
	uaddr_t old_end = ALIGN_UP(mm->brk, PAGE_SIZE), new_end;
	struct vma *heap;

	if (brk < mm->brk_start || brk >= mm->task_size)
		return mm->brk;
	new_end = ALIGN_UP(brk, PAGE_SIZE);
	if (new_end < old_end) {
		mm_unmap_range(mm, new_end, old_end);
	} else if (new_end > old_end) {
		if (!vma_range_free(mm, old_end, new_end))
			return mm->brk;
		heap = old_end > mm->brk_start ? mm_find_vma(mm, old_end - 1) : NULL;
		if (heap && (heap->flags & VMA_HEAP))
			heap->end = new_end;
		else if (!vma_insert(mm, old_end, new_end, PROT_READ | PROT_WRITE, VMA_HEAP))
			return mm->brk;
		if (arch_mm_map(mm, old_end, new_end - old_end, PROT_READ | PROT_WRITE, false) < 0) {
			mm_unmap_range(mm, old_end, new_end);
			return mm->brk;
		}
	}
	mm->brk = brk;
	return brk;
}
