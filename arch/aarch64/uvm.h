/* User address spaces on aarch64 (uvm.c): per-process TTBR0 tables. */
#ifndef AARCH64_UVM_H
#define AARCH64_UVM_H

#include <janux/mm.h>

/* User virtual addresses are [0, USER_TOP): TTBR0, 39 bits. */
#define USER_TOP (1UL << 39)
#define USER_MMAP_BASE 0x7f00000000UL
#define USER_STACK_TOP 0x7ffffff000UL

/* Make `mm` (NULL: none) the TTBR0 address space of this CPU. */
void uvm_activate(struct mm *mm);

/*
 * Resolve a fault at user address `addr` for `access` (PROT_READ/WRITE/
 * EXEC) in `mm`: demand-zero, copy-on-write, stack growth, W^X flips.
 * Returns 0 when the access can be retried, -EFAULT (nothing mapped) or
 * -EACCES (not allowed).
 */
int uvm_fault(struct mm *mm, uaddr_t addr, int access);

/*
 * The kernel address of user page `va` (page aligned) of `mm`, a space no
 * CPU runs in yet (exec builds it), made present as arch_mm_write() would,
 * for the caller to fill bytes [keep, keep+len) of it (keep + len <=
 * PAGE_SIZE). A page already present keeps its contents; a new one is
 * zero outside that range and holds stale bytes inside it, which the
 * caller must overwrite (exec reads the file straight into them, sparing
 * a bounce buffer and a zeroing pass per page). NULL: no VMA or memory.
 */
void *uvm_load_page(struct mm *mm, uaddr_t va, size_t keep, size_t len);

/*
 * Map user page `pa` (from pmem_user_alloc) at `va` of `mm`, a space no CPU
 * runs in yet, where nothing is mapped yet, taking a reference: read-only
 * (copy-on-write if the VMA is writable), executable if the VMA is.
 * Returns 0 or -ENOMEM (no VMA, no memory, or a page already there).
 */
int uvm_map_page(struct mm *mm, uaddr_t va, uint64_t pa);

#endif
