/*
 * 9p open files: each holds its own fid, walked from the inode's and
 * lopen'ed, clunked at release. Reads and writes go straight to the
 * server in iounit-sized requests (no page cache); directories list with
 * Treaddir, using the server's offsets as getdents cookies.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include "../internal.h"
#include "v9fs.h"

/* A new fid walked from i's and lopen'ed with flags; *fid. */
static int open_fid(struct inode *i, uint32_t flags, uint32_t *fid)
{
	struct p9_client *c = v9fs_client(i);
	struct p9_qid q;
	int err;

	*fid = p9_fid_new(c);
	err = p9_walk1(c, v9fs_fid(i), *fid, NULL, 0, &q);
	if (err)
		return err;
	err = p9_lopen(c, *fid, flags);
	if (err)
		p9_clunk(c, *fid);
	return err;
}

static int v9fs_open(struct inode *i, struct file *f)
{
	int acc = (int)f->f_flags & O_ACCMODE;
	uint32_t flags = S_ISDIR(i->mode) ? P9_DOTL_RDONLY :
			 acc == O_RDWR ? P9_DOTL_RDWR : acc == O_WRONLY ? P9_DOTL_WRONLY : P9_DOTL_RDONLY;
	struct v9fs_file *vf = kzalloc(sizeof(*vf));
	int err;

	if (!vf)
		return -ENOMEM;
	err = open_fid(i, flags, &vf->fid);
	if (err) {
		kfree(vf);
		return err;
	}
	f->private_data = vf;
	return 0;
}

static void v9fs_release(struct inode *i, struct file *f)
{
	struct v9fs_file *vf = f->private_data;

	p9_clunk(v9fs_client(i), vf->fid);
	kfree(vf);
}

static uint32_t file_fid(struct file *f)
{
	return ((struct v9fs_file *)f->private_data)->fid;
}

static ssize_t v9fs_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	struct p9_client *c = v9fs_client(f->inode);
	size_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	while (done < len) {
		ssize_t n = p9_read(c, file_fid(f), (uint64_t)*pos, (char *)buf + done, len - done);

		if (n < 0)
			return done ? (ssize_t)done : n;
		if (n == 0)
			break;
		done += (size_t)n;
		*pos += n;
	}
	return (ssize_t)done;
}

static ssize_t v9fs_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->inode;
	struct p9_client *c = v9fs_client(i);
	size_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	if ((f->f_flags & O_APPEND) && !v9fs_refresh(i))
		*pos = i->size; /* the size now, not at the last lookup */
	while (done < len) {
		ssize_t n = p9_write(c, file_fid(f), (uint64_t)*pos, (const char *)buf + done, len - done);

		if (n <= 0) {
			if (!done)
				return n ? n : -EIO;
			break;
		}
		done += (size_t)n;
		*pos += n;
	}
	if (*pos > i->size)
		i->size = *pos;
	i->mtime = i->ctime = vfs_now();
	return (ssize_t)done;
}

/* Emit the entries of one Rreaddir; false when the caller is full. */
static int emit_all(struct dir_context *ctx, const uint8_t *p, size_t left)
{
	struct p9_dirent d;
	int r;

	while ((r = p9_dirent_next(&p, &left, &d)) == 1)
		if (!ctx->emit(ctx, d.name, d.len, d.qid.path, d.type, (loff_t)d.offset))
			return 0;
	return r < 0 ? r : 1;
}

/* Treaddir on fid from ctx->pos until the server or the caller is done. */
static int list_fid(struct p9_client *c, uint32_t fid, struct dir_context *ctx)
{
	size_t cap = p9_iounit(c);
	uint8_t *buf = kmalloc(cap);
	ssize_t n;
	int more = 1;

	if (!buf)
		return -ENOMEM;
	while (more > 0 && (n = p9_readdir(c, fid, (uint64_t)ctx->pos, buf, cap)) > 0)
		more = emit_all(ctx, buf, (size_t)n);
	kfree(buf);
	return more < 0 ? more : n < 0 ? (int)n : 0;
}

/* getdents, and getcwd's name search (a file that was never opened). */
static int v9fs_iterate(struct file *f, struct dir_context *ctx)
{
	struct p9_client *c = v9fs_client(f->inode);
	uint32_t fid;
	int err;

	if (f->private_data)
		return list_fid(c, file_fid(f), ctx);
	err = open_fid(f->inode, P9_DOTL_RDONLY, &fid);
	if (err)
		return err;
	err = list_fid(c, fid, ctx);
	p9_clunk(c, fid);
	return err;
}

static int v9fs_fsync(struct file *f, bool datasync)
{
	return p9_fsync(v9fs_client(f->inode), file_fid(f), datasync);
}

const struct file_operations v9fs_file_ops = {
	.open = v9fs_open,
	.read = v9fs_read,
	.write = v9fs_write,
	.fsync = v9fs_fsync,
	.release = v9fs_release,
};

const struct file_operations v9fs_dir_ops = {
	.open = v9fs_open,
	.iterate = v9fs_iterate,
	.fsync = v9fs_fsync,
	.release = v9fs_release,
};
