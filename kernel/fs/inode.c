/* Inodes: allocation, references, timestamps and DAC permission checks. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/task.h>
#include "internal.h"

static const struct cred root_cred; /* all ids 0: the kernel's own identity */

const struct cred *vfs_cred(void)
{
	struct task *t = current;

	return t && t->cred ? t->cred : &root_cred;
}

struct timespec64 vfs_now(void)
{
	int64_t ns = arch_clock_boot_realtime_ns() + (int64_t)arch_clock_monotonic_ns();
	struct timespec64 ts = { ns / 1000000000, (long)(ns % 1000000000) };

	return ts;
}

struct inode *inode_alloc(struct super_block *sb, mode_t mode)
{
	struct inode *i = kzalloc(sizeof(*i));
	const struct cred *c = vfs_cred();

	if (!i)
		return NULL;
	i->refs = 1;
	i->sb = sb;
	i->ino = ++sb->next_ino;
	i->mode = mode;
	i->uid = c->fsuid;
	i->gid = c->fsgid;
	i->atime = i->mtime = i->ctime = vfs_now();
	return i;
}

struct inode *inode_get(struct inode *i)
{
	i->refs++;
	return i;
}

void inode_put(struct inode *i)
{
	if (!i)
		return;
	BUG_ON(i->refs == 0);
	if (--i->refs)
		return;
	if (i->sb->ops && i->sb->ops->evict)
		i->sb->ops->evict(i);
	else
		kfree(i);
}

void vfs_setattr_generic(struct inode *i, const struct iattr *ia)
{
	if (ia->valid & ATTR_MODE)
		i->mode = (i->mode & S_IFMT) | (ia->mode & S_IALLUGO);
	if (ia->valid & ATTR_UID)
		i->uid = ia->uid;
	if (ia->valid & ATTR_GID)
		i->gid = ia->gid;
	if (ia->valid & ATTR_ATIME)
		i->atime = ia->atime;
	if (ia->valid & ATTR_MTIME)
		i->mtime = ia->mtime;
	i->ctime = vfs_now();
}

/*
 * Owner, group or other bits as Linux's generic_permission; the superuser
 * may read and write anything and execute what has any x bit (or search
 * any directory).
 */
int inode_permission(struct inode *i, int mask)
{
	const struct cred *c = vfs_cred();
	mode_t m = i->mode, bits;

	mask &= R_OK | W_OK | X_OK;
	if (cred_is_root(c)) {
		if (!(mask & X_OK) || S_ISDIR(m) || (m & 0111))
			return 0;
		return -EACCES;
	}
	if (c->fsuid == i->uid)
		bits = (m >> 6) & 7;
	else if (cred_in_group(c, i->gid))
		bits = (m >> 3) & 7;
	else
		bits = m & 7;
	return (bits & (mode_t)mask) == (mode_t)mask ? 0 : -EACCES;
}
