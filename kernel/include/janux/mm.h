/*
 * Per-process user address spaces (kernel/mm/): a struct mm holds the
 * sorted list of VMAs (ranges with protections) and the heap break; the
 * arch backs them with pages through the "User memory maps" hooks in
 * <arch.h>. Everything here runs with the kernel lock held.
 */
#ifndef JANUX_MM_H
#define JANUX_MM_H

#include <janux/list.h>
#include <janux/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_FIXED_NOREPLACE 0x100000

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8

/* VMA flags. */
#define VMA_SHARED 0x1   /* MAP_SHARED: fork shares the pages */
#define VMA_STACK 0x2    /* grows down on faults below it */
#define VMA_HEAP 0x4     /* the brk area */

/* Extra bit mm_fault() adds to the protections it returns. */
#define MM_FAULT_SHARED 0x100

/* Linux's stack_guard_gap: a growing stack keeps this far from the VMA below. */
#define MM_STACK_GUARD_GAP (256 * PAGE_SIZE)

struct file;

/* One mapped range [start, end), page aligned. */
struct vma {
	struct list_head link;   /* in mm->vmas, sorted by start */
	uaddr_t start, end;
	int prot;                /* PROT_* */
	int flags;               /* VMA_* */
};

struct mm {
	int refs;
	struct list_head vmas;
	uaddr_t brk_start, brk;  /* heap: [brk_start, brk) */
	uaddr_t mmap_base;       /* mmap without a hint searches below this, */
	bool mmap_up;            /* or above it (Linux's legacy layout) */
	uaddr_t task_size;       /* user addresses are [PAGE_SIZE, task_size) */
	uint64_t stack_limit;    /* largest size a VMA_STACK may grow to */
	void *arch;              /* the arch's page tables / memory */
};

/* A new empty address space (arch_mm_init fills arch, task_size and
 * mmap_base), one reference; NULL when out of memory. */
struct mm *mm_create(void);

/* Take / drop a reference; the last put unmaps everything and frees it. */
struct mm *mm_get(struct mm *mm);
void mm_put(struct mm *mm);

/* fork: a copy of `src` (private ranges copy-on-write where the arch can,
 * MAP_SHARED ranges shared). NULL when out of memory. */
struct mm *mm_fork(struct mm *src);

/* The VMA containing `addr`, or NULL. */
struct vma *mm_find_vma(struct mm *mm, uaddr_t addr);

/*
 * mmap(2) in `mm`: `len` bytes at `addr` (a hint, or exact with MAP_FIXED
 * / MAP_FIXED_NOREPLACE) with PROT_* `prot` and MAP_* `flags`; `file`
 * (NULL for MAP_ANONYMOUS) is read from offset `off` into a private copy
 * (MAP_SHARED of a file is -ENODEV). Returns the address or -errno
 * (-EINVAL, -ENOMEM, -EEXIST, -EACCES).
 */
long mm_map(struct mm *mm, uaddr_t addr, size_t len, int prot, int flags,
	    struct file *file, loff_t off);

/* munmap(2): 0 or -EINVAL (unaligned / out of range). */
long mm_unmap(struct mm *mm, uaddr_t addr, size_t len);

/* mprotect(2): 0, -EINVAL, or -ENOMEM when part of the range is unmapped. */
long mm_protect(struct mm *mm, uaddr_t addr, size_t len, int prot);

/* mremap(2): the new address or -errno (-EINVAL, -ENOMEM, -EFAULT). */
long mm_remap(struct mm *mm, uaddr_t old, size_t old_len, size_t new_len,
	      int flags, uaddr_t new_addr);

/* madvise(2): DONTNEED/FREE zero private anonymous pages; hints are
 * accepted; -EINVAL for unknown advice, -ENOMEM for unmapped ranges. */
long mm_advise(struct mm *mm, uaddr_t addr, size_t len, int advice);

/* brk(2): move the break (0 or an invalid value just reports it);
 * returns the break now in effect. */
uaddr_t mm_brk(struct mm *mm, uaddr_t brk);

/* exec: the heap starts at `base` (page aligned up), empty. */
void mm_set_brk_base(struct mm *mm, uaddr_t base);

/*
 * The arch took a fault at user address `addr` for `access` (PROT_READ,
 * PROT_WRITE or PROT_EXEC). Returns the VMA's protections (| MM_FAULT_SHARED
 * for shared ranges) when the access is allowed, growing a stack VMA down
 * to cover `addr` if that is what it needs; -EFAULT when nothing is mapped
 * there (SEGV_MAPERR), -EACCES when the VMA forbids the access (SEGV_ACCERR).
 */
int mm_fault(struct mm *mm, uaddr_t addr, int access);

#endif
