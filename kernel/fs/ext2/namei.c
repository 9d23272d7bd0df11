/*
 * ext2 inode operations: lookup, create (files, devices, directories),
 * symlinks, hard links, unlink, rmdir, rename, readlink, setattr. Each
 * runs under the filesystem's lock; a failed step leaves the on-disk
 * structure consistent (a new inode is freed again).
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/string.h>
#include "ext2.h"

#define EXT2_LINK_MAX 32000

/* A directory inode learns (and holds) its parent. */
static void set_parent(struct inode *i, struct inode *dir)
{
	struct inode *old = i->parent;

	if (!S_ISDIR(i->mode) || old == dir)
		return;
	i->parent = dir ? inode_get(dir) : NULL;
	inode_put(old);
}

/* Is directory i dir itself or one of its ancestors? */
static bool is_ancestor(struct inode *i, struct inode *dir)
{
	for (struct inode *p = dir; p; p = p->parent)
		if (p == i)
			return true;
	return false;
}

/*
 * The inode `name` in dir names, referenced. A directory entry naming an
 * ancestor (a loop on a corrupt disk) is -EIO: the tree of parents the
 * VFS walks stays a tree.
 */
static struct inode *get_child(struct inode *dir, const char *name, size_t len)
{
	uint32_t ino;
	int err = ext2_dir_find(dir, name, len, &ino);
	struct inode *i;

	if (err)
		return ERR_PTR(err);
	i = ext2_iget(EXT2_ISB(dir), ino);
	if (!IS_ERR(i) && S_ISDIR(i->mode) && is_ancestor(i, dir)) {
		inode_put(i);
		return ERR_PTR(-EIO);
	}
	if (!IS_ERR(i) && S_ISDIR(i->mode) && !i->parent)
		set_parent(i, dir);
	return i;
}

static struct inode *ext2_lookup(struct inode *dir, const char *name, size_t len)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	struct inode *i;

	ext2_lock(es);
	i = get_child(dir, name, len);
	ext2_unlock(es);
	return i;
}

/* Enter a fully made inode i under name in dir; on failure free it. */
static int attach(struct inode *dir, const char *name, size_t len, struct inode *i,
		  struct inode **out)
{
	int err = ext2_write_inode(i);

	if (!err)
		err = ext2_dir_add(dir, name, len, i);
	if (err) {
		i->nlink = 0;
		inode_put(i);
		return err;
	}
	if (S_ISDIR(i->mode)) {
		dir->nlink++;
		ext2_write_inode(dir);
		set_parent(i, dir);
	}
	*out = i;
	return 0;
}

static int ext2_create(struct inode *dir, const char *name, size_t len,
		       mode_t mode, dev_t rdev, struct inode **out)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	struct inode *i;
	int err = 0;

	if (es->read_only)
		return -EROFS;
	if (S_ISDIR(mode) && dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock(es);
	i = ext2_new_inode(dir, mode, rdev);
	if (IS_ERR(i)) {
		err = (int)PTR_ERR(i);
	} else {
		i->nlink = S_ISDIR(mode) ? 2 : 1;
		if (S_ISDIR(mode) && (err = ext2_dir_init(i, dir))) {
			i->nlink = 0;
			inode_put(i);
		}
		if (!err)
			err = attach(dir, name, len, i, out);
	}
	ext2_unlock(es);
	return err;
}

/* Store a symlink target in a new inode: in i_block when short. */
static int store_target(struct inode *i, const char *target, size_t n)
{
	struct buf *b;

	i->size = (int64_t)n;
	if (n < EXT2_FAST_LINK_MAX) {
		memcpy(EXT2_I(i)->block, target, n);
		return 0;
	}
	b = ext2_new_block_buf(i, 0);
	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	memcpy(b->data, target, n);
	brelse(b);
	return 0;
}

static int ext2_symlink(struct inode *dir, const char *name, size_t len,
			const char *target, struct inode **out)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	size_t n = strlen(target);
	struct inode *i;
	int err;

	if (es->read_only)
		return -EROFS;
	if (n >= es->bsize)
		return -ENAMETOOLONG;
	ext2_lock(es);
	i = ext2_new_inode(dir, S_IFLNK | 0777, 0);
	err = IS_ERR(i) ? (int)PTR_ERR(i) : 0;
	if (!err) {
		i->nlink = 1;
		err = store_target(i, target, n);
		if (err) {
			i->nlink = 0;
			inode_put(i);
		} else {
			err = attach(dir, name, len, i, out);
		}
	}
	ext2_unlock(es);
	return err;
}

static ssize_t ext2_readlink(struct inode *i, char *buf, size_t len)
{
	struct ext2_sb *es = EXT2_ISB(i);
	size_t n = MIN((size_t)i->size, len);
	struct buf *b = NULL;
	uint32_t pb;
	int err = 0;

	ext2_lock(es);
	if (ext2_fast_symlink(i)) {
		memcpy(buf, EXT2_I(i)->block, n);
	} else {
		err = ext2_bmap(i, 0, false, &pb, NULL);
		if (!err && (!pb || IS_ERR(b = ext2_bread(es, pb))))
			err = pb ? (int)PTR_ERR(b) : -EIO;
		if (!err)
			memcpy(buf, b->data, n);
		brelse(b);
	}
	ext2_unlock(es);
	return err ? err : (ssize_t)n;
}

static int ext2_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	int err;

	if (es->read_only)
		return -EROFS;
	if (old->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock(es);
	err = ext2_dir_add(dir, name, len, old);
	if (!err) {
		old->nlink++;
		old->ctime = vfs_now();
		err = ext2_write_inode(old);
	}
	ext2_unlock(es);
	return err;
}

/* Remove name from dir and drop a link of what it named (rmdir: checks
 * emptiness and drops the directory's links). */
static int remove_name(struct inode *dir, const char *name, size_t len, bool rmdir)
{
	struct ext2_sb *es = EXT2_ISB(dir);
	struct inode *i;
	int err;

	if (es->read_only)
		return -EROFS;
	ext2_lock(es);
	i = get_child(dir, name, len);
	err = IS_ERR(i) ? (int)PTR_ERR(i) : 0;
	if (!err && rmdir && (err = ext2_dir_is_empty(i)) >= 0)
		err = err ? 0 : -ENOTEMPTY;
	if (!err)
		err = ext2_dir_remove(dir, name, len);
	if (!err) {
		i->ctime = vfs_now();
		i->nlink = rmdir || !i->nlink ? 0 : i->nlink - 1;
		ext2_write_inode(i);
		if (rmdir) {
			dir->nlink--;
			ext2_write_inode(dir);
			set_parent(i, NULL);
		}
	}
	if (!IS_ERR(i))
		inode_put(i);
	ext2_unlock(es);
	return err;
}

static int ext2_unlink(struct inode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, false);
}

static int ext2_rmdir(struct inode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, true);
}

/* A directory i moved from odir to ndir: "..", link counts, parent. */
static int moved_dir(struct inode *i, struct inode *odir, struct inode *ndir)
{
	int err;

	if (!S_ISDIR(i->mode) || odir == ndir)
		return 0;
	err = ext2_dir_set_dotdot(i, ndir);
	odir->nlink--;
	ndir->nlink++;
	set_parent(i, ndir);
	ext2_write_inode(odir);
	ext2_write_inode(ndir);
	return err;
}

static int rename_exchange(struct inode *odir, const char *oname, size_t olen,
			   struct inode *ndir, const char *nname, size_t nlen,
			   struct inode *a, struct inode *b)
{
	int err = ext2_dir_retarget(odir, oname, olen, b);

	if (!err)
		err = ext2_dir_retarget(ndir, nname, nlen, a);
	if (!err)
		err = moved_dir(a, odir, ndir);
	if (!err)
		err = moved_dir(b, ndir, odir);
	a->ctime = b->ctime = vfs_now();
	ext2_write_inode(a);
	ext2_write_inode(b);
	return err;
}

/* Plain rename of i onto nname (replacing victim when there is one). */
static int rename_move(struct inode *odir, const char *oname, size_t olen,
		       struct inode *ndir, const char *nname, size_t nlen,
		       struct inode *i, struct inode *victim)
{
	int err = 0;

	if (victim && S_ISDIR(victim->mode) && (err = ext2_dir_is_empty(victim)) >= 0)
		err = err ? 0 : -ENOTEMPTY;
	if (err)
		return err;
	err = victim ? ext2_dir_retarget(ndir, nname, nlen, i) : ext2_dir_add(ndir, nname, nlen, i);
	if (err)
		return err;
	if (victim) {
		victim->nlink = S_ISDIR(victim->mode) || !victim->nlink ? 0 : victim->nlink - 1;
		victim->ctime = vfs_now();
		ext2_write_inode(victim);
		if (S_ISDIR(victim->mode)) {
			ndir->nlink--;
			set_parent(victim, NULL);
		}
	}
	err = ext2_dir_remove(odir, oname, olen);
	if (!err)
		err = moved_dir(i, odir, ndir);
	i->ctime = vfs_now();
	ext2_write_inode(i);
	ext2_write_inode(ndir);
	return err;
}

static int ext2_rename(struct inode *odir, const char *oname, size_t olen,
		       struct inode *ndir, const char *nname, size_t nlen,
		       unsigned int flags)
{
	struct ext2_sb *es = EXT2_ISB(odir);
	struct inode *i, *victim;
	int err;

	if (es->read_only)
		return -EROFS;
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	ext2_lock(es);
	i = get_child(odir, oname, olen);
	victim = IS_ERR(i) ? ERR_PTR(-ENOENT) : get_child(ndir, nname, nlen);
	if (IS_ERR(i))
		err = (int)PTR_ERR(i);
	else if (IS_ERR(victim) && PTR_ERR(victim) != -ENOENT)
		err = (int)PTR_ERR(victim);
	else if (flags & RENAME_EXCHANGE)
		err = IS_ERR(victim) ? -ENOENT :
		      rename_exchange(odir, oname, olen, ndir, nname, nlen, i, victim);
	else if (!IS_ERR(victim) && victim == i)
		err = 0; /* two names of one inode: nothing to do (POSIX) */
	else
		err = rename_move(odir, oname, olen, ndir, nname, nlen, i,
				  IS_ERR(victim) ? NULL : victim);
	if (!IS_ERR(victim))
		inode_put(victim);
	if (!IS_ERR(i))
		inode_put(i);
	ext2_unlock(es);
	return err;
}

const struct inode_operations ext2_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.readlink = ext2_readlink,
	.setattr = ext2_setattr,
	.getattr = ext2_getattr,
};
