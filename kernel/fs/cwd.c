/* Working and root directories: chdir/fchdir, chroot, getcwd. */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fs_struct.h>
#include <janux/kmalloc.h>
#include <janux/task.h>
#include "internal.h"

/* Resolve a directory the caller may search. */
static int dir_for(int dfd, const char *name, int flags, struct path *out)
{
	int err = vfs_lookup_at(dfd, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY |
				((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), out);

	if (!err && (err = inode_permission(out->inode, X_OK)))
		path_put(out);
	return err;
}

static struct fs_struct *task_fs(void)
{
	struct task *t = current;

	return t ? t->fs : NULL;
}

int vfs_chdir_at(int dfd, const char *name, int flags)
{
	struct fs_struct *fs = task_fs();
	struct path p;
	int err;

	if (!fs)
		return -ESRCH;
	err = dir_for(dfd, name, flags, &p);
	if (err)
		return err;
	path_put(&fs->cwd);
	fs->cwd = p;
	return 0;
}

int vfs_chroot(const char *name)
{
	struct fs_struct *fs = task_fs();
	struct path p;
	int err;

	if (!fs)
		return -ESRCH;
	err = dir_for(AT_FDCWD, name, 0, &p);
	if (err)
		return err;
	if (vfs_cred()->euid != 0) {
		path_put(&p);
		return -EPERM;
	}
	path_put(&fs->root);
	fs->root = p;
	return 0;
}

long vfs_getcwd(char *buf, size_t len)
{
	struct path cwd, root;
	long n;

	if (vfs_get_cwd(&cwd))
		return -ENOENT;
	if (vfs_get_root(&root)) {
		path_put(&cwd);
		return -ENOENT;
	}
	n = vfs_path_name(&cwd, &root, buf, len);
	path_put(&cwd);
	path_put(&root);
	return n == -ENAMETOOLONG ? -ERANGE : n < 0 ? n : n + 1;
}
