/*
 * ext2 on a file-backed /dev/vda: reading images made by mke2fs -d,
 * writing (files, sparse files across every indirect level, directories,
 * links, symlinks, truncate, attributes), each writing test ending with a
 * clean e2fsck -fn and a debugfs read-back. 1 KiB and 4 KiB blocks.
 */
#include <stdio.h>
#include <string.h>

#include <janux/bcache.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/vfs.h>
#include "blkdev_file.h"
#include "ext2_fixture.h"
#include "host_file.h"
#include "ktest.h"

#define POPULATE \
	"echo hello > hello.txt && mkdir -p d/e && printf nested > d/e/f && " \
	"ln -s hello.txt short && ln -s $(printf 'x%.0s' $(seq 100))/target long && " \
	"ln hello.txt hard && chmod 640 hello.txt && chown 12:34 d/e/f && " \
	"truncate -s 3000000 sparse && printf X | dd of=sparse bs=1 seek=2000000 conv=notrunc 2>/dev/null && " \
	"for i in $(seq 40); do echo $i > d/file-with-a-longish-name-$i; done"

static ssize_t pio(const char *path, bool write, void *buf, size_t len, loff_t off)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, write ? O_WRONLY | O_CREAT : O_RDONLY, 0644);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = write ? vfs_write(f, buf, len, &off) : vfs_read(f, buf, len, &off);
	file_put(f);
	return n;
}

static ssize_t put(const char *path, const char *s, loff_t off)
{
	return pio(path, true, (void *)s, strlen(s), off);
}

/* The file's first bytes as a string ("" on error). */
static const char *get(const char *path)
{
	static char buf[256];
	ssize_t n = pio(path, false, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static long count_entries(const char *path)
{
	long errors = 0, n = ext2_walk(path, 2, &errors);

	return errors ? -errors : n - 1;
}

static void check_read_image(unsigned int bsize)
{
	struct ext2_env e;
	struct kstat st;
	char buf[256];
	ssize_t n;

	ext2_env_make(&e, bsize, 8192, POPULATE);
	KT_ASSERT(ext2_env_mount(&e, MS_RDONLY) == 0);
	KT_EQ_STR(get("/mnt/hello.txt"), "hello\n");
	KT_EQ_STR(get("/mnt/d/e/f"), "nested");
	KT_EQ_STR(get("/mnt/d/file-with-a-longish-name-37"), "37\n");
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/hard", 0, &st), 0);
	KT_EQ_INT(st.nlink, 2);
	KT_EQ_INT(st.mode, S_IFREG | 0640);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/d/e/f", 0, &st), 0);
	KT_EQ_INT(st.uid, 12);
	KT_EQ_INT(st.gid, 34);
	n = vfs_readlink_at(AT_FDCWD, "/mnt/short", buf, sizeof(buf));
	KT_EQ_INT(n, 9);
	KT_EXPECT(n == 9 && !memcmp(buf, "hello.txt", 9));
	n = vfs_readlink_at(AT_FDCWD, "/mnt/long", buf, sizeof(buf));
	KT_EQ_INT(n, 107);
	KT_EXPECT(n == 107 && !memcmp(buf + 100, "/target", 7));
	KT_EQ_STR(get("/mnt/short"), "hello\n"); /* followed */
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/sparse", 0, &st), 0);
	KT_EQ_INT(st.size, 3000000);
	KT_EXPECT(st.blocks > 0 && st.blocks <= 8 * bsize / 512); /* holes take no room */
	KT_EQ_INT(pio("/mnt/sparse", false, buf, 4, 1999999), 4);
	KT_EXPECT(!memcmp(buf, "\0X\0\0", 4));
	KT_EQ_INT(count_entries("/mnt/d"), 41);
	KT_EQ_INT(put("/mnt/new", "x", 0), -EROFS);
	{
		const char *mi = strstr(get("/proc/meminfo"), "Buffers:");
		unsigned long kb = 0;

		KT_EXPECT(mi && sscanf(mi, "Buffers: %lu kB", &kb) == 1 && kb > 0);
	}
	ext2_env_finish(&e);
}

KTEST(ext2, read_mke2fs_image_1k) { check_read_image(1024); }
KTEST(ext2, read_mke2fs_image_4k) { check_read_image(4096); }

/* Logical blocks at the edges of each mapping level for this block size. */
static void level_edges(unsigned int bsize, uint64_t out[6])
{
	uint64_t p = bsize / 4;

	out[0] = 11;                     /* last direct */
	out[1] = 12;                     /* first single indirect */
	out[2] = 12 + p - 1;             /* last single indirect */
	out[3] = 12 + p;                 /* first double indirect */
	out[4] = 12 + p + p * p - 1;     /* last double indirect */
	out[5] = 12 + p + p * p;         /* first triple indirect */
}

static void check_sparse_write(unsigned int bsize)
{
	struct ext2_env e;
	struct kstatfs before, after;
	uint64_t edge[6];
	char out[128], req[128];

	ext2_env_make(&e, bsize, 8192, "true");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &before), 0);
	level_edges(bsize, edge);
	for (int k = 0; k < 6; k++) {
		char tag[16];

		snprintf(tag, sizeof(tag), "blk%d", k);
		KT_EQ_INT(put("/mnt/big", tag, (loff_t)(edge[k] * bsize + 7)), strlen(tag));
	}
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &after), 0);
	/* 6 data blocks; 1 single; double + 2 singles; triple + double + single */
	KT_EQ_INT(before.bfree - after.bfree, 6 + 1 + 3 + 3);
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	for (int k = 0; k < 6; k++) { /* debugfs finds each block where we put it */
		uint64_t blk = ext2_env_bmap(&e, "/big", (unsigned int)edge[k]);
		int fd = host_file_open(e.img, true);

		KT_ASSERT(fd >= 0 && blk > 0);
		memset(out, 0, sizeof(out));
		KT_EQ_INT(host_file_pio(fd, false, blk * bsize + 7, out, 4), 0);
		host_file_close(fd);
		snprintf(req, sizeof(req), "blk%d", k);
		KT_EQ_STR(out, req);
	}
	/* Truncate down level by level: every block comes back. */
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	for (int k = 5; k >= 0; k--) {
		KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/mnt/big", (int64_t)(edge[k] * bsize + 3)), 0);
		KT_EQ_INT(pio("/mnt/big", false, out, 8, (loff_t)(edge[k] * bsize)), 3);
	}
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/big", 0), 0);
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &after), 0);
	KT_EQ_INT(after.bfree, before.bfree);
	KT_EQ_INT(after.ffree, before.ffree);
	ext2_env_finish(&e);
}

KTEST(ext2, sparse_file_across_indirect_levels_1k) { check_sparse_write(1024); }
KTEST(ext2, sparse_file_across_indirect_levels_4k) { check_sparse_write(4096); }

/* Names with a numeric suffix, long enough that a directory needs blocks. */
static void nth_name(char *buf, size_t len, const char *dir, int k)
{
	snprintf(buf, len, "%s/an-entry-name-long-enough-to-fill-blocks-%03d", dir, k);
}

static void check_directories(unsigned int bsize)
{
	struct ext2_env e;
	struct kstat st;
	static char out[65536];
	char name[128];

	ext2_env_make(&e, bsize, 4096, "mkdir -p old/sub && echo a > old/sub/a && echo v > victim");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/many", 0750), 0);
	for (int k = 0; k < 200; k++) {
		nth_name(name, sizeof(name), "/mnt/many", k);
		KT_ASSERT(put(name, "data", 0) == 4);
	}
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/many", 0, &st), 0);
	KT_EXPECT(st.size > (int64_t)bsize); /* grew past one block */
	for (int k = 0; k < 200; k += 2) {
		nth_name(name, sizeof(name), "/mnt/many", k);
		KT_ASSERT(vfs_unlink_at(AT_FDCWD, name, 0) == 0);
	}
	KT_EQ_INT(count_entries("/mnt/many"), 100);
	nth_name(name, sizeof(name), "/mnt/many", 1);
	KT_EQ_STR(get(name), "data");
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/new", 0755), 0);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/old/sub", AT_FDCWD, "/mnt/new/moved", 0), 0);
	KT_EQ_STR(get("/mnt/new/moved/a"), "a\n");
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/new/moved/..", 0, &st), 0);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/new/moved/a", AT_FDCWD, "/mnt/victim", 0), 0);
	KT_EQ_STR(get("/mnt/victim"), "a\n");
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/new", AT_REMOVEDIR), -ENOTEMPTY);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/new/moved", AT_REMOVEDIR), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/old", AT_REMOVEDIR), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt", 0, &st), 0);
	KT_EQ_INT(st.nlink, 5); /* ., .., lost+found, many, new */
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /victim"), 0);
	KT_EQ_STR(out, "a\n");
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "ls -l /many"), 0);
	KT_EXPECT(strstr(out, "fill-blocks-199") && !strstr(out, "fill-blocks-198"));
}

KTEST(ext2, directories_rename_rmdir_1k) { check_directories(1024); }
KTEST(ext2, directories_rename_rmdir_4k) { check_directories(4096); }

static void check_links_and_attrs(unsigned int bsize)
{
	struct ext2_env e;
	struct kstat st;
	struct timespec64 times[2] = { { 1000000000, 0 }, { 1234567890, 0 } };
	char buf[300], out[8192], longt[200];

	memset(longt, 'y', sizeof(longt) - 1);
	longt[sizeof(longt) - 1] = '\0';
	ext2_env_make(&e, bsize, 2048, "echo data > f");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/mnt/f", AT_FDCWD, "/mnt/g", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/f", 0), 0);
	KT_EQ_STR(get("/mnt/g"), "data\n");
	KT_EQ_INT(vfs_symlink_at("g", AT_FDCWD, "/mnt/fast"), 0);
	KT_EQ_INT(vfs_symlink_at(longt, AT_FDCWD, "/mnt/slow"), 0);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/mnt/slow", buf, sizeof(buf)), 199);
	KT_EQ_STR(get("/mnt/fast"), "data\n");
	KT_EQ_INT(vfs_chmod_at(AT_FDCWD, "/mnt/g", 04751, 0), 0);
	KT_EQ_INT(vfs_chown_at(AT_FDCWD, "/mnt/g", 70000, 1001, 0), 0); /* 32-bit uid */
	KT_EQ_INT(vfs_utimens_at(AT_FDCWD, "/mnt/g", times, 0), 0);
	KT_EQ_INT(vfs_mknod_at(AT_FDCWD, "/mnt/dev", S_IFCHR | 0600, MKDEV(300, 70000)), 0);
	KT_EQ_INT(vfs_mknod_at(AT_FDCWD, "/mnt/fifo", S_IFIFO | 0600, 0), 0);
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "stat /slow"), 0);
	KT_EXPECT(strstr(out, "Type: symlink") != NULL);
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/g", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFREG | 0751); /* chown dropped set-uid */
	KT_EQ_INT(st.uid, 70000);
	KT_EQ_INT(st.gid, 1001);
	KT_EQ_INT(st.nlink, 1);
	KT_EQ_INT(st.mtime.tv_sec, 1234567890);
	KT_EQ_INT(st.atime.tv_sec, 1000000000);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/dev", 0, &st), 0);
	KT_EQ_INT(st.rdev, MKDEV(300, 70000));
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/mnt/slow", buf, sizeof(buf)), 199);
	KT_EXPECT(!memcmp(buf, longt, 199));
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/mnt/fast", buf, sizeof(buf)), 1);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/slow", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/dev", 0), 0);
	ext2_env_finish(&e);
}

KTEST(ext2, links_symlinks_attributes_1k) { check_links_and_attrs(1024); }
KTEST(ext2, links_symlinks_attributes_4k) { check_links_and_attrs(4096); }

KTEST(ext2, open_unlinked_file_lives_until_closed)
{
	struct ext2_env e;
	struct kstatfs before, after;
	struct file *f;
	char buf[8];
	loff_t off = 0;

	ext2_env_make(&e, 1024, 2048, "true");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &before), 0);
	f = vfs_open_at(AT_FDCWD, "/mnt/tmp", O_RDWR | O_CREAT, 0600);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "12345", 5, &off), 5);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/tmp", 0), 0);
	off = 0;
	KT_EQ_INT(vfs_read(f, buf, 8, &off), 5);
	file_put(f);
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &after), 0);
	KT_EQ_INT(after.bfree, before.bfree);
	KT_EQ_INT(after.ffree, before.ffree);
	ext2_env_finish(&e);
}

KTEST(ext2, sync_writes_back_in_order_then_flushes)
{
	struct ext2_env e;
	struct blkdev_file_stats *st;
	char out[64];

	ext2_env_make(&e, 1024, 2048, "true");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	st = blkdev_file_stats(e.bd);
	for (int k = 0; k < 20; k++) {
		char name[32];

		snprintf(name, sizeof(name), "/mnt/f%d", k);
		KT_ASSERT(put(name, "synced", 0) == 6);
	}
	st->writes = st->flushes = 0;
	KT_EQ_INT(vfs_sync_all(), 0);
	KT_EXPECT(st->writes > 0 && st->writes < 20); /* 20 files' blocks, merged runs */
	KT_EXPECT(st->writes_in_order);
	KT_EQ_INT(st->flushes, 1);
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /f19"), 0);
	KT_EQ_STR(out, "synced"); /* on the image while still mounted */
	KT_EXPECT(ext2_env_fsck_clean(&e)); /* a power cut now loses nothing */
	st->writes = 0;
	KT_EQ_INT(vfs_sync_all(), 0);
	KT_EQ_INT(st->writes, 1); /* only the superblock's write time */
	ext2_env_finish(&e);
}

KTEST(ext2, read_only_mount_writes_nothing)
{
	struct ext2_env e;
	struct blkdev_file_stats *st;

	ext2_env_make(&e, 4096, 2048, "echo a > f && mkdir d");
	KT_ASSERT(ext2_env_mount(&e, MS_RDONLY) == 0);
	st = blkdev_file_stats(e.bd);
	KT_EQ_STR(get("/mnt/f"), "a\n");
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/x", 0755), -EROFS);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/f", 0), -EROFS);
	KT_EQ_INT(vfs_sync_all(), 0);
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EQ_INT(st->writes, 0);
}

KTEST(ext2, disk_full_gives_enospc_and_stays_consistent)
{
	struct ext2_env e;
	static char chunk[65536];
	ssize_t n = 0;
	struct file *f;
	loff_t off = 0;

	memset(chunk, 'z', sizeof(chunk));
	ext2_env_make(&e, 1024, 1024, "true");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	f = vfs_open_at(AT_FDCWD, "/mnt/fill", O_WRONLY | O_CREAT, 0644);
	KT_ASSERT(!IS_ERR(f));
	while ((n = vfs_write(f, chunk, sizeof(chunk), &off)) > 0)
		;
	file_put(f);
	KT_EQ_INT(n, -ENOSPC);
	KT_EXPECT(off > 512 * 1024);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/d", 0755), -ENOSPC);
	ext2_env_finish(&e);
}

KTEST(ext2, fsync_fdatasync_syncfs_osync_remount_reach_the_disk)
{
	struct ext2_env e;
	struct blkdev_file_stats *st;
	struct file *f;
	char out[64];
	loff_t off = 0;

	ext2_env_make(&e, 4096, 2048, "true");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	st = blkdev_file_stats(e.bd);
	f = vfs_open_at(AT_FDCWD, "/mnt/log", O_WRONLY | O_CREAT, 0644);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "one", 3, &off), 3);
	st->flushes = 0;
	KT_EQ_INT(vfs_fsync(f, false), 0);
	KT_EQ_INT(st->flushes, 1);
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /log"), 0);
	KT_EQ_STR(out, "one");
	KT_EQ_INT(vfs_write(f, "two", 3, &off), 3);
	KT_EQ_INT(vfs_fsync(f, true), 0);
	KT_EQ_INT(st->flushes, 2);
	KT_EQ_INT(vfs_write(f, "six", 3, &off), 3);
	KT_EQ_INT(vfs_syncfs(f), 0);
	KT_EQ_INT(st->flushes, 3);
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /log"), 0);
	KT_EQ_STR(out, "onetwosix");
	KT_EQ_INT(vfs_write(f, "ten", 3, &off), 3);
	file_put(f);
	f = vfs_open_at(AT_FDCWD, "/mnt/log", O_WRONLY | O_APPEND | O_SYNC, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "!", 1, NULL), 1);
	file_put(f);
	KT_EQ_INT(st->flushes, 4); /* O_SYNC: on the disk when write returns */
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /log"), 0);
	KT_EQ_STR(out, "onetwosixten!");
	KT_EQ_INT(vfs_mount(NULL, "/mnt", NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	KT_EQ_INT(st->flushes, 5); /* going read-only wrote it back */
	KT_EQ_INT(put("/mnt/log", "x", 0), -EROFS);
	ext2_env_finish(&e);
}

/* A directory e2fsck -D turned into a hashed (htree) index: read as the
 * linear directory it also is; a change clears the index flag. */
KTEST(ext2, hashed_directory_read_and_changed_linearly)
{
	struct ext2_env e;
	char name[128], out[4096];

	ext2_env_make(&e, 1024, 4096,
		      "mkdir big && for i in $(seq 300); do : > big/an-entry-name-long-enough-to-fill-blocks-$(printf %03d $i); done");
	KT_ASSERT(host_run("e2fsck -fyD %s >/dev/null 2>&1; true", e.img) == 0);
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "stat /big"), 0);
	KT_ASSERT(strstr(out, "Flags: 0x1000") != NULL); /* indexed now */
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(count_entries("/mnt/big"), 300);
	nth_name(name, sizeof(name), "/mnt/big", 123);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, name, 0), 0);
	KT_EQ_INT(put("/mnt/big/added", "a", 0), 1);
	KT_EQ_INT(count_entries("/mnt/big"), 300);
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "stat /big"), 0);
	KT_EXPECT(strstr(out, "Flags: 0x0") != NULL);
}

KTEST(ext2, remount_read_write_after_a_read_only_mount)
{
	struct ext2_env e;
	char out[64];

	ext2_env_make(&e, 1024, 2048, "echo a > f");
	KT_ASSERT(ext2_env_mount(&e, MS_RDONLY) == 0);
	KT_EQ_INT(put("/mnt/g", "b", 0), -EROFS);
	KT_EQ_INT(vfs_mount(NULL, "/mnt", NULL, MS_REMOUNT, NULL), 0); /* as init does for / */
	KT_EQ_INT(put("/mnt/g", "b", 0), 1);
	ext2_env_finish(&e);
	KT_EQ_INT(ext2_env_debugfs(&e, out, sizeof(out), "cat /g"), 0);
	KT_EQ_STR(out, "b");
}
