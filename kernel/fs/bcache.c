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
#define BCACHE_RA_MAX 64 /* blocks per readahead */

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

/* Transfer n consecutive buffers of one device in one request through a
 * bounce buffer (the caller holds them); 0 or -errno. */
static int run_io(struct buf **v, size_t n, bool write)
{
	size_t size = v[0]->size;
	uint32_t per = (uint32_t)size / BLKDEV_SECTOR_SIZE;
	uint8_t *bounce = kmalloc(n * size);
	int err;

	if (!bounce)
		return -ENOMEM;
	for (size_t k = 0; write && k < n; k++)
		memcpy(bounce + k * size, v[k]->data, size);
	err = v[0]->bd->ops->rw(v[0]->bd, write, v[0]->block * per, bounce, n * per);
	for (size_t k = 0; !write && !err && k < n; k++)
		memcpy(v[k]->data, bounce + k * size, size);
	kfree(bounce);
	return err == -EROFS ? err : err ? -EIO : 0;
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

static int writeback(struct blkdev *bd);

/* Keep the cache under its cap: evict clean buffers; when only dirty ones
 * are left, write back the device of the least recently used one (in
 * merged runs) and evict again. */
static void make_room(size_t size)
{
	struct buf *b;

	if (cached_bytes + size <= BCACHE_MAX_BYTES)
		return;
	bcache_shrink(cached_bytes + size - BCACHE_MAX_BYTES);
	if (cached_bytes + size <= BCACHE_MAX_BYTES)
		return;
	list_for_each_entry(b, &lru, lru)
		if (b->dirty && !b->refs && !b->busy) {
			if (writeback(b->bd) == 0)
				bcache_shrink(cached_bytes + size - BCACHE_MAX_BYTES);
			return;
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

bool bcache_has(struct blkdev *bd, uint64_t block, size_t size)
{
	return lookup(bd, block, size) != NULL;
}

void bcache_readahead(struct blkdev *bd, uint64_t block, size_t size, size_t count)
{
	struct buf *v[BCACHE_RA_MAX];
	size_t n = 0;
	int err;

	count = MIN(MIN(count, BCACHE_RA_MAX), BCACHE_CLUSTER / size);
	while (n < count && !check_range(bd, block + n, size) && !lookup(bd, block + n, size)) {
		v[n] = buf_new(bd, block + n, size);
		if (IS_ERR(v[n]))
			break;
		v[n++]->busy = true;
	}
	err = n > 1 ? run_io(v, n, false) : -EAGAIN; /* one block: leave it to bread */
	for (size_t k = 0; k < n; k++) {
		v[k]->busy = false;
		v[k]->refs--;
		if (err)
			buf_free(v[k]);
	}
	wake_up_all(&io_wq);
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

/* Sort one device's buffers by block: a shell sort, no recursion or allocation. */
static void sort_bufs(struct buf **v, size_t n)
{
	for (size_t gap = n / 2; gap; gap /= 2)
		for (size_t i = gap; i < n; i++) {
			struct buf *t = v[i];
			size_t j = i;

			for (; j >= gap && v[j - gap]->block > t->block; j -= gap)
				v[j] = v[j - gap];
			v[j] = t;
		}
}

/* The dirty buffers of bd, referenced, in *out; count or -ENOMEM. */
static long collect_dirty(struct blkdev *bd, struct buf ***out)
{
	struct buf *b, **v;
	size_t n = 0;

	list_for_each_entry(b, &lru, lru)
		n += b->dirty && b->bd == bd;
	v = kmalloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(b, &lru, lru)
		if (b->dirty && b->bd == bd) {
			b->refs++;
			v[n++] = b;
		}
	sort_bufs(v, n);
	*out = v;
	return (long)n;
}

/* How many buffers from v[0] on are consecutive blocks (one request). */
static size_t run_length(struct buf **v, size_t n)
{
	size_t k = 1;

	while (k < n && (k + 1) * v[0]->size <= BCACHE_CLUSTER &&
	       v[k]->size == v[0]->size && v[k]->block == v[0]->block + k)
		k++;
	return k;
}

/* Write back the sorted, held, dirty buffers v[0..n) in merged runs. */
static int write_runs(struct buf **v, size_t n)
{
	int err = 0, e;

	for (size_t i = 0, len; i < n; i += len) {
		len = run_length(v + i, n - i);
		for (size_t k = 0; k < len; k++)
			v[i + k]->dirty = false;
		e = len == 1 ? buf_io(v[i], true) : run_io(v + i, len, true);
		for (size_t k = 0; e && k < len; k++)
			v[i + k]->dirty = true;
		if (e && !err)
			err = e;
	}
	return err;
}

/* Write back bd's dirty buffers in merged runs, no flush. */
static int writeback(struct blkdev *bd)
{
	struct buf **v;
	long n = collect_dirty(bd, &v);
	int err;

	if (n < 0)
		return (int)n;
	err = write_runs(v, (size_t)n);
	for (long i = 0; i < n; i++)
		v[i]->refs--;
	kfree(v);
	return err;
}

int bcache_sync(struct blkdev *bd)
{
	int err = writeback(bd), e = bd->ops->flush ? bd->ops->flush(bd) : 0;

	if (!err && e)
		err = e == -EROFS ? e : -EIO;
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
