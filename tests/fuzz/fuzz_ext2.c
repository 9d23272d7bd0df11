/*
 * libFuzzer harness for ext2: the input is a whole disk image (1 KiB
 * blocks, at most 64 KiB; seeded from mke2fs -d), served by a memory block
 * device; each run mounts it read-write, walks it, changes it, syncs and
 * unmounts. Whatever the bytes, the kernel must not crash or touch memory
 * out of bounds (ASan/UBSan).
 */
#include <janux/blkdev.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/string.h>
#include <janux/vfs.h>
#include "../unit/fs/ext2_fixture.h"
#include "../unit/harness/include/fs_fixture.h"

#define DISK_MAX 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t disk[DISK_MAX];

static int mem_rw(struct blkdev *bd, bool write, uint64_t sector, void *buf, size_t nsect)
{
	if (sector > bd->nr_sectors || nsect > bd->nr_sectors - sector)
		return -EIO;
	if (write)
		memcpy(disk + sector * BLKDEV_SECTOR_SIZE, buf, nsect * BLKDEV_SECTOR_SIZE);
	else
		memcpy(buf, disk + sector * BLKDEV_SECTOR_SIZE, nsect * BLKDEV_SECTOR_SIZE);
	return 0;
}

static int mem_flush(struct blkdev *bd)
{
	return 0;
}

static const struct blkdev_ops mem_ops = { .rw = mem_rw, .flush = mem_flush };
static struct blkdev mem_disk = { .name = "fz", .ops = &mem_ops };

static void boot_once(void)
{
	static bool booted;

	if (booted)
		return;
	booted = true;
	fs_fixture_boot();
	vfs_mkdir_at(AT_FDCWD, "/mnt", 0755);
	blkdev_register(&mem_disk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long errors = 0;

	if (size > DISK_MAX)
		return -1;
	boot_once();
	memset(disk, 0, sizeof(disk));
	memcpy(disk, data, size);
	mem_disk.nr_sectors = size / BLKDEV_SECTOR_SIZE;
	if (vfs_mount("/dev/fz", "/mnt", "ext2", MS_SILENT, NULL))
		return 0;
	ext2_walk("/mnt", 8, &errors);
	ext2_scribble("/mnt");
	ext2_walk("/mnt", 8, &errors);
	vfs_umount("/mnt", MNT_DETACH);
	return 0;
}
