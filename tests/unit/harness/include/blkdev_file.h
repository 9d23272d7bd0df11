/*
 * A block device backed by a host image file, for the block cache and
 * ext2 tests; the harness also supplies blkdev_register/blkdev_get (the
 * kernel's registry belongs to the disk driver side).
 */
#ifndef BLKDEV_FILE_H
#define BLKDEV_FILE_H

#include <janux/blkdev.h>

struct blkdev_file_stats {
	unsigned long reads, writes, flushes;  /* requests */
	uint64_t last_write_sector;
	bool writes_in_order;   /* every write between flushes ascended */
	uint64_t fail_from;     /* sectors >= this give -EIO (UINT64_MAX: none) */
};

/*
 * Open `path` as block device `name` ("vda") and register it, which makes
 * /dev/<name> (the VFS must be up). Aborts the test on failure.
 */
struct blkdev *blkdev_file_open(const char *path, const char *name, bool ro);
/* The device's counters and fault injection. */
struct blkdev_file_stats *blkdev_file_stats(struct blkdev *bd);

#endif
