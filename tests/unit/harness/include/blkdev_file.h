/*
 * A block device backed by a host image file, for the block cache and
 * ext2 tests, registered with the kernel's registry (kernel/fs/blkdev.c).
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
 * the devfs node /dev/<name>. Aborts the test on failure.
 */
struct blkdev *blkdev_file_open(const char *path, const char *name, bool ro);
/* The device's counters and fault injection. */
struct blkdev_file_stats *blkdev_file_stats(struct blkdev *bd);

#endif
