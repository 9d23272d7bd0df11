/* Filesystem context of a process: root, cwd and umask. */
#include <janux/kmalloc.h>
#include <janux/fs_struct.h>
#include <janux/task.h>
#include "internal.h"

struct fs_struct *fs_struct_alloc(void)
{
	struct fs_struct *fs;
	struct path root;

	if (vfs_root_path(&root))
		return NULL;
	fs = kzalloc(sizeof(*fs));
	if (!fs) {
		path_put(&root);
		return NULL;
	}
	fs->refs = 1;
	fs->root = root;
	fs->cwd = root;
	path_get(&fs->cwd);
	fs->umask = 022;
	return fs;
}

struct fs_struct *fs_struct_dup(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->root = old->root;
	fs->cwd = old->cwd;
	fs->umask = old->umask;
	path_get(&fs->root);
	path_get(&fs->cwd);
	return fs;
}

struct fs_struct *fs_struct_get(struct fs_struct *fs)
{
	fs->refs++;
	return fs;
}

void fs_struct_put(struct fs_struct *fs)
{
	if (!fs || --fs->refs)
		return;
	path_put(&fs->root);
	path_put(&fs->cwd);
	kfree(fs);
}

mode_t vfs_umask(void)
{
	struct task *t = current;

	return t && t->fs ? t->fs->umask : 022;
}

int vfs_get_root(struct path *out)
{
	struct task *t = current;

	if (!t || !t->fs)
		return vfs_root_path(out);
	*out = t->fs->root;
	path_get(out);
	return 0;
}

int vfs_get_cwd(struct path *out)
{
	struct task *t = current;

	if (!t || !t->fs)
		return vfs_root_path(out);
	*out = t->fs->cwd;
	path_get(out);
	return 0;
}
