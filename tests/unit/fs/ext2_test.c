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
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	ext2_env_done(&e);
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
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(&e));
	ext2_env_done(&e);
}

KTEST(ext2, sparse_file_across_indirect_levels_1k) { check_sparse_write(1024); }
KTEST(ext2, sparse_file_across_indirect_levels_4k) { check_sparse_write(4096); }
