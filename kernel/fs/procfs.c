/*
 * procfs framework: inodes made on demand from struct proc_node values
 * (see janux/procfs.h). Regular files render their whole text at open and
 * pass writes to their node; directories ask their proc_dir_ops; /proc's
 * root lists fixed entries and then the root provider's.
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/procfs.h>
#include <janux/string.h>
#include "internal.h"

#define PROC_SUPER_MAGIC 0x9fa0

struct proc_fixed {
	struct list_head link;
	struct proc_node node;
	char name[];
};

static struct list_head fixed = LIST_HEAD_INIT(fixed);
static const struct proc_dir_ops *root_provider;
static const struct inode_operations proc_iops;
static const struct file_operations proc_file_ops, proc_dir_ops;

/* ---- seqbuf ---- */

static bool seq_reserve(struct seqbuf *s, size_t more)
{
	size_t cap = s->cap ? s->cap : 256;
	char *p;

	if (s->overflow)
		return false;
	if (s->len + more + 1 <= s->cap)
		return true;
	while (cap < s->len + more + 1)
		cap *= 2;
	p = kmalloc(cap);
	if (!p) {
		s->overflow = true;
		return false;
	}
	if (s->len)
		memcpy(p, s->buf, s->len);
	kfree(s->buf);
	s->buf = p;
	s->cap = cap;
	return true;
}

void seq_write(struct seqbuf *s, const void *p, size_t n)
{
	if (!seq_reserve(s, n))
		return;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

void seq_printf(struct seqbuf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !seq_reserve(s, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

/* ---- inodes ---- */

static struct proc_node *node_of(struct inode *i)
{
	return i->private;
}

/* A stable inode number for `name` under directory number `parent`. */
static uint64_t proc_ino(uint64_t parent, const char *name, size_t len)
{
	uint64_t h = 1469598103934665603ull ^ parent;

	for (size_t k = 0; k < len; k++)
		h = (h ^ (uint8_t)name[k]) * 1099511628211ull;
	return (h >> 1) | 2; /* never 0 or 1 (the root's) */
}

static struct inode *proc_make_inode(struct super_block *sb, const struct proc_node *n,
				     uint64_t ino, struct inode *parent)
{
	struct inode *i = inode_alloc(sb, n->mode);
	struct proc_node *copy = kmalloc(sizeof(*copy));

	if (!i || !copy) {
		kfree(i);
		kfree(copy);
		return ERR_PTR(-ENOMEM);
	}
	*copy = *n;
	i->private = copy;
	i->ino = ino;
	i->uid = n->uid;
	i->gid = n->gid;
	i->nlink = S_ISDIR(n->mode) ? 2 : 1;
	i->iops = &proc_iops;
	i->fops = S_ISDIR(n->mode) ? &proc_dir_ops : S_ISREG(n->mode) ? &proc_file_ops : NULL;
	i->parent = S_ISDIR(n->mode) && parent ? inode_get(parent) : NULL; /* for ".." */
	return i;
}

static void proc_evict(struct inode *i)
{
	inode_put(i->parent);
	kfree(i->private);
	kfree(i);
}

/* ---- the root directory: fixed entries, then the provider ---- */

static int root_lookup(long id, const char *name, struct proc_node *out)
{
	struct proc_fixed *f;

	list_for_each_entry(f, &fixed, link)
		if (!strcmp(f->name, name)) {
			*out = f->node;
			return 0;
		}
	return root_provider && root_provider->lookup ?
		root_provider->lookup(0, name, out) : -ENOENT;
}

/* The provider's entries follow the fixed ones: its indexes are shifted by
 * their count, and kept current in the caller's index while it emits. */
struct root_shift {
	bool (*emit)(void *ctx, const char *name, const struct proc_node *n);
	void *ctx;
	long *index, *sub, nfixed;
};

static bool root_emit_shifted(void *p, const char *name, const struct proc_node *n)
{
	struct root_shift *r = p;

	*r->index = *r->sub + r->nfixed;
	return r->emit(r->ctx, name, n);
}

static int root_iterate(long id, long *index,
			bool (*emit)(void *ctx, const char *name, const struct proc_node *n),
			void *ctx)
{
	struct proc_fixed *f;
	long k = 0, nfixed = 0, sub;
	struct root_shift shift = { emit, ctx, index, &sub, 0 };
	int err;

	list_for_each_entry(f, &fixed, link) {
		nfixed++;
		if (k++ < *index)
			continue;
		if (!emit(ctx, f->name, &f->node))
			return 0;
		(*index)++;
	}
	if (!root_provider || !root_provider->iterate)
		return 0;
	sub = *index - nfixed;
	shift.nfixed = nfixed;
	err = root_provider->iterate(0, &sub, root_emit_shifted, &shift);
	*index = sub + nfixed;
	return err;
}

static const struct proc_dir_ops root_ops = { root_lookup, root_iterate };

int procfs_register(const char *name, const struct proc_node *node)
{
	struct proc_fixed *f;
	size_t len = strlen(name);

	list_for_each_entry(f, &fixed, link)
		if (!strcmp(f->name, name))
			return -EEXIST;
	f = kzalloc(sizeof(*f) + len + 1);
	if (!f)
		return -ENOMEM;
	f->node = *node;
	memcpy(f->name, name, len + 1);
	list_add_tail(&f->link, &fixed);
	return 0;
}

void procfs_set_root_provider(const struct proc_dir_ops *ops)
{
	root_provider = ops;
}

/* ---- inode and file operations ---- */

static struct inode *proc_lookup(struct inode *dir, const char *name, size_t len)
{
	struct proc_node *d = node_of(dir), n = { 0 };
	char key[NAME_MAX + 1];
	int err;

	if (!d->dir || !d->dir->lookup)
		return ERR_PTR(-ENOENT);
	memcpy(key, name, len);
	key[len] = '\0';
	err = d->dir->lookup(d->id, key, &n);
	if (err)
		return ERR_PTR(err);
	return proc_make_inode(dir->sb, &n, proc_ino(dir->ino, name, len), dir);
}

static ssize_t proc_readlink(struct inode *i, char *buf, size_t len)
{
	struct proc_node *n = node_of(i);

	return n->readlink ? n->readlink(n->id, buf, len) : -EINVAL;
}

struct proc_emit_ctx {
	struct dir_context *ctx;
	struct inode *dir;
	long *index;
};

static bool proc_emit(void *p, const char *name, const struct proc_node *n)
{
	struct proc_emit_ctx *c = p;
	size_t len = strlen(name);

	return c->ctx->emit(c->ctx, name, len, proc_ino(c->dir->ino, name, len),
			    DT_FROM_MODE(n->mode), *c->index + 3);
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct proc_node *d = node_of(dir);
	long index;
	struct proc_emit_ctx c = { ctx, dir, &index };

	if (ctx->pos == 0 && !ctx->emit(ctx, ".", 1, dir->ino, DT_DIR, 1))
		return 0;
	if (ctx->pos == 1 && !ctx->emit(ctx, "..", 2, dir->parent ? dir->parent->ino : dir->ino,
					DT_DIR, 2))
		return 0;
	if (!d->dir || !d->dir->iterate)
		return 0;
	index = ctx->pos - 2;
	return d->dir->iterate(d->id, &index, proc_emit, &c);
}

static int proc_open(struct inode *i, struct file *f)
{
	struct seqbuf *s = kzalloc(sizeof(*s));
	struct proc_node *n = node_of(i);
	int err;

	if (!s)
		return -ENOMEM;
	err = n->show ? n->show(s, n->id) : 0;
	if (!err && s->overflow)
		err = -ENOMEM;
	if (err) {
		kfree(s->buf);
		kfree(s);
		return err;
	}
	f->private_data = s;
	return 0;
}

static ssize_t proc_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	struct seqbuf *s = f->private_data;
	size_t n;

	if (*pos < 0 || (size_t)*pos >= s->len)
		return 0;
	n = MIN(len, s->len - (size_t)*pos);
	memcpy(buf, s->buf + *pos, n);
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static ssize_t proc_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	struct proc_node *n = node_of(f->inode);

	return n->write ? n->write(n->id, buf, len, pos) : -EINVAL;
}

/* As without the hook (the generic change, no sizes), except that a
 * writable file accepts open(O_TRUNC)'s size change and truncates nothing
 * (as Linux's /proc/sys files). */
static int proc_setattr(struct inode *i, const struct iattr *ia)
{
	if ((ia->valid & ATTR_SIZE) && !node_of(i)->write)
		return -EPERM;
	vfs_setattr_generic(i, ia);
	return 0;
}

static void proc_release(struct inode *i, struct file *f)
{
	struct seqbuf *s = f->private_data;

	if (s)
		kfree(s->buf);
	kfree(s);
}

static const struct inode_operations proc_iops = {
	.lookup = proc_lookup,
	.readlink = proc_readlink,
	.setattr = proc_setattr,
};
static const struct file_operations proc_file_ops = {
	.open = proc_open, .read = proc_read, .write = proc_write, .release = proc_release,
};
static const struct file_operations proc_dir_ops = { .iterate = proc_iterate };
static void proc_put_super(struct super_block *sb)
{
	kfree(sb);
}

static const struct super_operations proc_sops = {
	.evict = proc_evict, .put_super = proc_put_super,
};

static struct super_block *proc_get_sb(const char *source, unsigned long flags,
				       const void *data)
{
	static const struct proc_node root = { .mode = S_IFDIR | 0555, .dir = &root_ops };
	struct super_block *sb = kzalloc(sizeof(*sb));
	struct inode *r;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->type = &procfs_type;
	sb->ops = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	r = proc_make_inode(sb, &root, 1, NULL);
	if (IS_ERR(r)) {
		kfree(sb);
		return ERR_PTR(PTR_ERR(r));
	}
	sb->root = r;
	return sb;
}

struct fs_type procfs_type = { .name = "proc", .nodev = true, .get_sb = proc_get_sb };
