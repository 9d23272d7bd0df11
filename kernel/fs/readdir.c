/* getdents64(2): directory entries in struct linux_dirent64 records. */
#include <janux/errno.h>
#include <janux/string.h>
#include "internal.h"

struct dirent64_head {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t len, used;
	bool too_small; /* the first entry did not fit */
};

static bool getdents_emit(struct dir_context *ctx, const char *name, size_t len,
			  uint64_t ino, unsigned int dtype, loff_t next)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct dirent64_head, d_name) + len + 1, 8);
	struct dirent64_head h = { ino, next, (uint16_t)reclen, (uint8_t)dtype };

	if (g->used + reclen > g->len) {
		g->too_small = g->used == 0;
		return false;
	}
	memset(g->buf + g->used, 0, reclen);
	memcpy(g->buf + g->used, &h, offsetof(struct dirent64_head, d_name));
	memcpy(g->buf + g->used + offsetof(struct dirent64_head, d_name), name, len);
	g->used += reclen;
	ctx->pos = next;
	return true;
}

long vfs_getdents64(struct file *f, void *buf, size_t len)
{
	struct getdents_ctx g = { { getdents_emit, f->pos }, buf, len, 0, false };
	int err;

	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || !f->ops || !f->ops->iterate)
		return -ENOTDIR;
	err = f->ops->iterate(f, &g.ctx);
	if (err)
		return err;
	if (g.too_small)
		return -EINVAL;
	f->pos = g.ctx.pos;
	return (long)g.used;
}
