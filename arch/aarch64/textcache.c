/*
 * Read-only pages of executables kept between execs, so that every run of
 * a program maps the same physical pages: exec copies nothing for them,
 * and QEMU's translated code, which it finds by physical address, stays
 * valid from one exec of busybox to the next (as Linux's page cache gives
 * it). An entry names (inode, inode number, size, ctime, file offset); a
 * write or truncate changes the file's ctime, so a changed file misses and
 * its old entries are replaced as the slots are reused. Direct-mapped: one
 * slot per (inode, page) hash, a new page evicts the slot's old one. The
 * cache holds one reference on each page it names.
 */
#include <janux/file.h>
#include <janux/vfs.h>
#include "machine.h"
#include "textcache.h"

#define SLOTS 1024 /* at most 4 MiB pinned; busybox-static's text is ~430 pages */

struct slot {
	const struct inode *inode;
	uint64_t ino, off;
	int64_t size;
	struct timespec64 ctime;
	uint64_t pa; /* 0: empty */
};

static struct slot slots[SLOTS];

static struct slot *slot_of(const struct inode *i, uint64_t off)
{
	uint64_t h = (uint64_t)(uintptr_t)i >> 6;

	return &slots[(h * 31 + (off >> PAGE_SHIFT)) % SLOTS];
}

static bool matches(const struct slot *s, const struct inode *i, uint64_t off)
{
	return s->pa && s->inode == i && s->off == off && s->ino == i->ino &&
	       s->size == i->size && s->ctime.tv_sec == i->ctime.tv_sec &&
	       s->ctime.tv_nsec == i->ctime.tv_nsec;
}

uint64_t textcache_find(const struct inode *i, uint64_t off)
{
	struct slot *s = slot_of(i, off);

	return matches(s, i, off) ? s->pa : 0;
}

void textcache_add(const struct inode *i, uint64_t off, uint64_t pa)
{
	struct slot *s = slot_of(i, off);

	pmem_user_get(pa);
	if (s->pa)
		pmem_user_put(s->pa);
	*s = (struct slot){ i, i->ino, off, i->size, i->ctime, pa };
}
