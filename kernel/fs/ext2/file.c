/*
 * ext2 regular files: read (holes read as zeros), write (allocating on
 * demand, so files may be sparse; O_SYNC/O_DSYNC and -o sync write back
 * before returning), relatime, fsync.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/string.h>
#include "ext2.h"

#define RELATIME_SECS 86400

/* relatime: update atime when older than mtime/ctime or a day old. */
static void touch_atime(struct file *f)
{
	struct inode *i = f->inode;
	struct timespec64 now = vfs_now();

	if (EXT2_ISB(i)->read_only || (f->mnt && (f->mnt->flags & (MS_NOATIME | MS_RDONLY))))
		return;
	if (i->atime.tv_sec <= i->mtime.tv_sec || i->atime.tv_sec <= i->ctime.tv_sec ||
	    now.tv_sec - i->atime.tv_sec >= RELATIME_SECS) {
		i->atime = now;
		ext2_write_inode(i);
	}
}

/* Before reading uncached block pb (logical lblk): fetch the run of
 * physically consecutive blocks the read will need, in one request. */
static void read_ahead(struct inode *i, uint64_t lblk, uint32_t pb, uint64_t last)
{
	struct ext2_sb *es = EXT2_ISB(i);
	uint64_t n = 1;
	uint32_t next;

	while (lblk + n <= last && n < 32 && !ext2_bmap(i, lblk + n, false, &next, NULL) &&
	       next == pb + n)
		n++;
	bcache_readahead(es->bd, pb, es->bsize, (size_t)n);
}

static ssize_t ext2_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->inode;
	struct ext2_sb *es = EXT2_ISB(i);
	size_t done = 0;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	ext2_lock(es);
	while (done < len && *pos < i->size) {
		uint32_t off = (uint32_t)(*pos % es->bsize), pb;
		size_t n = (size_t)MIN((uint64_t)MIN(len - done, (size_t)(es->bsize - off)),
				       (uint64_t)(i->size - *pos)); /* a size past 4 GiB: 64 bits */
		struct buf *b = NULL;

		err = ext2_bmap(i, (uint64_t)*pos / es->bsize, false, &pb, NULL);
		if (!err && pb && !bcache_has(es->bd, pb, es->bsize))
			read_ahead(i, (uint64_t)*pos / es->bsize, pb,
				   (uint64_t)(MIN(i->size, *pos + (loff_t)(len - done)) - 1) / es->bsize);
		if (!err && pb && IS_ERR(b = ext2_bread(es, pb)))
			err = (int)PTR_ERR(b);
		if (err)
			break;
		if (b)
			memcpy((char *)buf + done, b->data + off, n);
		else
			memset((char *)buf + done, 0, n); /* a hole */
		brelse(b);
		done += n;
		*pos += (loff_t)n;
	}
	if (done)
		touch_atime(f);
	ext2_unlock(es);
	return done ? (ssize_t)done : err;
}

/* Copy n bytes into the file at pos (one block at most). */
static int write_block(struct inode *i, const void *src, size_t n, loff_t pos)
{
	struct ext2_sb *es = EXT2_ISB(i);
	uint32_t off = (uint32_t)(pos % es->bsize), pb;
	bool fresh;
	struct buf *b;
	int err = ext2_bmap(i, (uint64_t)pos / es->bsize, true, &pb, &fresh);

	if (err)
		return err;
	b = fresh || (off == 0 && n == es->bsize) ? bzero_get(es->bd, pb, es->bsize) :
						     ext2_bread(es, pb);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	memcpy(b->data + off, src, n);
	bdirty(b);
	brelse(b);
	return 0;
}

static ssize_t ext2_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->inode;
	struct ext2_sb *es = EXT2_ISB(i);
	int64_t max = (int64_t)(ext2_max_blocks(es) * es->bsize);
	size_t done = 0;
	int err = 0;

	if (es->read_only)
		return -EROFS;
	if (*pos < 0)
		return -EINVAL;
	if (*pos >= max)
		return len ? -EFBIG : 0;
	if ((uint64_t)len > (uint64_t)(max - *pos)) /* compared in 64 bits: size_t is 32 on wasm32 */
		len = (size_t)(max - *pos);
	ext2_lock(es);
	while (done < len) {
		size_t n = MIN(len - done, (size_t)(es->bsize - *pos % es->bsize));

		err = write_block(i, (const char *)buf + done, n, *pos);
		if (err)
			break;
		done += n;
		*pos += (loff_t)n;
		if (*pos > i->size)
			i->size = *pos;
	}
	if (done) {
		i->mtime = i->ctime = vfs_now();
		ext2_write_inode(i);
	}
	ext2_unlock(es);
	if (done && ((f->f_flags & O_DSYNC) || (f->mnt && (f->mnt->flags & MS_SYNCHRONOUS))))
		err = ext2_sync_fs(i->sb); /* O_SYNC, O_DSYNC, -o sync: durable on return */
	else
		err = done ? 0 : err;
	return err ? err : (ssize_t)done;
}

int ext2_zero_tail(struct inode *i, int64_t size)
{
	struct ext2_sb *es = EXT2_ISB(i);
	uint32_t off = (uint32_t)(size % es->bsize), pb;
	struct buf *b;
	int err;

	if (!off)
		return 0;
	err = ext2_bmap(i, (uint64_t)size / es->bsize, false, &pb, NULL);
	if (err || !pb)
		return err;
	b = ext2_bread(es, pb);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	memset(b->data + off, 0, es->bsize - off);
	bdirty(b);
	brelse(b);
	return 0;
}

/* fsync and fdatasync write back the whole filesystem (simple and safe). */
int ext2_fsync(struct file *f, bool datasync)
{
	return ext2_sync_fs(f->inode->sb);
}

const struct file_operations ext2_file_fops = {
	.read = ext2_read,
	.write = ext2_write,
	.fsync = ext2_fsync,
};
