/*
 * tmpfs: the memory filesystem that is "/" (and, as "devtmpfs", /dev).
 * Directories are lists of named entries with stable cookies for
 * getdents; regular files and symlinks keep their bytes in one buffer.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include "internal.h"
#include "tmpfs.h"

#define TMPFS_MAGIC 0x01021994
#define TMPFS_MAX_FILE (1ll << 30)  /* EFBIG beyond 1 GiB */
#define TMPFS_NOMINAL_BLOCKS 262144 /* statfs: 1 GiB of 4 KiB blocks */

struct tmpfs_dirent {
	struct list_head link;
	struct inode *inode;   /* counted by inode->nlink, not refs */
	loff_t cookie;
	size_t len;
	char name[];
};

struct tmpfs_node {
	struct list_head entries; /* directories */
	loff_t next_cookie;
	char *data;               /* files: contents; symlinks: target */
	size_t cap;
};

static const struct inode_operations tmpfs_iops;
static const struct file_operations tmpfs_file_ops, tmpfs_dir_ops;

static struct tmpfs_node *node_of(struct inode *i)
{
	return i->private;
}

static void tmpfs_free_inode(struct inode *i)
{
	struct tmpfs_node *n = node_of(i);

	if (n)
		kfree(n->data);
	kfree(n);
	kfree(i);
}

/* refs reached 0: free unless directory entries still name it. */
static void tmpfs_evict(struct inode *i)
{
	if (i->nlink == 0)
		tmpfs_free_inode(i);
}

/* One name fewer for i; frees it when nothing names or uses it. */
static void tmpfs_drop_link(struct inode *i)
{
	if (i->nlink)
		i->nlink--;
	if (i->nlink == 0 && i->refs == 0)
		tmpfs_free_inode(i);
}

/* A new tmpfs inode (one reference) with its node. */
static struct inode *tmpfs_new_inode(struct super_block *sb, mode_t mode, dev_t rdev)
{
	struct inode *i = inode_alloc(sb, mode);
	struct tmpfs_node *n = kzalloc(sizeof(*n));

	if (!i || !n) {
		kfree(i);
		kfree(n);
		return NULL;
	}
	list_init(&n->entries);
	n->next_cookie = 2;
	i->private = n;
	i->rdev = rdev;
	i->iops = &tmpfs_iops;
	i->nlink = 1;
	if (S_ISDIR(mode)) {
		i->fops = &tmpfs_dir_ops;
		i->nlink = 2;
		i->size = 0;
	} else if (S_ISREG(mode)) {
		i->fops = &tmpfs_file_ops;
	}
	return i;
}

static struct tmpfs_dirent *dir_find(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d;

	list_for_each_entry(d, &node_of(dir)->entries, link)
		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

static int dir_add(struct inode *dir, const char *name, size_t len, struct inode *i)
{
	struct tmpfs_dirent *d = kmalloc(sizeof(*d) + len + 1);

	if (!d)
		return -ENOSPC;
	d->inode = i;
	d->len = len;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->cookie = node_of(dir)->next_cookie++;
	list_add_tail(&d->link, &node_of(dir)->entries);
	dir->mtime = dir->ctime = vfs_now();
	return 0;
}

static void dir_remove(struct inode *dir, struct tmpfs_dirent *d)
{
	list_del(&d->link);
	kfree(d);
	dir->mtime = dir->ctime = vfs_now();
}

static struct inode *tmpfs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d = dir_find(dir, name, len);

	return d ? inode_get(d->inode) : ERR_PTR(-ENOENT);
}

/* Link a fresh inode into dir; on failure it is freed. */
static int tmpfs_attach(struct inode *dir, const char *name, size_t len,
			struct inode *i, struct inode **out)
{
	int err = dir_add(dir, name, len, i);

	if (err) {
		i->nlink = 0;
		inode_put(i);
		return err;
	}
	if (S_ISDIR(i->mode)) {
		i->parent = dir;
		dir->nlink++;
	}
	*out = i;
	return 0;
}

static int tmpfs_create(struct inode *dir, const char *name, size_t len,
			mode_t mode, dev_t rdev, struct inode **out)
{
	struct inode *i = tmpfs_new_inode(dir->sb, mode, rdev);

	if (!i)
		return -ENOSPC;
	if ((dir->mode & S_ISGID)) { /* BSD group semantics of setgid dirs */
		i->gid = dir->gid;
		if (S_ISDIR(mode))
			i->mode |= S_ISGID;
	}
	return tmpfs_attach(dir, name, len, i, out);
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len,
			 const char *target, struct inode **out)
{
	struct inode *i = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0);
	size_t n = strlen(target);

	if (!i)
		return -ENOSPC;
	node_of(i)->data = kmalloc(n + 1);
	if (!node_of(i)->data) {
		i->nlink = 0;
		inode_put(i);
		return -ENOSPC;
	}
	memcpy(node_of(i)->data, target, n + 1);
	node_of(i)->cap = n + 1;
	i->size = (int64_t)n;
	return tmpfs_attach(dir, name, len, i, out);
}

static int tmpfs_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = dir_add(dir, name, len, old);

	if (!err) {
		old->nlink++;
		old->ctime = vfs_now();
	}
	return err;
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d = dir_find(dir, name, len);
	struct inode *i;

	if (!d)
		return -ENOENT;
	i = d->inode;
	dir_remove(dir, d);
	i->ctime = vfs_now();
	tmpfs_drop_link(i);
	return 0;
}

/* Unhook an (empty) directory inode from its parent's counts. */
static void dir_detach(struct inode *dir, struct inode *sub)
{
	sub->parent = NULL;
	dir->nlink--;
	sub->nlink = 1; /* "." only; the drop below makes it 0 */
	tmpfs_drop_link(sub);
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d = dir_find(dir, name, len);
	struct inode *sub;

	if (!d)
		return -ENOENT;
	sub = d->inode;
	if (!list_empty(&node_of(sub)->entries))
		return -ENOTEMPTY;
	dir_remove(dir, d);
	dir_detach(dir, sub);
	return 0;
}

static ssize_t tmpfs_readlink(struct inode *i, char *buf, size_t len)
{
	size_t n = MIN((size_t)i->size, len);

	memcpy(buf, node_of(i)->data, n);
	return (ssize_t)n;
}

/* Make room for `size` bytes of file data (zero-filled growth). */
static int tmpfs_reserve(struct inode *i, size_t size)
{
	struct tmpfs_node *n = node_of(i);
	size_t cap = n->cap ? n->cap : 64;
	char *p;

	if (size <= n->cap)
		return 0;
	while (cap < size)
		cap *= 2;
	p = kmalloc(cap);
	if (!p)
		return -ENOSPC;
	memcpy(p, n->data, (size_t)i->size);
	memset(p + i->size, 0, cap - (size_t)i->size);
	kfree(n->data);
	n->data = p;
	n->cap = cap;
	return 0;
}

static int tmpfs_resize(struct inode *i, int64_t size)
{
	struct tmpfs_node *n = node_of(i);
	int err;

	if (size > TMPFS_MAX_FILE)
		return -EFBIG;
	if (size > i->size) {
		err = tmpfs_reserve(i, (size_t)size);
		if (err)
			return err;
	} else if (n->data) {
		memset(n->data + size, 0, (size_t)(i->size - size));
	}
	i->size = size;
	i->mtime = i->ctime = vfs_now();
	return 0;
}

static int tmpfs_setattr(struct inode *i, const struct iattr *ia)
{
	int err;

	if (ia->valid & ATTR_SIZE) {
		err = tmpfs_resize(i, ia->size);
		if (err)
			return err;
	}
	vfs_setattr_generic(i, ia);
	return 0;
}

static ssize_t tmpfs_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->inode;
	size_t n;

	if (*pos >= i->size)
		return 0;
	n = MIN(len, (size_t)(i->size - *pos));
	memcpy(buf, node_of(i)->data + *pos, n);
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static ssize_t tmpfs_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->inode;
	int err;

	if (*pos < 0)
		return -EINVAL;
	if (*pos >= TMPFS_MAX_FILE)
		return -EFBIG;
	len = MIN(len, (size_t)(TMPFS_MAX_FILE - *pos));
	if (!len)
		return 0;
	err = tmpfs_reserve(i, (size_t)*pos + len);
	if (err)
		return err;
	memcpy(node_of(i)->data + *pos, buf, len);
	*pos += (loff_t)len;
	if (*pos > i->size)
		i->size = *pos;
	i->mtime = i->ctime = vfs_now();
	return (ssize_t)len;
}

static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct tmpfs_dirent *d;

	if (ctx->pos == 0 && !ctx->emit(ctx, ".", 1, dir->ino, DT_DIR, 1))
		return 0;
	if (ctx->pos == 1) {
		struct inode *up = dir->parent ? dir->parent : dir;

		if (!ctx->emit(ctx, "..", 2, up->ino, DT_DIR, 2))
			return 0;
	}
	list_for_each_entry(d, &node_of(dir)->entries, link) {
		if (d->cookie < ctx->pos)
			continue;
		if (!ctx->emit(ctx, d->name, d->len, d->inode->ino,
			       DT_FROM_MODE(d->inode->mode), d->cookie + 1))
			return 0;
	}
	return 0;
}


/* RENAME_EXCHANGE: swap what the two entries name. */
static void tmpfs_exchange(struct inode *odir, struct tmpfs_dirent *od,
			   struct inode *ndir, struct tmpfs_dirent *nd)
{
	struct inode *a = od->inode, *b = nd->inode;
	int adir = S_ISDIR(a->mode), bdir = S_ISDIR(b->mode);

	od->inode = b;
	nd->inode = a;
	if (adir)
		a->parent = ndir;
	if (bdir)
		b->parent = odir;
	odir->nlink = (unsigned int)((int)odir->nlink + bdir - adir);
	ndir->nlink = (unsigned int)((int)ndir->nlink + adir - bdir);
	a->ctime = b->ctime = odir->mtime = ndir->mtime = vfs_now();
}

static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
			struct inode *ndir, const char *nname, size_t nlen,
			unsigned int flags)
{
	struct tmpfs_dirent *od = dir_find(odir, oname, olen);
	struct tmpfs_dirent *nd = dir_find(ndir, nname, nlen);
	struct inode *i, *victim;
	int err;

	if (!od || (!nd && (flags & RENAME_EXCHANGE)))
		return -ENOENT;
	if (flags & RENAME_EXCHANGE) {
		tmpfs_exchange(odir, od, ndir, nd);
		return 0;
	}
	i = od->inode;
	if (nd && nd->inode == i)
		return 0; /* two names of one inode: nothing to do (POSIX) */
	victim = nd ? nd->inode : NULL;
	if (victim && S_ISDIR(victim->mode) && !list_empty(&node_of(victim)->entries))
		return -ENOTEMPTY;
	err = dir_add(ndir, nname, nlen, i); /* the only step that can fail */
	if (err)
		return err;
	if (victim) {
		dir_remove(ndir, nd);
		if (S_ISDIR(victim->mode))
			dir_detach(ndir, victim);
		else
			tmpfs_drop_link(victim);
	}
	dir_remove(odir, od);
	if (S_ISDIR(i->mode) && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
		i->parent = ndir;
	}
	i->ctime = vfs_now();
	return 0;
}

static const struct inode_operations tmpfs_iops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.readlink = tmpfs_readlink,
	.setattr = tmpfs_setattr,
};

static const struct file_operations tmpfs_file_ops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
};

static const struct file_operations tmpfs_dir_ops = {
	.iterate = tmpfs_iterate,
};

/* Free every inode below dir (the superblock is going away). */
static void tmpfs_free_tree(struct inode *dir)
{
	struct tmpfs_dirent *d, *tmp;

	list_for_each_entry_safe(d, tmp, &node_of(dir)->entries, link) {
		struct inode *i = d->inode;

		list_del(&d->link);
		kfree(d);
		if (S_ISDIR(i->mode)) {
			tmpfs_free_tree(i);
			i->nlink = 1;
		}
		tmpfs_drop_link(i);
	}
}

static void tmpfs_put_super(struct super_block *sb)
{
	struct inode *root = sb->root;

	tmpfs_free_tree(root);
	root->nlink = 1;
	tmpfs_drop_link(root);
	kfree(sb);
}

static int tmpfs_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct kmalloc_stats ks;
	uint64_t used;

	kmalloc_get_stats(&ks);
	used = ks.bytes_in_use / 4096;
	st->type = sb->magic;
	st->bsize = st->frsize = 4096;
	st->blocks = TMPFS_NOMINAL_BLOCKS;
	st->bfree = st->bavail = used < st->blocks ? st->blocks - used : 0;
	st->files = 1u << 20;
	st->ffree = st->files > sb->next_ino ? st->files - sb->next_ino : 0;
	st->namelen = NAME_MAX;
	return 0;
}

static const struct super_operations tmpfs_sops = {
	.evict = tmpfs_evict,
	.statfs = tmpfs_statfs,
	.put_super = tmpfs_put_super,
};

struct super_block *tmpfs_new_sb(const struct fs_type *type, mode_t root_mode)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->type = type;
	sb->ops = &tmpfs_sops;
	sb->magic = TMPFS_MAGIC;
	sb->root = tmpfs_new_inode(sb, S_IFDIR | root_mode, 0);
	if (!sb->root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	sb->root->uid = sb->root->gid = 0;
	sb->root->parent = NULL;
	return sb;
}

static struct super_block *tmpfs_get_sb(const char *source, unsigned long flags,
					const void *data)
{
	return tmpfs_new_sb(&tmpfs_type, 01777);
}

struct fs_type tmpfs_type = { .name = "tmpfs", .nodev = true, .get_sb = tmpfs_get_sb };
