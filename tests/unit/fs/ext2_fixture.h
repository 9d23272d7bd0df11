/*
 * ext2 test fixture: images made by the host's mke2fs from a directory
 * the test populates with shell commands, mounted at /mnt from /dev/vda
 * (a file-backed block device), checked afterwards with e2fsck and read
 * back with debugfs.
 */
#ifndef EXT2_FIXTURE_H
#define EXT2_FIXTURE_H

#include <stdbool.h>
#include <janux/blkdev.h>

struct ext2_env {
	char dir[128];       /* private temporary directory */
	char img[192];       /* dir/disk.img */
	struct blkdev *bd;
};

/*
 * Make an ext2 image of `kib` KiB with `bsize`-byte blocks from a source
 * tree that the shell command `populate` (run inside it, may be "true")
 * builds, and boot the VFS. Aborts the test on failure.
 */
void ext2_env_make(struct ext2_env *e, unsigned int bsize, unsigned int kib,
		   const char *populate);
/* Attach the image as /dev/vda (once) and mount it at /mnt; mount's result. */
int ext2_env_mount(struct ext2_env *e, unsigned long flags);
/* Unmount /mnt; umount's result. */
int ext2_env_umount(void);
/* e2fsck -fn on the image: true when clean (its report is printed if not). */
bool ext2_env_fsck_clean(struct ext2_env *e);
/* debugfs -R "<request>" on the image; its stdout into buf. Exit status. */
int ext2_env_debugfs(struct ext2_env *e, char *buf, size_t len, const char *request);
/* debugfs -w -R "<request>" on the image (to corrupt it); aborts on failure. */
void ext2_env_debugfs_write(struct ext2_env *e, const char *request);
/* Unmount and require a clean e2fsck. (The temporary directory goes when
 * the test's process exits: host_tmpdir.) */
void ext2_env_finish(struct ext2_env *e);
/* Patch `len` bytes at byte `off` of the image (the device must be unmounted). */
void ext2_env_patch(struct ext2_env *e, uint64_t off, const void *data, size_t len);
/* The physical block of logical block `lblk` of path (debugfs bmap). */
uint64_t ext2_env_bmap(struct ext2_env *e, const char *path, unsigned int lblk);

/*
 * Walk the tree under `path` through the VFS: stat, read every file,
 * readlink every link, down to `depth` levels. Errors are counted, not
 * fatal: returns the number of objects visited; *errors gets how many
 * operations failed (-EIO and the like).
 */
long ext2_walk(const char *path, int depth, long *errors);

/*
 * Try every kind of change under `root` (create and write, mkdir, rename,
 * unlink, rmdir, truncate, symlink, link, chmod) and sync, ignoring the
 * results: for images that may be corrupt, where only "no crash" counts.
 */
void ext2_scribble(const char *root);

#endif
