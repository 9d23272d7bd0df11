/* The sorted VMA list of an address space: lookup, splitting at a boundary,
 * insertion, and finding a free gap for mmap. */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include "internal.h"

#define vma_of(l) container_of(l, struct vma, link)

struct vma *mm_find_vma(struct mm *mm, uaddr_t addr)
{
	struct list_head *l;

	for (l = mm->vmas.next; l != &mm->vmas; l = l->next) {
		struct vma *v = vma_of(l);

		if (addr < v->start)
			return NULL;
		if (addr < v->end)
			return v;
	}
	return NULL;
}

struct vma *vma_first_after(struct mm *mm, uaddr_t addr)
{
	struct list_head *l;

	for (l = mm->vmas.next; l != &mm->vmas; l = l->next)
		if (vma_of(l)->end > addr)
			return vma_of(l);
	return NULL;
}

struct vma *vma_next(struct mm *mm, struct vma *v)
{
	return v->link.next == &mm->vmas ? NULL : vma_of(v->link.next);
}

struct vma *vma_prev(struct mm *mm, struct vma *v)
{
	return v->link.prev == &mm->vmas ? NULL : vma_of(v->link.prev);
}

int vma_split(struct mm *mm, uaddr_t at)
{
	struct vma *v = mm_find_vma(mm, at), *n;

	if (!v || v->start == at)
		return 0;
	n = kmalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = *v;
	n->start = at;
	v->end = at;
	list_add(&n->link, &v->link);
	return 0;
}

struct vma *vma_insert(struct mm *mm, uaddr_t start, uaddr_t end, int prot, int flags)
{
	struct vma *v = kmalloc(sizeof(*v)), *after;

	if (!v)
		return NULL;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	after = vma_first_after(mm, start);
	list_add_tail(&v->link, after ? &after->link : &mm->vmas);
	return v;
}

bool vma_range_free(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vma *v = vma_first_after(mm, start);

	return !v || v->start >= end;
}

bool vma_range_mapped(struct mm *mm, uaddr_t start, uaddr_t end)
{
	for (struct vma *v = mm_find_vma(mm, start); v; v = vma_next(mm, v)) {
		if (v->end >= end)
			return true;
		if (vma_next(mm, v) == NULL || vma_next(mm, v)->start != v->end)
			return false;
	}
	return false;
}

/* Lowest gap of len bytes at or above mmap_base that ends by task_size. */
static uaddr_t find_gap_up(struct mm *mm, size_t len)
{
	uaddr_t at = mm->mmap_base;
	struct list_head *l;

	for (l = mm->vmas.next; l != &mm->vmas; l = l->next) {
		struct vma *v = vma_of(l);

		if (v->end <= at)
			continue;
		if (v->start >= at && v->start - at >= len)
			return at;
		at = v->end;
	}
	return at < mm->task_size && mm->task_size - at >= len ? at : 0;
}

uaddr_t vma_find_gap(struct mm *mm, size_t len)
{
	uaddr_t top = mm->mmap_base;
	struct list_head *l;

	if (mm->mmap_up)
		return find_gap_up(mm, len);

	/* Highest gap below mmap_base: walk the VMAs downwards. */
	for (l = mm->vmas.prev; l != &mm->vmas; l = l->prev) {
		struct vma *v = vma_of(l);

		if (v->start >= top)
			continue;
		if (v->end <= top && top - v->end >= len)
			return top - len;
		top = MIN(top, v->start);
	}
	return top >= len + PAGE_SIZE ? top - len : 0;
}

void vma_remove(struct vma *v)
{
	list_del(&v->link);
	kfree(v);
}
