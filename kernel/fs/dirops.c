/*
 * Namespace operations: mknod, mkdir, symlink, link, unlink/rmdir, rename,
 * readlink, with the checks Linux makes before the filesystem is asked.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/string.h>
#include "internal.h"

/* May the caller add or remove names in dir? (write+search, writable mount) */
int vfs_may_modify(const struct path *dir)
{
	int err = vfs_mnt_want_write(dir->mnt);

	return err ? err : inode_permission(dir->inode, W_OK | X_OK);
}

/* Sticky directories: only the owner of the entry or dir (or root) may remove. */
int vfs_sticky_ok(struct inode *dir, struct inode *victim)
{
	const struct cred *c = vfs_cred();

	if (!(dir->mode & S_ISVTX) || cred_is_root(c) || c->fsuid == victim->uid ||
	    c->fsuid == dir->uid)
		return 0;
	return -EPERM;
}

/* Does `name` exist in dir? 0 = no, -EEXIST = yes, other -errno. */
static int check_absent(const struct path *dir, const char *name, size_t len)
{
	struct path p;
	int err = vfs_lookup_one(dir, name, len, &p);

	if (!err) {
		path_put(&p);
		return -EEXIST;
	}
	return err == -ENOENT ? 0 : err;
}

/* Shared front half of mknod/mkdir/symlink: parent, name, absence, rights. */
static int create_prep(int dfd, const char *name, struct path *dir,
		       const char **last, size_t *len, bool dir_ok_slash)
{
	bool slash;
	int err = vfs_walk_parent(dfd, name, dir, last, len, &slash);

	if (err)
		return err;
	if (!*last)
		err = -EEXIST;
	else if (!(err = check_absent(dir, *last, *len)) && slash && !dir_ok_slash)
		err = -ENOENT;
	if (!err)
		err = vfs_may_modify(dir);
	if (!err && !dir->inode->iops->create)
		err = -EPERM;
	if (err)
		path_put(dir);
	return err;
}

int vfs_create_in(const struct path *dir, const char *name, size_t len,
		  mode_t mode, dev_t dev, struct inode **out)
{
	return dir->inode->iops->create(dir->inode, name, len, mode, dev, out);
}

int vfs_mknod_at(int dfd, const char *name, mode_t mode, dev_t dev)
{
	struct path dir;
	struct inode *i;
	const char *last;
	size_t len;
	int err;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (S_ISDIR(mode) || S_ISLNK(mode) || (mode & S_IFMT) > S_IFSOCK)
		return -EINVAL;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !cred_is_root(vfs_cred()))
		return -EPERM;
	err = create_prep(dfd, name, &dir, &last, &len, false);
	if (err)
		return err;
	err = vfs_create_in(&dir, last, len, (mode & ~vfs_umask()) & (S_IFMT | S_IALLUGO),
			    (S_ISCHR(mode) || S_ISBLK(mode)) ? dev : 0, &i);
	if (!err)
		inode_put(i);
	path_put(&dir);
	return err;
}

int vfs_mkdir_at(int dfd, const char *name, mode_t mode)
{
	struct path dir;
	struct inode *i;
	const char *last;
	size_t len;
	int err = create_prep(dfd, name, &dir, &last, &len, true);

	if (err)
		return err;
	err = vfs_create_in(&dir, last, len, S_IFDIR | (mode & ~vfs_umask() & 01777), 0, &i);
	if (!err)
		inode_put(i);
	path_put(&dir);
	return err;
}

int vfs_symlink_at(const char *target, int dfd, const char *name)
{
	struct path dir;
	struct inode *i;
	const char *last;
	size_t len;
	int err;

	if (!*target)
		return -ENOENT;
	if (strnlen(target, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	err = create_prep(dfd, name, &dir, &last, &len, false);
	if (err)
		return err;
	err = dir.inode->iops->symlink ?
		dir.inode->iops->symlink(dir.inode, last, len, target, &i) : -EPERM;
	if (!err)
		inode_put(i);
	path_put(&dir);
	return err;
}

int vfs_link_at(int odfd, const char *oname, int ndfd, const char *nname, int flags)
{
	struct path old, dir;
	const char *last;
	size_t len;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = vfs_lookup_at(odfd, oname, ((flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0) |
			    ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &old);
	if (err)
		return err;
	if (S_ISDIR(old.inode->mode)) {
		path_put(&old);
		return -EPERM;
	}
	err = create_prep(ndfd, nname, &dir, &last, &len, false);
	if (!err) {
		if (dir.mnt != old.mnt && (!dir.mnt || !old.mnt || dir.mnt->sb != old.mnt->sb))
			err = -EXDEV;
		else if (!dir.inode->iops->link)
			err = -EPERM;
		else
			err = dir.inode->iops->link(old.inode, dir.inode, last, len);
		path_put(&dir);
	}
	path_put(&old);
	return err;
}

int vfs_unlink_at(int dfd, const char *name, int flags)
{
	struct path dir, victim;
	const char *last;
	size_t len;
	bool slash, rmdir = flags & AT_REMOVEDIR;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = vfs_walk_parent(dfd, name, &dir, &last, &len, &slash);
	if (err)
		return err;
	if (!last) { /* ".", "..", "/" */
		path_put(&dir);
		return rmdir ? (len == 2 ? -ENOTEMPTY : len ? -EINVAL : -EBUSY) : -EISDIR;
	}
	err = vfs_lookup_one(&dir, last, len, &victim);
	if (!err) {
		if (rmdir && !S_ISDIR(victim.inode->mode))
			err = -ENOTDIR;
		else if (!rmdir && S_ISDIR(victim.inode->mode))
			err = -EISDIR;
		else if (!rmdir && slash)
			err = -ENOTDIR;
		else if (victim.mnt != dir.mnt)
			err = -EBUSY; /* a mount point */
		else if (!(err = vfs_may_modify(&dir)))
			err = vfs_sticky_ok(dir.inode, victim.inode);
		if (!err) {
			const struct inode_operations *ops = dir.inode->iops;
			int (*fn)(struct inode *, const char *, size_t) = rmdir ? ops->rmdir : ops->unlink;

			err = fn ? fn(dir.inode, last, len) : -EPERM;
		}
		path_put(&victim);
	}
	path_put(&dir);
	return err;
}

ssize_t vfs_readlink_at(int dfd, const char *name, char *buf, size_t len)
{
	struct path p;
	ssize_t n;
	int err = vfs_lookup_at(dfd, name, LOOKUP_EMPTY, &p);

	if (err)
		return err;
	if (!S_ISLNK(p.inode->mode) || !p.inode->iops || !p.inode->iops->readlink)
		n = -EINVAL;
	else
		n = p.inode->iops->readlink(p.inode, buf, len);
	path_put(&p);
	return n;
}
