/*
 * ext2 directories: linear lists of records in the directory's blocks.
 * Every record is checked (length, alignment, name length, inode number)
 * before use; a bad one makes the operation fail with -EIO. Positions for
 * getdents are byte offsets in the directory.
 */
#include <janux/errno.h>
#include <janux/string.h>
#include "../internal.h"
#include "ext2.h"

/* One record during a walk, with its block and predecessor in the block. */
struct walk {
	uint64_t pos;
	struct buf *b;
	struct ext2_dirent *d, *prev;
};

/* A step of dir_walk: 0 to go on, >0 to stop there, <0 an error. */
typedef int (*walk_fn)(struct inode *dir, struct walk *w, void *arg);

static int rec_check(struct ext2_sb *es, struct buf *b, uint32_t off)
{
	struct ext2_dirent *d = (struct ext2_dirent *)(b->data + off);

	if (off + EXT2_REC_LEN(1) > es->bsize || d->rec_len < EXT2_REC_LEN(1) ||
	    d->rec_len % 4 || off + d->rec_len > es->bsize ||
	    (d->inode && (d->rec_len < EXT2_REC_LEN(d->name_len) || d->name_len == 0 ||
			  d->inode > es->s->inodes_count)))
		return -EIO;
	return 0;
}

/* Call fn on every record of dir at or after byte `pos`. */
static int dir_walk(struct inode *dir, uint64_t pos, walk_fn fn, void *arg)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	uint64_t nblocks = (uint64_t)dir->size / es->bsize;
	struct walk w;
	int err = 0;

	for (uint64_t blk = pos / es->bsize; !err && blk < nblocks; blk++) {
		uint32_t pb;

		err = ext2_bmap(dir, blk, false, &pb, NULL);
		if (!err && !pb)
			err = -EIO; /* directories have no holes */
		w.b = err ? NULL : ext2_bread(es, pb);
		if (IS_ERR(w.b))
			return (int)PTR_ERR(w.b);
		w.prev = NULL;
		for (uint32_t off = 0; !err && off < es->bsize; off += w.d->rec_len) {
			if ((err = rec_check(es, w.b, off)))
				break;
			w.d = (struct ext2_dirent *)(w.b->data + off);
			w.pos = blk * es->bsize + off;
			if (w.pos >= pos)
				err = fn(dir, &w, arg);
			w.prev = w.d;
		}
		brelse(w.b);
	}
	return err;
}

struct name_arg {
	const char *name;
	size_t len;
	uint32_t ino;
	struct inode *target;
};

static bool rec_is(const struct ext2_dirent *d, const struct name_arg *a)
{
	return d->inode && d->name_len == a->len && !memcmp(d->name, a->name, a->len);
}

static int find_fn(struct inode *dir, struct walk *w, void *arg)
{
	struct name_arg *a = arg;

	if (!rec_is(w->d, a))
		return 0;
	a->ino = w->d->inode;
	return 1;
}

int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino)
{
	struct name_arg a = { name, len, 0, NULL };
	int r = dir_walk(dir, 0, find_fn, &a);

	if (r < 0)
		return r;
	*ino = a.ino;
	return r ? 0 : -ENOENT;
}

/* The directory changed: times, and no hashed index to keep in step. */
static void dir_touched(struct inode *dir)
{
	EXT2_I(dir)->flags &= ~(uint32_t)EXT2_INDEX_FL;
	dir->mtime = dir->ctime = vfs_now();
	ext2_write_inode(dir);
}

static uint8_t file_type(struct ext2_sb *es, mode_t m)
{
	static const uint8_t types[16] = {
		[S_IFREG >> 12] = 1, [S_IFDIR >> 12] = 2, [S_IFCHR >> 12] = 3,
		[S_IFBLK >> 12] = 4, [S_IFIFO >> 12] = 5, [S_IFSOCK >> 12] = 6,
		[S_IFLNK >> 12] = 7,
	};

	return es->filetype ? types[(m & S_IFMT) >> 12] : 0;
}

static void rec_set(struct ext2_sb *es, struct ext2_dirent *d, const struct name_arg *a)
{
	d->inode = (uint32_t)a->target->ino;
	d->name_len = (uint8_t)a->len;
	d->file_type = file_type(es, a->target->mode);
	memcpy(d->name, a->name, a->len);
}

static int add_fn(struct inode *dir, struct walk *w, void *arg)
{
	struct name_arg *a = arg;
	struct ext2_dirent *d = w->d, *n;
	uint16_t need = (uint16_t)EXT2_REC_LEN(a->len), used;

	if (!d->inode && d->rec_len >= need) {
		rec_set(EXT2_ISB(dir), d, a);
	} else if (d->inode && d->rec_len >= (used = (uint16_t)EXT2_REC_LEN(d->name_len)) + need) {
		n = (struct ext2_dirent *)((uint8_t *)d + used);
		n->rec_len = (uint16_t)(d->rec_len - used);
		d->rec_len = used;
		rec_set(EXT2_ISB(dir), n, a);
	} else {
		return 0;
	}
	bdirty(w->b);
	return 1;
}

/* Grow dir by one block holding the single record of a. */
static int add_block(struct inode *dir, struct name_arg *a)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	struct buf *b = ext2_new_block_buf(dir, (uint64_t)dir->size / es->bsize);
	struct ext2_dirent *d;

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	d = (struct ext2_dirent *)b->data;
	d->rec_len = (uint16_t)es->bsize;
	rec_set(es, d, a);
	brelse(b);
	dir->size += es->bsize;
	return 0;
}

int ext2_dir_add(struct inode *dir, const char *name, size_t len, struct inode *i)
{
	struct name_arg a = { name, len, 0, i };
	int r = dir_walk(dir, 0, add_fn, &a);

	if (r == 0)
		r = add_block(dir, &a);
	if (r >= 0)
		dir_touched(dir);
	return r < 0 ? r : 0;
}

static int remove_fn(struct inode *dir, struct walk *w, void *arg)
{
	if (!rec_is(w->d, arg))
		return 0;
	if (w->prev)
		w->prev->rec_len = (uint16_t)(w->prev->rec_len + w->d->rec_len);
	else
		w->d->inode = 0;
	bdirty(w->b);
	return 1;
}

int ext2_dir_remove(struct inode *dir, const char *name, size_t len)
{
	struct name_arg a = { name, len, 0, NULL };
	int r = dir_walk(dir, 0, remove_fn, &a);

	if (r > 0)
		dir_touched(dir);
	return r < 0 ? r : r ? 0 : -ENOENT;
}

static int retarget_fn(struct inode *dir, struct walk *w, void *arg)
{
	struct name_arg *a = arg;

	if (!rec_is(w->d, a))
		return 0;
	w->d->inode = (uint32_t)a->target->ino;
	w->d->file_type = file_type(EXT2_ISB(dir), a->target->mode);
	bdirty(w->b);
	return 1;
}

int ext2_dir_retarget(struct inode *dir, const char *name, size_t len, struct inode *i)
{
	struct name_arg a = { name, len, 0, i };
	int r = dir_walk(dir, 0, retarget_fn, &a);

	if (r > 0)
		dir_touched(dir);
	return r < 0 ? r : r ? 0 : -ENOENT;
}

int ext2_dir_set_dotdot(struct inode *dir, struct inode *parent)
{
	struct name_arg a = { "..", 2, 0, parent };
	int r = dir_walk(dir, 0, retarget_fn, &a);

	return r < 0 ? r : r ? 0 : -EIO;
}

static int nonempty_fn(struct inode *dir, struct walk *w, void *arg)
{
	const struct ext2_dirent *d = w->d;

	return d->inode && !(name_is_dot(d->name, d->name_len));
}

int ext2_dir_is_empty(struct inode *dir)
{
	int r = dir_walk(dir, 0, nonempty_fn, NULL);

	return r < 0 ? r : !r;
}

int ext2_dir_init(struct inode *dir, struct inode *parent)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	struct buf *b = ext2_new_block_buf(dir, 0);
	struct ext2_dirent *d;

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	d = (struct ext2_dirent *)b->data;
	*d = (struct ext2_dirent){ (uint32_t)dir->ino, 12, 1, file_type(es, S_IFDIR) };
	d->name[0] = '.';
	d = (struct ext2_dirent *)(b->data + 12);
	*d = (struct ext2_dirent){ (uint32_t)parent->ino, (uint16_t)(es->bsize - 12), 2,
				   file_type(es, S_IFDIR) };
	memcpy(d->name, "..", 2);
	brelse(b);
	dir->size = es->bsize;
	return 0;
}

static int emit_fn(struct inode *dir, struct walk *w, void *arg)
{
	struct dir_context *ctx = arg;
	static const uint8_t dtypes[8] = { DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR,
					   DT_BLK, DT_FIFO, DT_SOCK, DT_LNK };
	const struct ext2_dirent *d = w->d;

	if (!d->inode)
		return 0;
	return !ctx->emit(ctx, d->name, d->name_len, d->inode,
			  d->file_type < 8 ? dtypes[d->file_type] : DT_UNKNOWN,
			  (loff_t)(w->pos + d->rec_len));
}

static int ext2_iterate(struct file *f, struct dir_context *ctx)
{
	struct ext2_sb *es = EXT2_ISB(f->inode);
	int r;

	if (ctx->pos < 0)
		return -EINVAL;
	ext2_lock(es);
	r = dir_walk(f->inode, (uint64_t)ctx->pos, emit_fn, ctx);
	ext2_unlock(es);
	return r < 0 ? r : 0;
}

const struct file_operations ext2_dir_fops = {
	.iterate = ext2_iterate,
	.fsync = ext2_fsync,
};
