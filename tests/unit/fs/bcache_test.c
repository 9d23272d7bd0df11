/* The block cache over a file-backed device: hits, write-back order,
 * errors, eviction under its size cap. */
#include <stdio.h>
#include <string.h>

#include <janux/bcache.h>
#include <janux/errno.h>
#include "blkdev_file.h"
#include "fs_fixture.h"
#include "host_file.h"
#include "ktest.h"

/* A zeroed image of `mib` MiB as /dev/vda. */
static struct blkdev *zero_disk(char *dir, size_t len, unsigned int mib)
{
	char img[256];

	KT_ASSERT(host_tmpdir(dir, len) == 0);
	snprintf(img, sizeof(img), "%s/z.img", dir);
	KT_ASSERT(host_run("truncate -s %uM %s", mib, img) == 0);
	fs_fixture_boot();
	return blkdev_file_open(img, "vda", false);
}

KTEST(bcache, hit_dirty_sync_in_order)
{
	char dir[128];
	struct blkdev *bd = zero_disk(dir, sizeof(dir), 1);
	struct blkdev_file_stats *st = blkdev_file_stats(bd);
	static const unsigned int order[] = { 9, 3, 700, 1, 42 };
	struct buf *b, *again;

	for (unsigned int k = 0; k < 5; k++) {
		b = bread(bd, order[k], 1024);
		KT_ASSERT(!IS_ERR(b));
		b->data[5] = (uint8_t)(k + 1);
		bdirty(b);
		brelse(b);
	}
	b = bread(bd, 9, 1024);
	again = bread(bd, 9, 1024);
	KT_EXPECT(b == again); /* one buffer per (device, block, size) */
	KT_EQ_INT(st->reads, 5);
	brelse(b);
	brelse(again);
	KT_EQ_INT(st->writes, 0); /* write-back, not write-through */
	KT_EQ_INT(bcache_sync(bd), 0);
	KT_EQ_INT(st->writes, 5);
	KT_EXPECT(st->writes_in_order);
	KT_EQ_INT(st->flushes, 1);
	KT_EQ_INT(bcache_sync(bd), 0);
	KT_EQ_INT(st->writes, 5); /* nothing dirty left */
	bcache_forget(bd, false);
	b = bread(bd, 700, 1024);
	KT_ASSERT(!IS_ERR(b));
	KT_EQ_INT(b->data[5], 3);
	brelse(b);
}

KTEST(bcache, sync_merges_runs_and_readahead_reads_runs)
{
	char dir[128];
	struct blkdev *bd = zero_disk(dir, sizeof(dir), 1);
	struct blkdev_file_stats *st = blkdev_file_stats(bd);
	struct buf *b;

	for (unsigned int k = 0; k < 40; k++) { /* blocks 100..139 and 200 */
		b = bzero_get(bd, k < 39 ? 100 + k : 200, 1024);
		KT_ASSERT(!IS_ERR(b));
		b->data[0] = (uint8_t)k;
		brelse(b);
	}
	KT_EQ_INT(bcache_sync(bd), 0);
	/* 39 consecutive KiB: one 128 KiB-capped run, then block 200 */
	KT_EQ_INT(st->writes, 2);
	bcache_forget(bd, false);
	KT_EXPECT(!bcache_has(bd, 100, 1024));
	bcache_readahead(bd, 100, 1024, 39);
	KT_EQ_INT(st->reads, 1);
	for (unsigned int k = 0; k < 39; k++) {
		KT_EXPECT(bcache_has(bd, 100 + k, 1024));
		b = bread(bd, 100 + k, 1024);
		KT_ASSERT(!IS_ERR(b));
		KT_EQ_INT(b->data[0], k);
		brelse(b);
	}
	KT_EQ_INT(st->reads, 1); /* every bread was a hit */
}

KTEST(bcache, errors)
{
	char dir[128];
	struct blkdev *bd = zero_disk(dir, sizeof(dir), 1);
	struct buf *b;

	KT_EQ_INT(PTR_ERR(bread(bd, 1024, 1024)), -EIO);     /* past the end */
	KT_EQ_INT(PTR_ERR(bread(bd, 0, 1000)), -EINVAL);     /* not whole sectors */
	blkdev_file_stats(bd)->fail_from = 100;
	KT_EQ_INT(PTR_ERR(bread(bd, 60, 1024)), -EIO);       /* device error */
	b = bzero_get(bd, 70, 1024);
	KT_ASSERT(!IS_ERR(b));
	brelse(b);
	KT_EQ_INT(bcache_sync(bd), -EIO);                    /* stays dirty */
	blkdev_file_stats(bd)->fail_from = UINT64_MAX;
	KT_EQ_INT(bcache_sync(bd), 0);
	KT_EQ_INT(blkdev_file_stats(bd)->writes, 1);
}

KTEST(bcache, eviction_keeps_under_cap_and_loses_nothing)
{
	char dir[128];
	struct blkdev *bd = zero_disk(dir, sizeof(dir), 24);
	unsigned int nblocks = 24 * 256; /* 4 KiB blocks: 24 MiB, three times the cap */

	for (unsigned int k = 0; k < nblocks; k++) {
		struct buf *b = bread(bd, k, 4096);

		KT_ASSERT(!IS_ERR(b));
		memcpy(b->data, &k, sizeof(k));
		bdirty(b);
		brelse(b);
		KT_ASSERT(bcache_bytes() <= BCACHE_MAX_BYTES);
	}
	KT_EQ_INT(bcache_sync(bd), 0);
	KT_EQ_INT(bcache_shrink(BCACHE_MAX_BYTES), BCACHE_MAX_BYTES); /* all clean now */
	for (unsigned int k = 0; k < nblocks; k += 97) {
		struct buf *b = bread(bd, k, 4096);
		unsigned int v;

		KT_ASSERT(!IS_ERR(b));
		memcpy(&v, b->data, sizeof(v));
		KT_EQ_INT(v, k);
		brelse(b);
	}
}
