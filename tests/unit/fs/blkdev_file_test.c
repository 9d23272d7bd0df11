/*
 * kernel/fs/blkdev.c and blkdev_file.c: the registry (numbers, devfs
 * node, duplicate names) and raw access to /dev/vdX over a file-backed
 * disk: whole and partial sectors read and written, reads at the end,
 * ENOSPC/EPERM, lseek from the capacity, the size ioctls, fsync writing
 * back the block cache's dirty blocks of the disk and flushing it.
 */
#include <stdio.h>
#include <string.h>

#include <janux/bcache.h>
#include <janux/blkdev.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/file.h>
#include <janux/stat.h>
#include <janux/vfs.h>
#include <host_machine.h>
#include "blkdev_file.h"
#include "fs_fixture.h"
#include "host_file.h"
#include "ktest.h"

#define DISK_BYTES (64 * 512)

static uint8_t image[DISK_BYTES];

/* A disk of known random-ish bytes as vda (read-only with `ro`), open. */
static struct file *open_disk(bool ro, struct blkdev **bd, char *path, size_t len)
{
	char dir[256];
	int fd;
	struct file *f;

	for (size_t i = 0; i < sizeof(image); i++)
		image[i] = (uint8_t)(i * 131 + (i >> 9));
	KT_ASSERT(host_tmpdir(dir, sizeof(dir)) == 0);
	snprintf(path, len, "%s/disk.img", dir);
	KT_ASSERT(host_run("truncate -s %d %s", DISK_BYTES, path) == 0);
	fd = host_file_open(path, false);
	KT_ASSERT(fd >= 0 && host_file_pio(fd, true, 0, image, sizeof(image)) == 0);
	host_file_close(fd);
	fs_fixture_boot();
	*bd = blkdev_file_open(path, "vda", ro);
	f = vfs_open_at(AT_FDCWD, "/dev/vda", ro ? O_RDONLY : O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	return f;
}

/* The image file's bytes at off, as the host sees them. */
static void host_bytes(const char *path, uint64_t off, void *buf, size_t len)
{
	int fd = host_file_open(path, true);

	KT_ASSERT(fd >= 0 && host_file_pio(fd, false, off, buf, len) == 0);
	host_file_close(fd);
}

KTEST(blkdev, registry_numbers_node_and_duplicates)
{
	char path[300];
	struct blkdev *bd, dup = { .name = "vda" };
	struct file *f = open_disk(false, &bd, path, sizeof(path));
	struct kstat st;

	KT_EQ_INT(bd->devt, MKDEV(254, 0));
	KT_ASSERT(blkdev_get(bd->devt) == bd);
	KT_ASSERT(blkdev_get(MKDEV(254, 16)) == NULL);
	KT_EQ_INT(blkdev_register(&dup), -EEXIST);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/dev/vda", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFBLK | 0660);
	KT_EQ_INT(st.rdev, MKDEV(254, 0));
	file_put(f);
}

KTEST(blkdev, raw_reads_whole_and_partial_sectors)
{
	char path[300];
	struct blkdev *bd;
	struct file *f = open_disk(false, &bd, path, sizeof(path));
	static uint8_t buf[DISK_BYTES + 100];
	loff_t pos = 0;

	KT_EQ_INT(vfs_read(f, buf, 3 * 512, &pos), 3 * 512);
	KT_EQ_MEM(buf, image, 3 * 512);
	pos = 1000;                          /* inside sector 1, across 2 and 3 */
	KT_EQ_INT(vfs_read(f, buf, 1200, &pos), 1200);
	KT_EQ_MEM(buf, image + 1000, 1200);
	KT_EQ_INT(pos, 2200);
	pos = DISK_BYTES - 10;               /* cut at the end, then EOF */
	KT_EQ_INT(vfs_read(f, buf, 100, &pos), 10);
	KT_EQ_MEM(buf, image + DISK_BYTES - 10, 10);
	KT_EQ_INT(vfs_read(f, buf, 100, &pos), 0);
	file_put(f);
}

KTEST(blkdev, raw_writes_reach_the_image)
{
	char path[300];
	struct blkdev *bd;
	struct file *f = open_disk(false, &bd, path, sizeof(path));
	static uint8_t out[1500], back[1500], sector[512];
	loff_t pos = 700;

	memset(out, 0xab, sizeof(out));
	KT_EQ_INT(vfs_write(f, out, sizeof(out), &pos), sizeof(out));
	KT_EQ_INT(vfs_fsync(f, false), 0);
	KT_EQ_INT(blkdev_file_stats(bd)->flushes, 1);
	host_bytes(path, 700, back, sizeof(back));
	KT_EQ_MEM(back, out, sizeof(out));
	host_bytes(path, 512, sector, 188);  /* the bytes around are kept */
	KT_EQ_MEM(sector, image + 512, 188);
	host_bytes(path, 2200, sector, 100);
	KT_EQ_MEM(sector, image + 2200, 100);
	pos = DISK_BYTES;
	KT_EQ_INT(vfs_write(f, out, 1, &pos), -ENOSPC);
	pos = DISK_BYTES - 4;                /* cut at the end */
	KT_EQ_INT(vfs_write(f, out, 10, &pos), 4);
	file_put(f);
}

KTEST(blkdev, read_only_disk_refuses_writes)
{
	char path[300];
	struct blkdev *bd;
	struct file *f = open_disk(true, &bd, path, sizeof(path));
	struct file *w = vfs_open_at(AT_FDCWD, "/dev/vda", O_WRONLY, 0);
	uint8_t b = 1;
	loff_t pos = 0;

	KT_ASSERT(!IS_ERR(w));
	KT_EQ_INT(vfs_write(w, &b, 1, &pos), -EPERM);
	KT_EQ_INT(bd->ops->rw(bd, true, 0, image, 1), -EROFS);
	file_put(w);
	file_put(f);
}

KTEST(blkdev, lseek_end_and_size_ioctls)
{
	char path[300];
	struct blkdev *bd;
	struct file *f = open_disk(true, &bd, path, sizeof(path));
	uaddr_t u = host_user_alloc(16);
	uint64_t size;
	int val;

	KT_EQ_INT(vfs_lseek(f, -512, SEEK_END), DISK_BYTES - 512);
	KT_EQ_INT(vfs_lseek(f, 0, 42), -EINVAL);
	KT_EQ_INT(vfs_ioctl(f, 0x80001272u | (unsigned)(sizeof(size_t) << 16), u), 0);
	memcpy(&size, host_user_ptr(u), 8);
	KT_EQ_INT(size, DISK_BYTES);
	KT_EQ_INT(vfs_ioctl(f, 0x1268, u), 0);   /* BLKSSZGET */
	memcpy(&val, host_user_ptr(u), 4);
	KT_EQ_INT(val, 512);
	KT_EQ_INT(vfs_ioctl(f, 0x125e, u), 0);   /* BLKROGET */
	memcpy(&val, host_user_ptr(u), 4);
	KT_EQ_INT(val, 1);
	KT_EQ_INT(vfs_ioctl(f, 0x1268, 16), -EFAULT);
	KT_EQ_INT(vfs_ioctl(f, 0x4242, u), -ENOTTY);
	file_put(f);
}

KTEST(blkdev, fsync_writes_back_the_cache_of_the_disk)
{
	char path[300];
	struct blkdev *bd;
	struct file *f = open_disk(false, &bd, path, sizeof(path));
	struct buf *b = bzero_get(bd, 3, 1024);
	uint8_t back[1024], want[1024];

	memset(want, 0x77, sizeof(want));
	KT_ASSERT(!IS_ERR(b));
	memset(b->data, 0x77, 1024);
	bdirty(b);
	brelse(b);
	KT_EQ_INT(vfs_fsync(f, false), 0);
	host_bytes(path, 3 * 1024, back, sizeof(back));
	KT_EQ_MEM(back, want, sizeof(back));
	KT_EQ_INT(blkdev_file_stats(bd)->writes, 1);
	KT_EQ_INT(blkdev_file_stats(bd)->flushes, 1);
	file_put(f);
}
