/*
 * ext2_walk and ext2_scribble: visit and change a tree through the VFS
 * without trusting it; shared by the ext2 unit tests and the fuzz harness.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/vfs.h>
#include "ext2_fixture.h"

#define WALK_BUF 4096
#define WALK_MAX_READ (1 << 20) /* read at most this much of a file */

static void walk_file(const char *path, char *buf, long *errors)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_RDONLY, 0);
	long total = 0;
	ssize_t n = 1;

	if (IS_ERR(f)) {
		++*errors;
		return;
	}
	while (n > 0 && total < WALK_MAX_READ) {
		n = vfs_read(f, buf, WALK_BUF, NULL);
		total += n > 0 ? n : 0;
	}
	if (n < 0)
		++*errors;
	file_put(f);
}

/* Each name of directory `path` (not . or ..), visited in turn. */
static long walk_dir(const char *path, int depth, char *buf, long *errors)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_RDONLY | O_DIRECTORY, 0);
	long visited = 0, n;

	if (IS_ERR(f)) {
		++*errors;
		return 0;
	}
	while ((n = vfs_getdents64(f, buf, WALK_BUF)) > 0) {
		for (long off = 0; off < n;) {
			uint16_t reclen;
			const char *name = buf + off + 19;
			char *child;

			memcpy(&reclen, buf + off + 16, 2);
			off += reclen;
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			child = kmalloc(PATH_MAX);
			if (!child)
				break;
			snprintf(child, PATH_MAX, "%s/%s", path, name);
			visited += ext2_walk(child, depth - 1, errors);
			kfree(child);
		}
	}
	if (n < 0)
		++*errors;
	file_put(f);
	return visited;
}

long ext2_walk(const char *path, int depth, long *errors)
{
	struct kstat st;
	char *buf;
	long visited = 1;

	if (depth <= 0 || strlen(path) > PATH_MAX / 2)
		return 0;
	if (vfs_stat_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st)) {
		++*errors;
		return 1;
	}
	buf = kmalloc(WALK_BUF);
	if (!buf)
		return 1;
	if (S_ISDIR(st.mode))
		visited += walk_dir(path, depth, buf, errors);
	else if (S_ISREG(st.mode))
		walk_file(path, buf, errors);
	else if (S_ISLNK(st.mode) && vfs_readlink_at(AT_FDCWD, path, buf, WALK_BUF) < 0)
		++*errors;
	kfree(buf);
	return visited;
}

/* root + "/" + rel into a static buffer (one live result per slot). */
static const char *at(int slot, const char *root, const char *rel)
{
	static char bufs[2][256];

	snprintf(bufs[slot], sizeof(bufs[slot]), "%s/%s", root, rel);
	return bufs[slot];
}

void ext2_scribble(const char *root)
{
	struct file *f = vfs_open_at(AT_FDCWD, at(0, root, "d/new"), O_RDWR | O_CREAT, 0644);
	loff_t off = 70000;

	if (!IS_ERR(f)) {
		vfs_write(f, "0123456789", 10, NULL);
		vfs_write(f, "far", 3, &off);
		file_put(f);
	}
	vfs_mkdir_at(AT_FDCWD, at(0, root, "d/e/sub"), 0755);
	vfs_rename_at(AT_FDCWD, at(0, root, "d/n1"), AT_FDCWD, at(1, root, "d/e/n1"), 0);
	vfs_rename_at(AT_FDCWD, at(0, root, "d/e"), AT_FDCWD, at(1, root, "e2"), 0);
	vfs_symlink_at("a-target-long-enough-to-need-its-own-block-on-disk-0123456789",
		       AT_FDCWD, at(0, root, "sl"));
	vfs_link_at(AT_FDCWD, at(0, root, "f"), AT_FDCWD, at(1, root, "f2"), 0);
	vfs_chmod_at(AT_FDCWD, at(0, root, "f"), 0600, 0);
	vfs_unlink_at(AT_FDCWD, at(0, root, "d/n2"), 0);
	vfs_unlink_at(AT_FDCWD, at(0, root, "e2/sub"), AT_REMOVEDIR);
	vfs_truncate_at(AT_FDCWD, at(0, root, "f"), 100000);
	vfs_truncate_at(AT_FDCWD, at(0, root, "d/new"), 5);
	vfs_sync_all();
}
