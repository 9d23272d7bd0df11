/*
 * ext2 on corrupted images: a bad superblock or group descriptor is
 * refused at mount; bad directory records, inode numbers, block numbers,
 * directory loops and device errors give -EIO (or are walked safely),
 * never a crash; and a few hundred seeded random corruptions are mounted,
 * walked and written to under ASan/UBSan.
 */
#include <stdio.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/vfs.h>
#include "blkdev_file.h"
#include "ext2_fixture.h"
#include "host_file.h"
#include "ktest.h"

#define SB 1024
#define TREE "mkdir -p d/e && echo hi > d/e/f && echo top > f && for i in 1 2 3; do echo $i > d/n$i; done"

static void put32(struct ext2_env *e, uint64_t off, uint32_t v)
{
	ext2_env_patch(e, off, &v, 4);
}

static void put16(struct ext2_env *e, uint64_t off, uint16_t v)
{
	ext2_env_patch(e, off, &v, 2);
}

static int mount_patched(uint64_t off, uint32_t v, int width, unsigned long flags)
{
	struct ext2_env e;
	int r;

	ext2_env_make(&e, 1024, 1024, TREE);
	if (width == 2)
		put16(&e, off, (uint16_t)v);
	else
		put32(&e, off, v);
	r = ext2_env_mount(&e, flags);
	if (!r)
		ext2_env_umount();
	return r;
}

KTEST(ext2_corrupt, bad_magic_refused) { KT_EQ_INT(mount_patched(SB + 56, 0x1234, 2, 0), -EINVAL); }
KTEST(ext2_corrupt, huge_block_size_refused) { KT_EQ_INT(mount_patched(SB + 24, 40, 4, 0), -EINVAL); }
KTEST(ext2_corrupt, zero_inode_count_refused) { KT_EQ_INT(mount_patched(SB + 0, 0, 4, 0), -EINVAL); }
KTEST(ext2_corrupt, zero_blocks_per_group_refused) { KT_EQ_INT(mount_patched(SB + 32, 0, 4, 0), -EINVAL); }
KTEST(ext2_corrupt, blocks_past_device_refused) { KT_EQ_INT(mount_patched(SB + 4, 1u << 30, 4, 0), -EINVAL); }
KTEST(ext2_corrupt, unknown_incompat_feature_refused)
{
	KT_EQ_INT(mount_patched(SB + 96, 0x2 | 0x40, 4, MS_RDONLY), -EINVAL);
}
KTEST(ext2_corrupt, unknown_ro_compat_feature_refuses_rw)
{
	KT_EQ_INT(mount_patched(SB + 100, 0x3 | 0x400, 4, 0), -EROFS);
}
KTEST(ext2_corrupt, unknown_ro_compat_feature_mounts_ro_only)
{
	struct ext2_env e;

	ext2_env_make(&e, 1024, 1024, TREE);
	put32(&e, SB + 100, 0x3 | 0x400);
	KT_ASSERT(ext2_env_mount(&e, MS_RDONLY) == 0);
	KT_EQ_INT(vfs_mount(NULL, "/mnt", NULL, MS_REMOUNT, NULL), -EROFS);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/x", 0755), -EROFS);
	KT_EQ_INT(ext2_env_umount(), 0);
}
/* Group 0's descriptor in block 2 (1 KiB blocks): inode table far away. */
KTEST(ext2_corrupt, group_descriptor_out_of_range_refused)
{
	KT_EQ_INT(mount_patched(2 * 1024 + 8, 0xfffffff0, 4, 0), -EINVAL);
}
KTEST(ext2_corrupt, entry_naming_the_root_gives_eio)
{
	struct ext2_env e;
	struct kstat st;

	ext2_env_make(&e, 1024, 1024, TREE);
	ext2_env_debugfs_write(&e, "ln <2> /d/up");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/d/up", 0, &st), -EIO);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/d/up", AT_FDCWD, "/mnt/d/e/up", 0), -EIO);
	KT_EQ_INT(ext2_env_umount(), 0);
}

KTEST(ext2_corrupt, root_inode_freed_refused)
{
	struct ext2_env e;

	ext2_env_make(&e, 1024, 1024, TREE);
	ext2_env_debugfs_write(&e, "sif <2> links_count 0");
	KT_EQ_INT(ext2_env_mount(&e, 0), -EIO);
}

/* Mount an image whose directory /d had its first record patched at `at`
 * (relative to the record) with v; return what stat of /mnt/d/n1 gives and
 * walk the tree (it must not crash). */
static int dir_record_patched(unsigned int at, uint32_t v, int width)
{
	struct ext2_env e;
	struct kstat st;
	long errors = 0;
	int r;

	ext2_env_make(&e, 1024, 1024, TREE);
	if (width == 2)
		put16(&e, ext2_env_bmap(&e, "/d", 0) * 1024 + at, (uint16_t)v);
	else
		put32(&e, ext2_env_bmap(&e, "/d", 0) * 1024 + at, v);
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	r = vfs_stat_at(AT_FDCWD, "/mnt/d/n1", 0, &st);
	KT_EXPECT(ext2_walk("/mnt", 8, &errors) > 2);
	KT_EXPECT(errors > 0);
	KT_EQ_INT(vfs_symlink_at("x", AT_FDCWD, "/mnt/d/new"), r == -EIO ? -EIO : 0);
	KT_EQ_INT(ext2_env_umount(), 0);
	return r;
}

KTEST(ext2_corrupt, dir_rec_len_zero_gives_eio) { KT_EQ_INT(dir_record_patched(4, 0, 2), -EIO); }
KTEST(ext2_corrupt, dir_rec_len_past_block_gives_eio) { KT_EQ_INT(dir_record_patched(4, 2000, 2), -EIO); }
KTEST(ext2_corrupt, dir_rec_len_unaligned_gives_eio) { KT_EQ_INT(dir_record_patched(4, 13, 2), -EIO); }
KTEST(ext2_corrupt, dir_name_len_past_record_gives_eio) { KT_EQ_INT(dir_record_patched(6, 200, 1), -EIO); }
KTEST(ext2_corrupt, dir_inode_number_past_end_gives_eio)
{
	struct ext2_env e;
	struct kstat st;

	ext2_env_make(&e, 1024, 1024, "mkdir x && echo > x/only && echo > f");
	put32(&e, ext2_env_bmap(&e, "/x", 0) * 1024 + 24, 99999); /* the third record */
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/x/only", 0, &st), -EIO);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/f", 0, &st), 0);
	KT_EQ_INT(ext2_env_umount(), 0);
}

KTEST(ext2_corrupt, block_number_past_end_gives_eio)
{
	struct ext2_env e;
	char buf[16];
	struct file *f;

	ext2_env_make(&e, 1024, 1024, TREE);
	ext2_env_debugfs_write(&e, "sif /f block[0] 16777215");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	f = vfs_open_at(AT_FDCWD, "/mnt/f", O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_read(f, buf, sizeof(buf), NULL), -EIO);
	KT_EQ_INT(vfs_write(f, "x", 1, NULL), -EIO);
	file_put(f);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/f", 0), 0); /* frees what it can */
	KT_EQ_INT(ext2_env_umount(), 0);
}

KTEST(ext2_corrupt, directory_loop_gives_eio)
{
	struct ext2_env e;
	struct kstat st;
	long errors = 0;

	ext2_env_make(&e, 1024, 1024, TREE);
	ext2_env_debugfs_write(&e, "ln /d /d/e/loop");
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EXPECT(ext2_walk("/mnt", 12, &errors) > 4);
	KT_EQ_INT(errors, 1); /* d/e/loop names an ancestor: -EIO, not a cycle */
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/d/e/loop", 0, &st), -EIO);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/d/e/f", AT_FDCWD, "/mnt/d/e/loop/x", 0), -EIO);
	KT_EQ_INT(ext2_env_umount(), 0);
}

KTEST(ext2_corrupt, device_read_error_gives_eio)
{
	struct ext2_env e;
	char buf[16];
	struct file *f;

	ext2_env_make(&e, 1024, 1024, TREE);
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	blkdev_file_stats(e.bd)->fail_from = ext2_env_bmap(&e, "/f", 0) * 2;
	f = vfs_open_at(AT_FDCWD, "/mnt/f", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_read(f, buf, sizeof(buf), NULL), -EIO);
	file_put(f);
	blkdev_file_stats(e.bd)->fail_from = UINT64_MAX;
	KT_EQ_INT(ext2_env_umount(), 0);
}

/* A tiny deterministic generator (the test must not depend on libc's). */
static uint32_t next_rand(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

KTEST(ext2_corrupt, random_metadata_corruptions_never_crash)
{
	struct ext2_env e;
	enum { META = 64 * 1024, ROUNDS = 150 };
	uint8_t *orig = kmalloc(META), *img = kmalloc(META);
	uint32_t seed = 12345;
	int fd, mounted = 0;

	KT_ASSERT(orig && img);
	ext2_env_make(&e, 1024, 1024, TREE);
	fd = host_file_open(e.img, false);
	KT_ASSERT(fd >= 0 && host_file_pio(fd, false, 0, orig, META) == 0);
	for (int round = 0; round < ROUNDS; round++) {
		long errors = 0;

		memcpy(img, orig, META);
		for (int k = 1 + (int)(next_rand(&seed) % 8); k > 0; k--)
			img[1024 + next_rand(&seed) % (META - 1024)] ^= (uint8_t)(1u << (next_rand(&seed) % 8));
		KT_ASSERT(host_file_pio(fd, true, 0, img, META) == 0);
		if (ext2_env_mount(&e, 0))
			continue;
		mounted++;
		ext2_walk("/mnt", 8, &errors);
		ext2_scribble("/mnt");
		ext2_walk("/mnt", 8, &errors);
		KT_EQ_INT(ext2_env_umount(), 0);
	}
	host_file_close(fd);
	KT_EXPECT(mounted > ROUNDS / 2); /* most flips land in data the mount accepts */
}

/* Other members of the family: an ext4 image (extents, 64bit, flex_bg...)
 * is refused; a clean ext3 one mounts as ext2 and stays consistent. */
KTEST(ext2_corrupt, ext4_image_refused)
{
	struct ext2_env e;

	ext2_env_make(&e, 4096, 4096, "echo a > f");
	KT_ASSERT(host_run("mke2fs -q -F -t ext4 %s 4096k >/dev/null", e.img) == 0);
	KT_EQ_INT(ext2_env_mount(&e, MS_RDONLY), -EINVAL);
}

KTEST(ext2_corrupt, clean_ext3_image_mounts_and_stays_consistent)
{
	struct ext2_env e;

	ext2_env_make(&e, 1024, 4096, "true");
	KT_ASSERT(host_run("mke2fs -q -F -t ext3 -b 1024 %s 4096k >/dev/null", e.img) == 0);
	KT_ASSERT(ext2_env_mount(&e, 0) == 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/d", 0755), 0);
	KT_ASSERT(vfs_symlink_at("target", AT_FDCWD, "/mnt/d/l") == 0);
	ext2_env_finish(&e);
}
