/* The ext2 test fixture (see ext2_fixture.h). */
#include <stdio.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/vfs.h>
#include "blkdev_file.h"
#include "ext2_fixture.h"
#include "fs_fixture.h"
#include "host_file.h"
#include "ktest.h"

void ext2_env_make(struct ext2_env *e, unsigned int bsize, unsigned int kib,
		   const char *populate)
{
	memset(e, 0, sizeof(*e));
	KT_ASSERT(host_tmpdir(e->dir, sizeof(e->dir)) == 0);
	snprintf(e->img, sizeof(e->img), "%s/disk.img", e->dir);
	KT_ASSERT(host_run("mkdir %s/src && cd %s/src && (%s)", e->dir, e->dir, populate) == 0);
	KT_ASSERT(host_run("mke2fs -q -F -t ext2 -b %u -d %s/src %s %uk >/dev/null", bsize, e->dir,
			   e->img, kib) == 0);
	fs_fixture_boot();
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/mnt", 0755) == 0);
}

int ext2_env_mount(struct ext2_env *e, unsigned long flags)
{
	if (!e->bd)
		e->bd = blkdev_file_open(e->img, "vda", false);
	return vfs_mount("/dev/vda", "/mnt", "ext2", flags, NULL);
}

int ext2_env_umount(void)
{
	return vfs_umount("/mnt", 0);
}

bool ext2_env_fsck_clean(struct ext2_env *e)
{
	static char out[8192];
	int st = host_run_out(out, sizeof(out), "e2fsck -fn %s 2>&1", e->img);

	if (st != 0)
		printf("  e2fsck exit %d:\n%s\n", st, out);
	return st == 0;
}

int ext2_env_debugfs(struct ext2_env *e, char *buf, size_t len, const char *request)
{
	return host_run_out(buf, len, "debugfs -R '%s' %s 2>/dev/null", request, e->img);
}

void ext2_env_debugfs_write(struct ext2_env *e, const char *request)
{
	char out[512];

	KT_ASSERT(host_run_out(out, sizeof(out), "debugfs -w -R '%s' %s 2>&1", request,
			       e->img) == 0);
}

void ext2_env_finish(struct ext2_env *e)
{
	KT_EQ_INT(ext2_env_umount(), 0);
	KT_EXPECT(ext2_env_fsck_clean(e));
}

void ext2_env_patch(struct ext2_env *e, uint64_t off, const void *data, size_t len)
{
	int fd = host_file_open(e->img, false);

	KT_ASSERT(fd >= 0);
	KT_ASSERT(host_file_pio(fd, true, off, (void *)data, len) == 0);
	host_file_close(fd);
}

uint64_t ext2_env_bmap(struct ext2_env *e, const char *path, unsigned int lblk)
{
	char req[256], out[64];
	unsigned long long blk = 0;

	snprintf(req, sizeof(req), "bmap %s %u", path, lblk);
	KT_ASSERT(ext2_env_debugfs(e, out, sizeof(out), req) == 0);
	KT_ASSERT(sscanf(out, "%llu", &blk) == 1);
	return blk;
}
