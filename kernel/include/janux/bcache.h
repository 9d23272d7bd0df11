/*
 * The block cache: filesystem blocks of block devices kept in memory,
 * keyed by (device, block number, block size), written back when synced
 * or under memory pressure. Filesystems read and change blocks only here.
 *
 *   struct buf *b = bread(bd, blk, 1024);
 *   if (IS_ERR(b)) return PTR_ERR(b);      (-EIO, -ENOMEM)
 *   b->data[0] = 1; bdirty(b); brelse(b);
 *   bcache_sync(bd);                        (write back in order, flush)
 *
 * One device should be used with one block size at a time (buffers of
 * different sizes over the same bytes are not kept coherent).
 * Every function runs with the kernel lock held and may sleep on I/O.
 */
#ifndef JANUX_BCACHE_H
#define JANUX_BCACHE_H

#include <janux/blkdev.h>
#include <janux/list.h>
#include <janux/types.h>

struct buf {
	struct blkdev *bd;
	uint64_t block;            /* in units of `size` bytes */
	uint32_t size;             /* a multiple of 512, at most 64 KiB */
	unsigned int refs;         /* holders; 0: evictable when clean */
	bool dirty;                /* changed since last written back */
	bool busy;                 /* being read from the device */
	uint8_t *data;
	struct list_head lru;      /* every buffer, least recently used first */
	struct list_head hash;     /* in its hash bucket */
};

#define BCACHE_MAX_BLOCK 65536
#define BCACHE_CLUSTER (128u << 10) /* largest merged request */
/* Cache size above which unreferenced buffers are evicted (clean first,
 * then dirty ones after writing them back). */
#define BCACHE_MAX_BYTES (8u << 20)

/*
 * The buffer for `block` of `size` bytes on bd, its data read from the
 * device unless cached; referenced (brelse it). Returns ERR_PTR(-EIO) for
 * a device error or a block past the end of the device, -EINVAL for a bad
 * size, -ENOMEM.
 */
struct buf *bread(struct blkdev *bd, uint64_t block, size_t size);

/*
 * Like bread, but for a block about to be overwritten whole: no read; the
 * data is zero-filled and the buffer already dirty.
 */
struct buf *bzero_get(struct blkdev *bd, uint64_t block, size_t size);

/*
 * Read up to `count` blocks from `block` on in one device request, into
 * buffers for later bread()s, stopping at the first one already cached or
 * past the device. A hint: errors are ignored (bread will report them).
 */
void bcache_readahead(struct blkdev *bd, uint64_t block, size_t size, size_t count);

/* Is this block cached now (no I/O)? */
bool bcache_has(struct blkdev *bd, uint64_t block, size_t size);

/* Mark b changed: it will be written back by the next sync. */
void bdirty(struct buf *b);

/* Drop a reference from bread/bzero_get (NULL and ERR_PTR ignored). */
void brelse(struct buf *b);

/*
 * Write back every dirty buffer of bd in block order (runs of consecutive
 * blocks as one request of at most BCACHE_CLUSTER bytes), then flush the
 * device. Returns 0 or the first error (-EIO, -EROFS, -ENOMEM); buffers
 * that failed stay dirty.
 */
int bcache_sync(struct blkdev *bd);

/*
 * Forget bd's unreferenced buffers (clean ones, and dirty ones too when
 * `discard_dirty`). Called when a filesystem lets go of its device.
 */
void bcache_forget(struct blkdev *bd, bool discard_dirty);

/*
 * Free at least `bytes` of cached data if possible by evicting
 * unreferenced clean buffers, least recently used first. Returns the bytes
 * freed. Called by allocators under memory pressure.
 */
size_t bcache_shrink(size_t bytes);

/* Bytes of block data cached now (for /proc/meminfo and tests). */
size_t bcache_bytes(void);

#endif
