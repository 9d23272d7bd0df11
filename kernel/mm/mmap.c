/* mmap, munmap, mprotect, mremap and madvise over the VMA list. */
#include <janux/errno.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include "internal.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static bool range_ok(struct mm *mm, uaddr_t addr, size_t len)
{
	return !(addr & (PAGE_SIZE - 1)) && len && len <= mm->task_size &&
	       addr >= PAGE_SIZE && addr <= mm->task_size - len;
}

int mm_unmap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vma *v, *next;

	if (vma_split(mm, start) < 0 || vma_split(mm, end) < 0)
		return -ENOMEM;
	for (v = vma_first_after(mm, start); v && v->start < end; v = next) {
		next = vma_next(mm, v);
		arch_mm_unmap(mm, v->start, v->end - v->start);
		vma_remove(v);
	}
	return 0;
}

/* Copy `len` bytes of `file` from `off` into the fresh range at `addr`;
 * bytes past the end of the file stay zero. */
static long map_file(struct mm *mm, uaddr_t addr, size_t len, struct file *file, loff_t off)
{
	char *buf = kmalloc(PAGE_SIZE);
	long err = 0;

	if (!buf)
		return -ENOMEM;
	for (size_t done = 0; done < len && !err; done += PAGE_SIZE) {
		loff_t pos = off + (loff_t)done;
		ssize_t n = vfs_read(file, buf, PAGE_SIZE, &pos);

		if (n <= 0) {
			err = n;
			break;
		}
		err = arch_mm_write(mm, addr + done, buf, (size_t)n);
	}
	kfree(buf);
	return err;
}

/* Where a new mapping goes: the exact address for MAP_FIXED*, the hint
 * when free, else the gap vma_find_gap() picks. */
static long place(struct mm *mm, uaddr_t addr, size_t len, int flags)
{
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!range_ok(mm, addr, len))
			return -EINVAL;
		if (!(flags & MAP_FIXED) && !vma_range_free(mm, addr, addr + len))
			return -EEXIST;
		return mm_unmap_range(mm, addr, addr + len) < 0 ? -ENOMEM : (long)addr;
	}
	addr &= ~(PAGE_SIZE - 1);
	if (addr && range_ok(mm, addr, len) && vma_range_free(mm, addr, addr + len))
		return (long)addr;
	addr = vma_find_gap(mm, len);
	return addr ? (long)addr : -ENOMEM;
}

long mm_map(struct mm *mm, uaddr_t addr, size_t len, int prot, int flags,
	    struct file *file, loff_t off)
{
	int type = flags & MAP_TYPE, vflags = 0;
	long at, err;

	if ((prot & ~PROT_ALL) || !len || (type != MAP_PRIVATE && type != MAP_SHARED &&
					   type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (file && (off & (PAGE_SIZE - 1) || off < 0))
		return -EINVAL;
	if (file && type != MAP_PRIVATE)
		return -ENODEV;
	if (file && !(file->f_mode & FMODE_READ))
		return -EACCES;
	if (len > mm->task_size)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	at = place(mm, addr, len, flags);
	if (at < 0)
		return at;
	if (type != MAP_PRIVATE)
		vflags |= VMA_SHARED;
	if (flags & MAP_GROWSDOWN)
		vflags |= VMA_STACK;
	if (!vma_insert(mm, (uaddr_t)at, (uaddr_t)at + len, prot, vflags))
		return -ENOMEM;
	err = arch_mm_map(mm, (uaddr_t)at, len, prot, type != MAP_PRIVATE);
	if (!err && file)
		err = map_file(mm, (uaddr_t)at, len, file, off);
	if (err) {
		mm_unmap_range(mm, (uaddr_t)at, (uaddr_t)at + len);
		return err;
	}
	return at;
}

long mm_unmap(struct mm *mm, uaddr_t addr, size_t len)
{
	if (!range_ok(mm, addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	return mm_unmap_range(mm, addr, addr + ALIGN_UP(len, PAGE_SIZE));
}

long mm_protect(struct mm *mm, uaddr_t addr, size_t len, int prot)
{
	uaddr_t end = addr + ALIGN_UP(len, PAGE_SIZE);
	struct vma *v;

	if ((addr & (PAGE_SIZE - 1)) || (prot & ~PROT_ALL) || end < addr)
		return -EINVAL;
	if (!len)
		return 0;
	if (!vma_range_mapped(mm, addr, end))
		return -ENOMEM;
	if (vma_split(mm, addr) < 0 || vma_split(mm, end) < 0)
		return -ENOMEM;
	for (v = mm_find_vma(mm, addr); v && v->start < end; v = vma_next(mm, v)) {
		v->prot = prot;
		arch_mm_protect(mm, v->start, v->end - v->start, prot);
	}
	return 0;
}

/* mremap of the single VMA [old, old+old_len) to new_len at `to`. */
static long move(struct mm *mm, struct vma *v, uaddr_t old, size_t old_len,
		 size_t new_len, uaddr_t to)
{
	int prot = v->prot, flags = v->flags;
	size_t keep = MIN(old_len, new_len);

	if (!vma_insert(mm, to, to + new_len, prot, flags))
		return -ENOMEM;
	if (arch_mm_map(mm, to, new_len, prot, flags & VMA_SHARED) < 0 ||
	    arch_mm_move(mm, old, to, keep) < 0) {
		mm_unmap_range(mm, to, to + new_len);
		return -ENOMEM;
	}
	mm_unmap_range(mm, old, old + old_len);
	return (long)to;
}

long mm_remap(struct mm *mm, uaddr_t old, size_t old_len, size_t new_len,
	      int flags, uaddr_t new_addr)
{
	struct vma *v;
	uaddr_t to;

	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) || !new_len ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) ||
	    !range_ok(mm, old, old_len ? old_len : PAGE_SIZE))
		return -EINVAL;
	v = mm_find_vma(mm, old);
	if (!v || !old_len || old + old_len > v->end)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if (!range_ok(mm, new_addr, new_len) ||
		    (new_addr < old + old_len && old < new_addr + new_len))
			return -EINVAL;
		if (mm_unmap_range(mm, new_addr, new_addr + new_len) < 0)
			return -ENOMEM;
		return move(mm, mm_find_vma(mm, old), old, old_len, new_len, new_addr);
	}
	if (new_len <= old_len) {
		mm_unmap_range(mm, old + new_len, old + old_len);
		return (long)old;
	}
	if (old + old_len == v->end && range_ok(mm, old, new_len) &&
	    vma_range_free(mm, v->end, old + new_len) &&
	    arch_mm_map(mm, v->end, old + new_len - v->end, v->prot, v->flags & VMA_SHARED) == 0) {
		v->end = old + new_len;
		return (long)old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	to = vma_find_gap(mm, new_len);
	return to ? move(mm, v, old, old_len, new_len, to) : -ENOMEM;
}

long mm_advise(struct mm *mm, uaddr_t addr, size_t len, int advice)
{
	uaddr_t end = addr + ALIGN_UP(len, PAGE_SIZE);

	if (addr & (PAGE_SIZE - 1) || end < addr)
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
		return vma_range_mapped(mm, addr, end) || !len ? 0 : -ENOMEM;
	case MADV_DONTNEED: case MADV_FREE:
		break;
	default:
		return -EINVAL;
	}
	if (!len)
		return 0;
	if (!vma_range_mapped(mm, addr, end))
		return -ENOMEM;
	for (struct vma *v = mm_find_vma(mm, addr); v && v->start < end; v = vma_next(mm, v)) {
		uaddr_t s = MAX(v->start, addr), e = MIN(v->end, end);

		if (v->flags & VMA_SHARED)
			continue; /* shared memory keeps its contents */
		arch_mm_unmap(mm, s, e - s);
		if (arch_mm_map(mm, s, e - s, v->prot, false) < 0)
			return -ENOMEM;
	}
	return 0;
}
