/* Shared between the files of kernel/mm/: VMA list primitives (vma.c). */
#ifndef KERNEL_MM_INTERNAL_H
#define KERNEL_MM_INTERNAL_H

#include <arch.h>
#include <janux/mm.h>

/* The first VMA ending above `addr`, or NULL. */
struct vma *vma_first_after(struct mm *mm, uaddr_t addr);
/* Neighbours in address order, or NULL. */
struct vma *vma_next(struct mm *mm, struct vma *v);
struct vma *vma_prev(struct mm *mm, struct vma *v);
/* Split the VMA containing `at` (if any, and not at its start) in two. */
int vma_split(struct mm *mm, uaddr_t at);
/* Add [start, end) (which must be free) in order; NULL when out of memory. */
struct vma *vma_insert(struct mm *mm, uaddr_t start, uaddr_t end, int prot, int flags);
/* Unlink and free. */
void vma_remove(struct vma *v);
/* No VMA overlaps [start, end). */
bool vma_range_free(struct mm *mm, uaddr_t start, uaddr_t end);
/* [start, end) is covered by VMAs with no hole. */
bool vma_range_mapped(struct mm *mm, uaddr_t start, uaddr_t end);
/* Highest free range of `len` bytes below mm->mmap_base (the lowest at or
 * above it when mm->mmap_up), or 0. */
uaddr_t vma_find_gap(struct mm *mm, size_t len);
/* Remove every VMA part in [start, end), releasing its memory. */
int mm_unmap_range(struct mm *mm, uaddr_t start, uaddr_t end);

#endif
