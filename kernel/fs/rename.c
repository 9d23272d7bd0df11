/* renameat2(2): moving, replacing (RENAME_NOREPLACE) and exchanging names. */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include "internal.h"

/* True when dir is `ancestor` or lies below it. */
static bool is_below(struct inode *dir, struct inode *ancestor)
{
	for (struct inode *i = dir; i; i = i->parent)
		if (i == ancestor)
			return true;
	return false;
}

/* Type rules between the source and an existing target. */
static int rename_types(struct inode *src, struct inode *dst, unsigned int flags)
{
	if (flags & RENAME_EXCHANGE)
		return 0;
	if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
		return -ENOTDIR;
	if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
		return -EISDIR;
	return 0;
}

/* All checks once both parents and the source are known. */
static int rename_check(struct path *odir, struct path *src, struct path *ndir,
			const char *nlast, size_t nlen, bool nslash, unsigned int flags)
{
	struct path dst = { 0 };
	int err = vfs_lookup_one(ndir, nlast, nlen, &dst);

	if (err && err != -ENOENT)
		return err;
	if (!err && (flags & RENAME_NOREPLACE))
		err = -EEXIST;
	else if (err && (flags & RENAME_EXCHANGE))
		err = -ENOENT;
	else if (!err)
		err = rename_types(src->inode, dst.inode, flags);
	else
		err = 0;
	if (!err && nslash && !S_ISDIR(src->inode->mode))
		err = -ENOTDIR;
	if (!err && (src->mnt != odir->mnt || (dst.inode && dst.mnt != ndir->mnt)))
		err = -EBUSY;
	if (!err && S_ISDIR(src->inode->mode) && is_below(ndir->inode, src->inode))
		err = -EINVAL;
	if (!err && dst.inode && (flags & RENAME_EXCHANGE) && S_ISDIR(dst.inode->mode) &&
	    is_below(odir->inode, dst.inode))
		err = -EINVAL;
	if (!err && !(err = vfs_may_modify(odir)) && !(err = vfs_may_modify(ndir)))
		err = vfs_sticky_ok(odir->inode, src->inode);
	if (!err && dst.inode)
		err = vfs_sticky_ok(ndir->inode, dst.inode);
	if (dst.inode)
		path_put(&dst);
	return err;
}

int vfs_rename_at(int odfd, const char *oname, int ndfd, const char *nname,
		  unsigned int flags)
{
	struct path odir, ndir, src;
	const char *olast, *nlast;
	size_t olen, nlen;
	bool oslash, nslash;
	int err;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	err = vfs_walk_parent(odfd, oname, &odir, &olast, &olen, &oslash);
	if (err)
		return err;
	err = vfs_walk_parent(ndfd, nname, &ndir, &nlast, &nlen, &nslash);
	if (err)
		goto out_odir;
	if (!olast || !nlast)
		err = -EBUSY;
	else if (odir.mnt != ndir.mnt)
		err = -EXDEV;
	else
		err = vfs_lookup_one(&odir, olast, olen, &src);
	if (err)
		goto out_ndir;
	if (oslash && !S_ISDIR(src.inode->mode))
		err = -ENOTDIR;
	else
		err = rename_check(&odir, &src, &ndir, nlast, nlen, nslash, flags);
	if (!err)
		err = odir.inode->iops->rename ?
			odir.inode->iops->rename(odir.inode, olast, olen, ndir.inode,
						 nlast, nlen, flags) : -EPERM;
	path_put(&src);
out_ndir:
	path_put(&ndir);
out_odir:
	path_put(&odir);
	return err;
}
