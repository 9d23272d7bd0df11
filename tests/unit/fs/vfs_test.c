/* VFS over tmpfs: lookups, creation, removal, rename, links, permissions. */
#include <stdio.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/vfs.h>
#include "fs_fixture.h"
#include "ktest.h"

static int write_file(const char *name, const char *text)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = vfs_write(f, text, strlen(text), NULL);
	file_put(f);
	return n < 0 ? (int)n : 0;
}

static long read_file(const char *name, char *buf, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_RDONLY, 0);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = vfs_read(f, buf, len - 1, NULL);
	file_put(f);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

KTEST(vfs, create_write_read)
{
	char buf[64];

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/a", 0755), 0);
	KT_EQ_INT(write_file("/a/f", "hello"), 0);
	KT_EQ_INT(read_file("/a/f", buf, sizeof(buf)), 5);
	KT_EQ_STR(buf, "hello");
	KT_EQ_INT(read_file("/a/./../a/f", buf, sizeof(buf)), 5);
}

KTEST(vfs, enoent_enotdir_eexist_eisdir)
{
	struct file *f;

	fs_fixture_boot();
	KT_EQ_INT(write_file("/f", "x"), 0);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/missing", O_RDONLY, 0)), -ENOENT);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/f/x", O_RDONLY, 0)), -ENOTDIR);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/f/", O_RDONLY, 0)), -ENOTDIR);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/f", O_CREAT | O_EXCL | O_WRONLY, 0)), -EEXIST);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/", O_WRONLY, 0)), -EISDIR);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/f", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "", O_RDONLY, 0)), -ENOENT);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/f", 0755), -EEXIST);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/", 0755), -EEXIST);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/no/dir", 0755), -ENOENT);
	f = vfs_open_at(AT_FDCWD, "/", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_read(f, (char[4]){0}, 4, NULL), -EISDIR);
	file_put(f);
}

KTEST(vfs, enametoolong)
{
	char name[300], path[PATH_MAX + 10];

	fs_fixture_boot();
	memset(name, 'a', 256);
	name[0] = '/';
	name[257] = '\0';
	memset(name + 1, 'a', 256);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, name, 0755), -ENAMETOOLONG);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, name, O_RDONLY, 0)), -ENAMETOOLONG);
	memset(path, '/', sizeof(path));
	path[sizeof(path) - 1] = '\0';
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, path, O_RDONLY, 0)), -ENAMETOOLONG);
}

KTEST(vfs, symlinks_and_eloop)
{
	char buf[64];

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/d", 0755), 0);
	KT_EQ_INT(write_file("/d/t", "target"), 0);
	KT_EQ_INT(vfs_symlink_at("d/t", AT_FDCWD, "/rel"), 0);
	KT_EQ_INT(vfs_symlink_at("/d", AT_FDCWD, "/abs"), 0);
	KT_EQ_INT(read_file("/rel", buf, sizeof(buf)), 6);
	KT_EQ_INT(read_file("/abs/t", buf, sizeof(buf)), 6);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/rel", buf, sizeof(buf)), 3);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/d", buf, sizeof(buf)), -EINVAL);
	KT_EQ_INT(vfs_symlink_at("/loop2", AT_FDCWD, "/loop1"), 0);
	KT_EQ_INT(vfs_symlink_at("/loop1", AT_FDCWD, "/loop2"), 0);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/loop1", O_RDONLY, 0)), -ELOOP);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/rel", O_RDONLY | O_NOFOLLOW, 0)), -ELOOP);
	KT_EQ_INT(vfs_symlink_at("", AT_FDCWD, "/empty"), -ENOENT);
}

KTEST(vfs, forty_links_ok_41_eloop)
{
	char from[16], to[16];
	struct kstat st;

	fs_fixture_boot();
	KT_EQ_INT(write_file("/l0", "x"), 0);
	for (int i = 1; i <= 41; i++) {
		snprintf(from, sizeof(from), "/l%d", i);
		snprintf(to, sizeof(to), "l%d", i - 1);
		KT_ASSERT(vfs_symlink_at(to, AT_FDCWD, from) == 0);
	}
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/l40", 0, &st), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/l41", 0, &st), -ELOOP);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/l41", AT_SYMLINK_NOFOLLOW, &st), 0);
	KT_EXPECT(S_ISLNK(st.mode));
}

KTEST(vfs, unlink_rmdir_errors)
{
	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/d", 0755), 0);
	KT_EQ_INT(write_file("/d/f", "x"), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d", 0), -EISDIR);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d", AT_REMOVEDIR), -ENOTEMPTY);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d/f", AT_REMOVEDIR), -ENOTDIR);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d/nope", 0), -ENOENT);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d/.", AT_REMOVEDIR), -EINVAL);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d", 0x1), -EINVAL);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/dev", AT_REMOVEDIR), -EBUSY);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d/f", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/d", AT_REMOVEDIR), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/d", 0755), 0);
}

KTEST(vfs, unlinked_open_file_lives)
{
	struct file *f;
	char buf[8];

	fs_fixture_boot();
	KT_EQ_INT(write_file("/f", "abc"), 0);
	f = vfs_open_at(AT_FDCWD, "/f", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/f", 0), 0);
	KT_EQ_INT(f->inode->nlink, 0);
	KT_EQ_INT(vfs_read(f, buf, sizeof(buf), NULL), 3);
	file_put(f);
}

KTEST(vfs, rename_variants)
{
	char buf[16];

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/a", 0755), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/a/b", 0755), 0);
	KT_EQ_INT(write_file("/x", "X"), 0);
	KT_EQ_INT(write_file("/y", "Y"), 0);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/x", AT_FDCWD, "/y", RENAME_NOREPLACE), -EEXIST);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/x", AT_FDCWD, "/y", RENAME_EXCHANGE), 0);
	KT_EQ_INT(read_file("/x", buf, sizeof(buf)), 1);
	KT_EQ_STR(buf, "Y");
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/x", AT_FDCWD, "/y", 0), 0);
	KT_EQ_INT(read_file("/y", buf, sizeof(buf)), 1);
	KT_EQ_STR(buf, "Y");
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/x", 0, &(struct kstat){0}), -ENOENT);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/a", AT_FDCWD, "/a/b/c", 0), -EINVAL);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/a", AT_FDCWD, "/y", 0), -ENOTDIR);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/y", AT_FDCWD, "/a", 0), -EISDIR);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/y", AT_FDCWD, "/dev/y", 0), -EXDEV);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/e", 0755), 0);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/e", AT_FDCWD, "/a", 0), -ENOTEMPTY);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/a", AT_FDCWD, "/e", 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/e/b/..", 0, &(struct kstat){0}), 0);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/nope", AT_FDCWD, "/z", 0), -ENOENT);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/y", AT_FDCWD, "/z", 3), -EINVAL);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/y", AT_FDCWD, "/nope2", RENAME_EXCHANGE), -ENOENT);
}

KTEST(vfs, hard_links_and_exdev)
{
	struct kstat st;

	fs_fixture_boot();
	KT_EQ_INT(write_file("/f", "x"), 0);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/f", AT_FDCWD, "/g", 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/g", 0, &st), 0);
	KT_EQ_INT(st.nlink, 2);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/f", AT_FDCWD, "/g", 0), -EEXIST);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/f", AT_FDCWD, "/dev/f", 0), -EXDEV);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/dev", AT_FDCWD, "/dd", 0), -EPERM);
}

KTEST(vfs, permissions_as_user)
{
	struct kstat st;

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/priv", 0700), 0);
	KT_EQ_INT(write_file("/priv/f", "x"), 0);
	KT_EQ_INT(write_file("/ro", "x"), 0);
	KT_EQ_INT(vfs_chmod_at(AT_FDCWD, "/ro", 0444, 0), 0);
	fs_fixture_become(1000, 1000);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/priv/f", 0, &st), -EACCES);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/ro", O_WRONLY, 0)), -EACCES);
	KT_EQ_INT(vfs_access_at(AT_FDCWD, "/ro", R_OK, 0), 0);
	KT_EQ_INT(vfs_access_at(AT_FDCWD, "/ro", W_OK, 0), -EACCES);
	KT_EQ_INT(vfs_chmod_at(AT_FDCWD, "/ro", 0666, 0), -EPERM);
	KT_EQ_INT(vfs_chown_at(AT_FDCWD, "/ro", 1000, -1, 0), -EPERM);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/dev/x", 0755), -EACCES);
	KT_EQ_INT(vfs_mknod_at(AT_FDCWD, "/tmpnode", S_IFCHR | 0600, MKDEV(1, 3)), -EPERM);
	fs_fixture_become(0, 0);
	KT_EQ_INT(vfs_access_at(AT_FDCWD, "/ro", W_OK, 0), 0);
	KT_EQ_INT(vfs_access_at(AT_FDCWD, "/ro", X_OK, 0), -EACCES);
}

KTEST(vfs, getcwd_chdir_chroot)
{
	char buf[64];

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/a", 0755), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/a/b", 0755), 0);
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/a/b", 0), 0);
	KT_EQ_INT(vfs_getcwd(buf, sizeof(buf)), 5);
	KT_EQ_STR(buf, "/a/b");
	KT_EQ_INT(vfs_getcwd(buf, 4), -ERANGE);
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/dev", 0), 0);
	KT_EQ_INT(vfs_getcwd(buf, sizeof(buf)), 5);
	KT_EQ_STR(buf, "/dev");
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "..", 0), 0);
	KT_EQ_INT(vfs_getcwd(buf, sizeof(buf)), 2);
	KT_EQ_STR(buf, "/");
	KT_EQ_INT(vfs_chroot("/a"), 0);
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/../../b", 0), 0);
	KT_EQ_INT(vfs_getcwd(buf, sizeof(buf)), 3);
	KT_EQ_STR(buf, "/b");
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/nope", 0), -ENOENT);
}

KTEST(vfs, truncate_and_append)
{
	struct file *f;
	char buf[32];

	fs_fixture_boot();
	KT_EQ_INT(write_file("/f", "hello world"), 0);
	KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/f", 5), 0);
	KT_EQ_INT(read_file("/f", buf, sizeof(buf)), 5);
	f = vfs_open_at(AT_FDCWD, "/f", O_WRONLY | O_APPEND, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "!!", 2, NULL), 2);
	KT_EQ_INT(vfs_ftruncate(f, 0), -EPERM);
	file_put(f);
	KT_EQ_INT(read_file("/f", buf, sizeof(buf)), 7);
	KT_EQ_STR(buf, "hello!!");
	KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/f", -1), -EINVAL);
	KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/", 0), -EISDIR);
	KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/f", 10), 0);
	KT_EQ_INT(read_file("/f", buf, sizeof(buf)), 10);
	KT_EQ_MEM(buf, "hello!!\0\0\0", 10);
}

KTEST(vfs, mount_umount_readonly)
{
	struct file *f;
	char buf[512];

	fs_fixture_boot();
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt", 0755), 0);
	KT_EQ_INT(vfs_mount("none", "/mnt", "nosuchfs", 0, NULL), -ENODEV);
	KT_EQ_INT(vfs_mount("none", "/mnt", "tmpfs", MS_RDONLY, NULL), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/x", 0755), -EROFS);
	KT_EQ_INT(vfs_mount(NULL, "/mnt", NULL, MS_REMOUNT, NULL), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/x", 0755), 0);
	vfs_mounts_text(buf, sizeof(buf));
	KT_EXPECT(strstr(buf, "none /mnt tmpfs rw,relatime 0 0\n") != NULL);
	KT_EXPECT(strstr(buf, "rootfs / tmpfs rw,relatime 0 0\n") != NULL);
	f = vfs_open_at(AT_FDCWD, "/mnt/x", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_umount("/mnt", 0), -EBUSY);
	file_put(f);
	KT_EQ_INT(vfs_umount("/mnt/x", 0), -EINVAL);
	KT_EQ_INT(vfs_umount("/", 0), -EBUSY);
	KT_EQ_INT(vfs_umount("/mnt", 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/x", 0, &(struct kstat){0}), -ENOENT);
	fs_fixture_become(1000, 1000);
	KT_EQ_INT(vfs_mount("none", "/mnt", "tmpfs", 0, NULL), -EPERM);
}

KTEST(vfs, devices)
{
	struct file *f;
	char buf[8] = "xxxxxxx";

	fs_fixture_boot();
	f = vfs_open_at(AT_FDCWD, "/dev/zero", O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_read(f, buf, 4, NULL), 4);
	KT_EQ_MEM(buf, "\0\0\0\0xxx", 8);
	file_put(f);
	f = vfs_open_at(AT_FDCWD, "/dev/full", O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, buf, 4, NULL), -ENOSPC);
	file_put(f);
	f = vfs_open_at(AT_FDCWD, "/dev/null", O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_read(f, buf, 4, NULL), 0);
	KT_EQ_INT(vfs_write(f, buf, 4, NULL), 4);
	file_put(f);
	KT_EQ_INT(vfs_mknod_at(AT_FDCWD, "/nodev", S_IFCHR | 0600, MKDEV(42, 42)), 0);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/nodev", O_RDONLY, 0)), -ENXIO);
}
