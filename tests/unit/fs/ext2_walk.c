/*
 * ext2_walk: visit a tree through the VFS (stat, getdents, read, readlink)
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
