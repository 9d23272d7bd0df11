/* open(2) and friends: resolving, creating, checking and opening files. */
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/pipe.h>
#include "internal.h"

/* The access open(2) flags ask for, as R_OK|W_OK. */
static int open_access(int flags)
{
	int acc = flags & O_ACCMODE, mask = 0;

	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= R_OK;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= W_OK;
	return mask;
}

/* The file operations an inode opens with (device numbers resolved). */
static int open_ops(const struct path *p, const struct file_operations **ops)
{
	struct inode *i = p->inode;

	*ops = i->fops;
	if (S_ISCHR(i->mode) || S_ISBLK(i->mode)) {
		if (p->mnt && (p->mnt->flags & MS_NODEV))
			return -EACCES;
		*ops = S_ISCHR(i->mode) ? chrdev_lookup(i->rdev) : blkdev_lookup(i->rdev);
		return *ops ? 0 : -ENXIO;
	}
	if (S_ISFIFO(i->mode))
		*ops = &fifo_fops;
	if (S_ISSOCK(i->mode))
		return -ENXIO; /* named sockets: not supported yet */
	return 0;
}

struct file *vfs_open_path(const struct path *p, int flags)
{
	const struct file_operations *ops = NULL;
	struct file *f;
	int err;

	if (!(flags & O_PATH)) {
		err = open_ops(p, &ops);
		if (err)
			return ERR_PTR(err);
	}
	f = vfs_file_alloc(ops, p->inode, p->mnt, (unsigned int)flags);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (ops && ops->open && (err = ops->open(p->inode, f))) {
		f->ops = NULL; /* no release for an open that failed */
		file_put(f);
		return ERR_PTR(err);
	}
	return f;
}

/* Checks between finding the inode and opening it. */
static int open_check(const struct path *p, int flags, bool created)
{
	struct inode *i = p->inode;
	int mask = open_access(flags), err;

	if (S_ISLNK(i->mode))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(i->mode))
		return -ENOTDIR;
	if (S_ISDIR(i->mode) && ((mask & W_OK) || (flags & O_CREAT)))
		return -EISDIR;
	if (created)
		return 0;
	if ((mask & W_OK) && (S_ISREG(i->mode) || S_ISDIR(i->mode)) &&
	    (err = vfs_mnt_want_write(p->mnt)))
		return err;
	err = inode_permission(i, mask);
	if (!err && (flags & O_TRUNC) && S_ISREG(i->mode)) {
		struct iattr ia = { .valid = ATTR_SIZE, .size = 0 };

		err = i->iops && i->iops->setattr ? i->iops->setattr(i, &ia) : -EPERM;
	}
	return err;
}

/* O_CREAT: find or make the last component; *created tells which. */
static int open_create(int dfd, const char *name, int flags, mode_t mode,
		       struct path *out, bool *created, struct inode **parent)
{
	struct path dir;
	const char *last;
	size_t len;
	bool slash;
	int err = vfs_walk_parent(dfd, name, &dir, &last, &len, &slash);

	*created = false;
	if (err)
		return err;
	if (!last || slash) {
		path_put(&dir);
		return -EISDIR;
	}
	err = vfs_lookup_one(&dir, last, len, out);
	if (!err && (flags & O_EXCL)) {
		path_put(out);
		err = -EEXIST;
	} else if (!err && S_ISLNK(out->inode->mode) && !(flags & O_NOFOLLOW)) {
		path_put(out);
		err = vfs_lookup_dir_at(dfd, name, LOOKUP_FOLLOW, out, parent);
	} else if (err == -ENOENT && !(err = vfs_may_modify(&dir))) {
		err = vfs_create_in(&dir, last, len, S_IFREG | (mode & ~vfs_umask() & S_IALLUGO),
				    0, &out->inode);
		if (!err) {
			out->mnt = dir.mnt ? mount_get(dir.mnt) : NULL;
			*created = true;
		}
	}
	if (!err && !*parent && !S_ISDIR(out->inode->mode))
		*parent = inode_get(dir.inode);
	path_put(&dir);
	return err;
}

struct file *vfs_open_at(int dfd, const char *name, int flags, mode_t mode)
{
	struct path p = { 0 };
	struct inode *dir = NULL;
	struct file *f;
	bool created = false;
	int err;

	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if (flags & O_CREAT)
		err = open_create(dfd, name, flags, mode, &p, &created, &dir);
	else
		err = vfs_lookup_dir_at(dfd, name, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
					&p, &dir);
	if (err)
		return ERR_PTR(err);
	if (flags & O_PATH)
		err = (flags & O_DIRECTORY) && !S_ISDIR(p.inode->mode) ? -ENOTDIR : 0;
	else
		err = open_check(&p, flags, created);
	f = err ? ERR_PTR(err) : vfs_open_path(&p, flags);
	if (!IS_ERR(f)) {
		f->dir = dir;
		dir = NULL;
	}
	if (dir)
		inode_put(dir);
	path_put(&p);
	return f;
}
