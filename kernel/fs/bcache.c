/*
 * The block cache (see janux/bcache.h): a hash of buffers plus one LRU
 * list; write-back on sync or when the cache outgrows BCACHE_MAX_BYTES.
 */
#include <janux/bcache.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/wait.h>

#define NHASH 256

static struct list_head hash[NHASH];
static struct list_head lru = LIST_HEAD_INIT(lru);
static struct waitqueue io_wq = WAITQUEUE_INIT(io_wq); /* busy buffers done */
static size_t cached_bytes;

static struct list_head *bucket(struct blkdev *bd, uint64_t block)
{
	uintptr_t h = (uintptr_t)bd / 16 + (uintptr_t)block * 31;

	if (!hash[0].next)
		for (int k = 0; k < NHASH; k++)
			list_init(&hash[k]);
	return &hash[h % NHASH];
}

static struct buf *lookup(struct blkdev *bd, uint64_t block, size_t size)
{
	struct buf *b;

	list_for_each_entry(b, bucket(bd, block), hash)
		if (b->bd == bd && b->block == block && b->size == size)
			return b;
	return NULL;
}

static void buf_free(struct buf *b)
{
	list_del(&b->lru);
	list_del(&b->hash);
	cached_bytes -= b->size;
	kfree(b->data);
	kfree(b);
}

/* Transfer one buffer to or from its device. */
static int buf_io(struct buf *b, bool write)
{
	uint32_t per = b->size / BLKDEV_SECTOR_SIZE;
	int err = b->bd->ops->rw(b->bd, write, b->block * per, b->data, per);

	return err == -EROFS ? err : err ? -EIO : 0;
}

/* Write back one dirty buffer (it is held across the sleep). */
static int buf_writeback(struct buf *b)
{
	int err;

	b->dirty = false;
	b->refs++;
	err = buf_io(b, true);
	b->refs--;
	if (err)
		b->dirty = true;
	return err;
}

size_t bcache_shrink(size_t bytes)
{
	struct buf *b, *tmp;
	size_t freed = 0;

	list_for_each_entry_safe(b, tmp, &lru, lru) {
		if (freed >= bytes)
			break;
		if (b->refs || b->dirty || b->busy)
			continue;
		freed += b->size;
		buf_free(b);
	}
	return freed;
}

/* Keep the cache under its cap: evict clean buffers, then write back the
 * least recently used dirty one and retry. */
static void make_room(size_t size)
{
	struct buf *b;
	bool again = true;

	while (again && cached_bytes + size > BCACHE_MAX_BYTES) {
		bcache_shrink(cached_bytes + size - BCACHE_MAX_BYTES);
		again = false;
		if (cached_bytes + size <= BCACHE_MAX_BYTES)
			break;
		list_for_each_entry(b, &lru, lru)
			if (b->dirty && !b->refs && !b->busy) {
				again = buf_writeback(b) == 0;
				break;
			}
	}
}

/* A new buffer in the table (referenced); its data uninitialised. */
static struct buf *buf_new(struct blkdev *bd, uint64_t block, size_t size)
{
	struct buf *b;

	make_room(size);
	b = kzalloc(sizeof(*b));
	if (b && !(b->data = kmalloc(size)) && bcache_shrink(size))
		b->data = kmalloc(size);
	if (!b || !b->data) {
		kfree(b);
		return ERR_PTR(-ENOMEM);
	}
	b->bd = bd;
	b->block = block;
	b->size = (uint32_t)size;
	b->refs = 1;
	list_add_tail(&b->hash, bucket(bd, block));
	list_add_tail(&b->lru, &lru);
	cached_bytes += size;
	return b;
}

static int check_range(struct blkdev *bd, uint64_t block, size_t size)
{
	uint64_t per = size / BLKDEV_SECTOR_SIZE;

	if (!size || size % BLKDEV_SECTOR_SIZE || size > BCACHE_MAX_BLOCK)
		return -EINVAL;
	if (block >= bd->nr_sectors / per)
		return -EIO;
	return 0;
}

/* The cached buffer, referenced and moved to the LRU tail, after waiting
 * out a read in progress; NULL when not cached or the read failed. */
static struct buf *cached(struct blkdev *bd, uint64_t block, size_t size)
{
	struct buf *b;

	while ((b = lookup(bd, block, size)) && b->busy)
		wait_sleep(&io_wq, 0, WAIT_FOREVER);
	if (b) {
		b->refs++;
		list_del(&b->lru);
		list_add_tail(&b->lru, &lru);
	}
	return b;
}

struct buf *bread(struct blkdev *bd, uint64_t block, size_t size)
{
	struct buf *b;
	int err = check_range(bd, block, size);

	if (err)
		return ERR_PTR(err);
	if ((b = cached(bd, block, size)))
		return b;
	b = buf_new(bd, block, size);
	if (IS_ERR(b))
		return b;
	b->busy = true;
	err = buf_io(b, false);
	b->busy = false;
	wake_up_all(&io_wq);
	if (err) {
		buf_free(b);
		return ERR_PTR(-EIO);
	}
	return b;
}

struct buf *bzero_get(struct blkdev *bd, uint64_t block, size_t size)
{
	struct buf *b;
	int err = check_range(bd, block, size);

	if (err)
		return ERR_PTR(err);
	b = cached(bd, block, size);
	if (!b)
		b = buf_new(bd, block, size);
	if (!IS_ERR(b)) {
		memset(b->data, 0, size);
		b->dirty = true;
	}
	return b;
}

void bdirty(struct buf *b)
{
	b->dirty = true;
}

void brelse(struct buf *b)
{
	if (!b || IS_ERR(b))
		return;
	if (b->refs)
		b->refs--;
}

/* Sort by (device, block) with a shell sort: no recursion, no allocation. */
static void sort_bufs(struct buf **v, size_t n)
{
	for (size_t gap = n / 2; gap; gap /= 2)
		for (size_t i = gap; i < n; i++) {
			struct buf *t = v[i];
			size_t j = i;

			for (; j >= gap && (v[j - gap]->bd > t->bd ||
					    (v[j - gap]->bd == t->bd && v[j - gap]->block > t->block));
			     j -= gap)
				v[j] = v[j - gap];
			v[j] = t;
		}
}

/* The dirty buffers of bd (NULL: all), referenced, in *out; count or -ENOMEM. */
static long collect_dirty(struct blkdev *bd, struct buf ***out)
{
	struct buf *b, **v;
	size_t n = 0;

	list_for_each_entry(b, &lru, lru)
		n += b->dirty && (!bd || b->bd == bd);
	v = kmalloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(b, &lru, lru)
		if (b->dirty && (!bd || b->bd == bd)) {
			b->refs++;
			v[n++] = b;
		}
	sort_bufs(v, n);
	*out = v;
	return (long)n;
}

/* Flush each distinct device of the sorted list (bd alone when given). */
static int flush_devices(struct blkdev *bd, struct buf **v, size_t n)
{
	int err = 0, e;

	if (bd)
		return bd->ops->flush ? bd->ops->flush(bd) : 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 0 || v[i]->bd != v[i - 1]->bd) && v[i]->bd->ops->flush &&
		    (e = v[i]->bd->ops->flush(v[i]->bd)) && !err)
			err = e;
	return err;
}

int bcache_sync(struct blkdev *bd)
{
	struct buf **v;
	long n = collect_dirty(bd, &v);
	int err = 0, e;

	if (n < 0)
		return (int)n;
	for (long i = 0; i < n; i++)
		if (v[i]->dirty && (e = buf_writeback(v[i])) && !err)
			err = e;
	e = flush_devices(bd, v, (size_t)n);
	if (!err && e)
		err = e == -EROFS ? e : -EIO;
	for (long i = 0; i < n; i++)
		v[i]->refs--;
	kfree(v);
	return err;
}

void bcache_forget(struct blkdev *bd, bool discard_dirty)
{
	struct buf *b, *tmp;

	list_for_each_entry_safe(b, tmp, &lru, lru)
		if (b->bd == bd && !b->refs && !b->busy && (discard_dirty || !b->dirty))
			buf_free(b);
}

size_t bcache_bytes(void)
{
	return cached_bytes;
}
