/*
 * 9p inode operations: lookups walk a new fid; creations, links, removals
 * and renames are single requests on the directory's fid, after which the
 * cached inodes involved are brought up to date (names, parents, nlink).
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include "../internal.h"
#include "v9fs.h"

static struct inode *v9fs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct p9_client *c = v9fs_client(dir);
	uint32_t fid = p9_fid_new(c);
	struct p9_qid q;
	struct p9_attr a;
	int err = p9_walk1(c, v9fs_fid(dir), fid, name, len, &q);

	if (err)
		return ERR_PTR(err);
	err = p9_getattr(c, fid, &a);
	if (err) {
		p9_clunk(c, fid);
		return ERR_PTR(err);
	}
	return v9fs_iget(dir->sb, fid, &a, dir);
}

/* The cached inode `name` in dir names (not referenced), or NULL. */
static struct inode *cached_child(struct inode *dir, const char *name, size_t len)
{
	struct p9_client *c = v9fs_client(dir);
	uint32_t fid = p9_fid_new(c);
	struct p9_qid q;

	if (p9_walk1(c, v9fs_fid(dir), fid, name, len, &q))
		return NULL;
	p9_clunk(c, fid);
	return v9fs_cached(dir->sb, q.path);
}

/* After a successful creation: the new entry's inode into *out. */
static int created(struct inode *dir, const char *name, size_t len, int err,
		   struct inode **out)
{
	struct inode *i;

	if (err)
		return err;
	i = v9fs_lookup(dir, name, len);
	if (IS_ERR(i))
		return (int)PTR_ERR(i);
	if (S_ISDIR(i->mode))
		dir->nlink++;
	dir->mtime = dir->ctime = i->ctime;
	*out = i;
	return 0;
}

/* Tlcreate on a clone of the directory's fid, which is then clunked. */
static int create_file(struct inode *dir, const char *name, size_t len, mode_t mode)
{
	struct p9_client *c = v9fs_client(dir);
	uint32_t fid = p9_fid_new(c);
	struct p9_qid q;
	int err = p9_walk1(c, v9fs_fid(dir), fid, NULL, 0, &q);

	if (err)
		return err;
	err = p9_lcreate(c, fid, name, len, P9_DOTL_RDONLY, mode & S_IALLUGO, vfs_cred()->fsgid);
	p9_clunk(c, fid);
	return err;
}

static int v9fs_create(struct inode *dir, const char *name, size_t len,
		       mode_t mode, dev_t rdev, struct inode **out)
{
	struct p9_client *c = v9fs_client(dir);
	gid_t gid = vfs_cred()->fsgid;
	int err;

	if (S_ISREG(mode))
		err = create_file(dir, name, len, mode);
	else if (S_ISDIR(mode))
		err = p9_mkdir(c, v9fs_fid(dir), name, len, mode & S_IALLUGO, gid);
	else
		err = p9_mknod(c, v9fs_fid(dir), name, len, mode, MAJOR(rdev), MINOR(rdev), gid);
	return created(dir, name, len, err, out);
}

static int v9fs_symlink(struct inode *dir, const char *name, size_t len,
			const char *target, struct inode **out)
{
	int err = p9_symlink(v9fs_client(dir), v9fs_fid(dir), name, len, target,
			     vfs_cred()->fsgid);

	return created(dir, name, len, err, out);
}

static int v9fs_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = p9_link(v9fs_client(dir), v9fs_fid(dir), v9fs_fid(old), name, len);

	if (!err)
		v9fs_refresh(old); /* nlink, ctime */
	return err;
}

/* unlink and rmdir: one Tunlinkat, then the victim loses its name. */
static int remove_entry(struct inode *dir, const char *name, size_t len, uint32_t flags)
{
	struct inode *victim = cached_child(dir, name, len);
	int err = p9_unlinkat(v9fs_client(dir), v9fs_fid(dir), name, len, flags);

	if (err)
		return err;
	if (victim)
		v9fs_drop_name(victim);
	if (flags & P9_AT_REMOVEDIR)
		dir->nlink--;
	dir->mtime = dir->ctime = vfs_now();
	return 0;
}

static int v9fs_unlink(struct inode *dir, const char *name, size_t len)
{
	return remove_entry(dir, name, len, 0);
}

static int v9fs_rmdir(struct inode *dir, const char *name, size_t len)
{
	return remove_entry(dir, name, len, P9_AT_REMOVEDIR);
}

static int v9fs_rename(struct inode *odir, const char *oname, size_t olen,
		       struct inode *ndir, const char *nname, size_t nlen,
		       unsigned int flags)
{
	struct inode *moved, *victim;
	int err;

	if (flags & RENAME_EXCHANGE)
		return -EINVAL; /* Trenameat cannot swap */
	moved = cached_child(odir, oname, olen);
	victim = cached_child(ndir, nname, nlen);
	err = p9_renameat(v9fs_client(odir), v9fs_fid(odir), oname, olen,
			  v9fs_fid(ndir), nname, nlen);
	if (err || victim == moved)
		return err;
	if (victim) {
		if (S_ISDIR(victim->mode))
			ndir->nlink--;
		v9fs_drop_name(victim);
	}
	if (moved && S_ISDIR(moved->mode) && odir != ndir) {
		v9fs_set_parent(moved, ndir);
		odir->nlink--;
		ndir->nlink++;
	}
	odir->mtime = odir->ctime = ndir->mtime = ndir->ctime = vfs_now();
	return 0;
}

static ssize_t v9fs_readlink(struct inode *i, char *buf, size_t len)
{
	return p9_readlink(v9fs_client(i), v9fs_fid(i), buf, len);
}

/* Tsetattr with what changes, then the server's view of the result. */
static int v9fs_setattr(struct inode *i, const struct iattr *ia)
{
	struct p9_setattr s = { 0 };
	int err;

	if (ia->valid & ATTR_MODE)
		s.valid |= P9_SETATTR_MODE, s.mode = ia->mode & S_IALLUGO;
	if (ia->valid & ATTR_UID)
		s.valid |= P9_SETATTR_UID, s.uid = ia->uid;
	if (ia->valid & ATTR_GID)
		s.valid |= P9_SETATTR_GID, s.gid = ia->gid;
	if (ia->valid & ATTR_SIZE)
		s.valid |= P9_SETATTR_SIZE, s.size = (uint64_t)ia->size;
	if (ia->valid & ATTR_ATIME) {
		s.valid |= P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET;
		s.atime_sec = (uint64_t)ia->atime.tv_sec;
		s.atime_nsec = (uint64_t)ia->atime.tv_nsec;
	}
	if (ia->valid & ATTR_MTIME) {
		s.valid |= P9_SETATTR_MTIME | P9_SETATTR_MTIME_SET;
		s.mtime_sec = (uint64_t)ia->mtime.tv_sec;
		s.mtime_nsec = (uint64_t)ia->mtime.tv_nsec;
	}
	err = p9_setattr(v9fs_client(i), v9fs_fid(i), &s);
	if (!err && v9fs_refresh(i))
		vfs_setattr_generic(i, ia);
	return err;
}

const struct inode_operations v9fs_iops = {
	.lookup = v9fs_lookup,
	.create = v9fs_create,
	.symlink = v9fs_symlink,
	.link = v9fs_link,
	.unlink = v9fs_unlink,
	.rmdir = v9fs_rmdir,
	.rename = v9fs_rename,
	.readlink = v9fs_readlink,
	.setattr = v9fs_setattr,
};
