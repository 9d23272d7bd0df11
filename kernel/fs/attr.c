/*
 * Attributes: stat, chmod, chown, truncate, utimens, access, statfs, and
 * the working/root directory (chdir, chroot, getcwd).
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fs_struct.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/task.h>
#include "internal.h"

static unsigned int at_lookup_flags(int flags)
{
	return ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
	       ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
}

int vfs_getattr(struct inode *i, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->ino = i->ino;
	st->dev = i->sb->dev;
	st->rdev = i->rdev;
	st->mode = i->mode;
	st->nlink = i->nlink;
	st->uid = i->uid;
	st->gid = i->gid;
	st->size = i->size;
	st->blksize = 4096;
	st->blocks = (uint64_t)(i->size + 511) / 512;
	st->atime = i->atime;
	st->mtime = i->mtime;
	st->ctime = i->ctime;
	st->btime = i->ctime;
	if (i->iops && i->iops->getattr)
		i->iops->getattr(i, st);
	return 0;
}

int vfs_stat_at(int dfd, const char *name, int flags, struct kstat *st)
{
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = vfs_lookup_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = vfs_getattr(p.inode, st);
	path_put(&p);
	return err;
}

/* Apply ia to p's inode after the writable-mount check. */
static int setattr_path(const struct path *p, struct iattr *ia)
{
	struct inode *i = p->inode;
	int err = vfs_mnt_want_write(p->mnt);

	if (err)
		return err;
	if (i->iops && i->iops->setattr)
		return i->iops->setattr(i, ia);
	if (ia->valid & ATTR_SIZE)
		return -EPERM;
	vfs_setattr_generic(i, ia);
	return 0;
}

int vfs_chmod(const struct path *p, mode_t mode)
{
	const struct cred *c = vfs_cred();
	struct iattr ia = { .valid = ATTR_MODE, .mode = mode & S_IALLUGO };

	if (!cred_is_root(c) && c->fsuid != p->inode->uid)
		return -EPERM;
	if (!cred_is_root(c) && !cred_in_group(c, p->inode->gid))
		ia.mode &= ~(mode_t)S_ISGID; /* as Linux: setgid dropped */
	return setattr_path(p, &ia);
}

int vfs_chown(const struct path *p, uid_t uid, gid_t gid)
{
	const struct cred *c = vfs_cred();
	struct inode *i = p->inode;
	struct iattr ia = { 0 };

	if (uid != (uid_t)-1 && uid != i->uid) {
		if (!cred_is_root(c))
			return -EPERM;
		ia.valid |= ATTR_UID;
		ia.uid = uid;
	}
	if (gid != (gid_t)-1 && gid != i->gid) {
		if (!cred_is_root(c) && (c->fsuid != i->uid || !cred_in_group(c, gid)))
			return -EPERM;
		ia.valid |= ATTR_GID;
		ia.gid = gid;
	}
	if (ia.valid && !S_ISDIR(i->mode) && (i->mode & (S_ISUID | S_ISGID))) {
		ia.valid |= ATTR_MODE; /* changing owners clears set-id bits */
		ia.mode = i->mode & ~(mode_t)(S_ISUID | S_ISGID);
	}
	if (!ia.valid && uid == (uid_t)-1 && gid == (gid_t)-1)
		return 0;
	return setattr_path(p, &ia);
}

/* The file an fchmodat/fchownat-style call names, by its *at() flags. */
static int attr_lookup_at(int dfd, const char *name, int flags, struct path *p)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return vfs_lookup_at(dfd, name, at_lookup_flags(flags), p);
}

int vfs_chmod_at(int dfd, const char *name, mode_t mode, int flags)
{
	struct path p;
	int err = attr_lookup_at(dfd, name, flags, &p);

	if (err)
		return err;
	err = S_ISLNK(p.inode->mode) ? -EOPNOTSUPP : vfs_chmod(&p, mode);
	path_put(&p);
	return err;
}

int vfs_chown_at(int dfd, const char *name, uid_t uid, gid_t gid, int flags)
{
	struct path p;
	int err = attr_lookup_at(dfd, name, flags, &p);

	if (err)
		return err;
	err = vfs_chown(&p, uid, gid);
	path_put(&p);
	return err;
}

/* Size change of a regular file the caller may write. */
static int truncate_path(const struct path *p, int64_t size)
{
	struct iattr ia = { .valid = ATTR_SIZE, .size = size };

	if (size < 0)
		return -EINVAL;
	if (S_ISDIR(p->inode->mode))
		return -EISDIR;
	if (!S_ISREG(p->inode->mode))
		return -EINVAL;
	return setattr_path(p, &ia);
}

int vfs_truncate_at(int dfd, const char *name, int64_t size)
{
	struct path p;
	int err = vfs_lookup_at(dfd, name, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = inode_permission(p.inode, W_OK);
	if (!err)
		err = truncate_path(&p, size);
	path_put(&p);
	return err;
}

int vfs_ftruncate(struct file *f, int64_t size)
{
	struct path p = { f->mnt, f->inode };

	if (!(f->f_mode & FMODE_WRITE))
		return -EINVAL; /* Linux: EINVAL (or EBADF for O_PATH) */
	if (f->f_flags & O_APPEND)
		return -EPERM;
	return truncate_path(&p, size);
}

/* Permission to set times: owner/root for explicit values, else write access. */
static int utimens_perm(struct inode *i, bool explicit)
{
	const struct cred *c = vfs_cred();

	if (cred_is_root(c) || c->fsuid == i->uid)
		return 0;
	return explicit ? -EPERM : inode_permission(i, W_OK);
}

int vfs_utimens_at(int dfd, const char *name, const struct timespec64 *times, int flags)
{
	struct timespec64 now = vfs_now();
	struct iattr ia = { .valid = ATTR_ATIME | ATTR_MTIME, .atime = now, .mtime = now };
	bool explicit = false;
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	for (int k = 0; times && k < 2; k++) {
		long ns = times[k].tv_nsec;

		if (ns == UTIME_OMIT)
			ia.valid &= k ? ~(unsigned int)ATTR_MTIME : ~(unsigned int)ATTR_ATIME;
		else if (ns != UTIME_NOW && (ns < 0 || ns > 999999999))
			return -EINVAL;
		else if (ns != UTIME_NOW) {
			explicit = true;
			*(k ? &ia.mtime : &ia.atime) = times[k];
		}
	}
	err = vfs_lookup_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = utimens_perm(p.inode, explicit);
	if (!err && ia.valid)
		err = setattr_path(&p, &ia);
	path_put(&p);
	return err;
}

int vfs_access_at(int dfd, const char *name, int mode, int flags)
{
	struct path p;
	int err;

	if ((mode & ~(R_OK | W_OK | X_OK)) ||
	    (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	err = vfs_lookup_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	if ((mode & W_OK) && !S_ISCHR(p.inode->mode) && !S_ISBLK(p.inode->mode) &&
	    !S_ISFIFO(p.inode->mode))
		err = vfs_mnt_want_write(p.mnt);
	if (!err && mode)
		err = inode_permission(p.inode, mode);
	path_put(&p);
	return err;
}

int vfs_statfs_at(int dfd, const char *name, int flags, struct kstatfs *st)
{
	struct path p;
	int err = vfs_lookup_at(dfd, name, at_lookup_flags(flags), &p);

	if (err)
		return err;
	memset(st, 0, sizeof(*st));
	st->type = p.inode->sb->magic;
	st->bsize = st->frsize = 4096;
	st->namelen = NAME_MAX;
	if (p.inode->sb->ops && p.inode->sb->ops->statfs)
		err = p.inode->sb->ops->statfs(p.inode->sb, st);
	if (p.mnt)
		st->flags = (long)(p.mnt->flags & (MS_RDONLY | MS_NOSUID | MS_NODEV |
						    MS_NOEXEC | MS_NOATIME)) | 0x0020 /* ST_VALID */;
	path_put(&p);
	return err;
}
