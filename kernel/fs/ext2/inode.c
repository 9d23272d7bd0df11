/*
 * ext2 inodes: reading (checked) and writing the on-disk inode, the
 * in-memory inode cache, new inodes, eviction (freeing unlinked ones) and
 * attribute changes.
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include "../internal.h"
#include "ext2.h"

/* The buffer holding inode ino and the inode's place in it. */
static struct buf *inode_buf(struct ext2_sb *es, uint32_t ino, struct ext2_dinode **d)
{
	uint32_t ipg = es->s->inodes_per_group, idx = (ino - 1) % ipg;
	struct ext2_group_desc *gd;
	struct buf *b;

	if (ino < 1 || ino > es->s->inodes_count)
		return ERR_PTR(-EIO);
	gd = ext2_group(es, (ino - 1) / ipg);
	b = ext2_bread(es, gd->inode_table + idx / es->inodes_per_block);
	if (!IS_ERR(b))
		*d = (struct ext2_dinode *)(b->data + (idx % es->inodes_per_block) * es->inode_size);
	return b;
}

static bool mode_ok(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return true;
	}
	return false;
}

static dev_t decode_dev(const uint32_t *blk)
{
	uint32_t v = blk[0] ? blk[0] : blk[1];

	if (blk[0])
		return MKDEV((v >> 8) & 0xff, v & 0xff);
	return MKDEV((v >> 8) & 0xfff, (v & 0xff) | ((v >> 12) & 0xfff00));
}

static void encode_dev(dev_t d, uint32_t *blk)
{
	unsigned int ma = MAJOR(d), mi = MINOR(d);

	if (ma < 256 && mi < 256) {
		blk[0] = ma << 8 | mi;
		blk[1] = 0;
	} else {
		blk[0] = 0;
		blk[1] = (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
	}
}

bool ext2_fast_symlink(struct inode *i)
{
	struct ext2_inode *ei = EXT2_I(i);

	return ei->nblocks == (ei->file_acl ? EXT2_ISB(i)->bsize / 512 : 0);
}

/* Fill a fresh VFS inode from a checked on-disk one. */
static int fill_inode(struct ext2_sb *es, struct inode *i, const struct ext2_dinode *d)
{
	struct ext2_inode *ei = EXT2_I(i);
	uint64_t usize = d->size;
	int64_t size;

	if (!mode_ok(d->mode) || d->links_count == 0)
		return -EIO; /* a free or garbage inode named by a directory */
	if (S_ISREG(d->mode))
		usize |= (uint64_t)d->size_high << 32;
	size = (int64_t)usize;
	if (usize > ext2_max_blocks(es) * es->bsize || (S_ISDIR(d->mode) && size % es->bsize) ||
	    (S_ISLNK(d->mode) && (size == 0 || size >= (int64_t)es->bsize)))
		return -EIO;
	i->mode = d->mode;
	i->nlink = d->links_count;
	i->uid = d->uid | (uint32_t)d->uid_high << 16;
	i->gid = d->gid | (uint32_t)d->gid_high << 16;
	i->size = size;
	i->atime.tv_sec = d->atime;
	i->mtime.tv_sec = d->mtime;
	i->ctime.tv_sec = d->ctime;
	i->atime.tv_nsec = i->mtime.tv_nsec = i->ctime.tv_nsec = 0;
	memcpy(ei->block, d->block, sizeof(ei->block));
	ei->flags = d->flags;
	ei->dtime = d->dtime;
	ei->nblocks = d->blocks;
	ei->file_acl = d->file_acl;
	if (S_ISLNK(i->mode) && ext2_fast_symlink(i) && size >= EXT2_FAST_LINK_MAX)
		return -EIO;
	if (S_ISCHR(i->mode) || S_ISBLK(i->mode))
		i->rdev = decode_dev(d->block);
	ext2_set_ops(i);
	return 0;
}

/* A VFS inode with its ext2 part, in the cache of es. */
static struct inode *inode_new_mem(struct ext2_sb *es, mode_t mode, uint32_t ino)
{
	struct inode *i = inode_alloc(es->vsb, mode);
	struct ext2_inode *ei = kzalloc(sizeof(*ei));

	if (!i || !ei) {
		kfree(i);
		kfree(ei);
		return ERR_PTR(-ENOMEM);
	}
	i->ino = ino;
	i->private = ei;
	ei->vfs = i;
	list_add_tail(&ei->link, &es->inodes);
	return i;
}

static void inode_free_mem(struct inode *i)
{
	list_del(&EXT2_I(i)->link);
	kfree(EXT2_I(i));
	kfree(i);
}

struct inode *ext2_iget(struct ext2_sb *es, uint32_t ino)
{
	struct ext2_inode *ei;
	struct ext2_dinode *d;
	struct inode *i;
	struct buf *b;
	int err;

	if (ino != EXT2_ROOT_INO && (ino < es->first_ino || ino > es->s->inodes_count))
		return ERR_PTR(-EIO);
	list_for_each_entry(ei, &es->inodes, link)
		if (ei->vfs->ino == ino)
			return inode_get(ei->vfs);
	b = inode_buf(es, ino, &d);
	if (IS_ERR(b))
		return (struct inode *)b;
	i = inode_new_mem(es, 0, ino);
	if (!IS_ERR(i) && (err = fill_inode(es, i, d))) {
		inode_free_mem(i);
		i = ERR_PTR(err);
	}
	brelse(b);
	return i;
}

int ext2_write_inode(struct inode *i)
{
	struct ext2_sb *es = EXT2_ISB(i);
	struct ext2_inode *ei = EXT2_I(i);
	struct ext2_dinode *d;
	struct buf *b = inode_buf(es, (uint32_t)i->ino, &d);

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	d->mode = (uint16_t)i->mode;
	d->uid = (uint16_t)i->uid;
	d->uid_high = (uint16_t)(i->uid >> 16);
	d->gid = (uint16_t)i->gid;
	d->gid_high = (uint16_t)(i->gid >> 16);
	d->size = (uint32_t)i->size;
	if (S_ISREG(i->mode))
		d->size_high = (uint32_t)((uint64_t)i->size >> 32);
	d->atime = (uint32_t)i->atime.tv_sec;
	d->mtime = (uint32_t)i->mtime.tv_sec;
	d->ctime = (uint32_t)i->ctime.tv_sec;
	d->dtime = ei->dtime;
	d->links_count = (uint16_t)i->nlink;
	d->blocks = ei->nblocks;
	d->flags = ei->flags;
	memcpy(d->block, ei->block, sizeof(d->block));
	if (S_ISCHR(i->mode) || S_ISBLK(i->mode))
		encode_dev(i->rdev, d->block);
	bdirty(b);
	brelse(b);
	return 0;
}

void ext2_set_ops(struct inode *i)
{
	i->iops = &ext2_iops;
	i->fops = S_ISREG(i->mode) ? &ext2_file_fops :
		  S_ISDIR(i->mode) ? &ext2_dir_fops : NULL;
}

struct inode *ext2_new_inode(struct inode *dir, mode_t mode, dev_t rdev)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	uint32_t group = (uint32_t)(dir->ino - 1) / es->s->inodes_per_group;
	long ino = ext2_alloc_inode(es, group, S_ISDIR(mode));
	struct ext2_dinode *d;
	struct inode *i;
	struct buf *b;

	if (ino < 0)
		return ERR_PTR(ino);
	b = inode_buf(es, (uint32_t)ino, &d);
	i = IS_ERR(b) ? (struct inode *)b : inode_new_mem(es, mode, (uint32_t)ino);
	if (IS_ERR(i)) {
		brelse(b);
		ext2_free_inode(es, (uint32_t)ino, S_ISDIR(mode));
		return i;
	}
	memset(d, 0, sizeof(*d)); /* the rest of a large inode is kept */
	d->generation = (uint32_t)vfs_now().tv_nsec ^ (uint32_t)ino;
	bdirty(b);
	brelse(b);
	i->rdev = rdev;
	if (dir->mode & S_ISGID) { /* BSD group semantics of setgid dirs */
		i->gid = dir->gid;
		if (S_ISDIR(mode))
			i->mode |= S_ISGID;
	}
	ext2_set_ops(i);
	return i;
}

/* The last name and user of i are gone: give its blocks and number back. */
static void free_on_disk(struct inode *i)
{
	struct ext2_sb *es = EXT2_ISB(i);

	if (S_ISREG(i->mode) || S_ISDIR(i->mode) || (S_ISLNK(i->mode) && !ext2_fast_symlink(i)))
		ext2_free_from(i, 0); /* not devices: their i_block holds the number */
	i->size = 0;
	EXT2_I(i)->dtime = (uint32_t)vfs_now().tv_sec;
	ext2_write_inode(i);
	ext2_free_inode(es, (uint32_t)i->ino, S_ISDIR(i->mode));
}

void ext2_evict(struct inode *i)
{
	struct ext2_sb *es = EXT2_ISB(i);
	struct inode *parent = i->parent;

	ext2_lock(es);
	if (i->nlink == 0 && !es->read_only)
		free_on_disk(i);
	inode_free_mem(i);
	ext2_unlock(es);
	inode_put(parent);
}

void ext2_getattr(struct inode *i, struct kstat *st)
{
	st->blocks = EXT2_I(i)->nblocks;
	st->blksize = EXT2_ISB(i)->bsize;
}

int ext2_setattr(struct inode *i, const struct iattr *ia)
{
	struct ext2_sb *es = EXT2_ISB(i);
	int err = 0;

	if (es->read_only)
		return -EROFS;
	ext2_lock(es);
	if ((ia->valid & ATTR_SIZE) && ia->size > (int64_t)(ext2_max_blocks(es) * es->bsize))
		err = -EFBIG;
	else if ((ia->valid & ATTR_SIZE) && ia->size < i->size)
		err = ext2_zero_tail(i, ia->size);
	if (!err && (ia->valid & ATTR_SIZE)) {
		if (ia->size < i->size)
			err = ext2_free_from(i, ((uint64_t)ia->size + es->bsize - 1) / es->bsize);
		i->size = ia->size;
		i->mtime = i->ctime = vfs_now();
	}
	if (!err) {
		vfs_setattr_generic(i, ia);
		err = ext2_write_inode(i);
	}
	ext2_unlock(es);
	return err;
}
