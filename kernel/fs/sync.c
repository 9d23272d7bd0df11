/*
 * Writing back: sync(2), syncfs(2), fsync(2)/fdatasync(2). Filesystems on
 * block devices implement super_operations->sync_fs (and fsync on their
 * files); memory filesystems have nothing to write back.
 */
#include <janux/errno.h>
#include "internal.h"

int vfs_sync_all(void)
{
	return vfs_each_sb_sync();
}

int vfs_syncfs(struct file *f)
{
	struct super_block *sb = f->inode->sb;

	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	return sb->ops && sb->ops->sync_fs ? sb->ops->sync_fs(sb) : 0;
}

int vfs_fsync(struct file *f, bool datasync)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (f->ops && f->ops->fsync)
		return f->ops->fsync(f, datasync);
	if (!S_ISREG(f->inode->mode) && !S_ISDIR(f->inode->mode))
		return -EINVAL;
	return 0;
}
