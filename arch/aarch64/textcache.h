/* The executable page cache of the ELF loader (textcache.c). */
#ifndef AARCH64_TEXTCACHE_H
#define AARCH64_TEXTCACHE_H

#include <arch.h>

struct inode;

/* The user page (physical address) holding the PAGE_SIZE bytes at file
 * offset `off` (page aligned) of `i` as it is now, or 0 if not cached. The
 * caller takes its own reference to map it. Kernel lock held. */
uint64_t textcache_find(const struct inode *i, uint64_t off);

/* Remember user page `pa` (fully filled from `off` of `i`, never written
 * again: mapped read-only, copy-on-write) for later execs; the cache takes
 * a reference, and drops the one of the page it evicts. Kernel lock held. */
void textcache_add(const struct inode *i, uint64_t off, uint64_t pa);

#endif
