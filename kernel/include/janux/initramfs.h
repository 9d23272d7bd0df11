/*
 * initramfs: unpack a newc ("070701") cpio archive, plain or gzip, into
 * the root filesystem. The machines call this at boot after vfs_init().
 */
#ifndef JANUX_INITRAMFS_H
#define JANUX_INITRAMFS_H

#include <janux/types.h>

/*
 * Unpack `data` (len bytes) into "/": regular files, directories,
 * symlinks, char/block devices, fifos, hard links (same inode number, per
 * archive), with modes, owners and mtimes. As Linux, `data` may hold
 * several newc archives one after another, each plain or a gzip member
 * (1f 8b; its output may itself hold several plain archives), with NUL
 * padding between them; later entries replace earlier ones. A malformed
 * archive (truncated, bad magic or hex,
 * a name without NUL or too long, data past the end, a name with a ".."
 * component) is rejected with a printk and -EINVAL (-ENOMEM, -ENOSPC and
 * filesystem errors pass through); what was unpacked before stays.
 */
int initramfs_unpack(const void *data, size_t len);

/*
 * Visit each entry of a plain newc archive without touching any
 * filesystem (used by initramfs_unpack and by tests/fuzzers). `fn`
 * returns 0 to continue or -errno to stop. Returns 0 at the trailer,
 * -EINVAL on a malformed archive, or fn's error. *why (when not NULL) is
 * set to a static description of the first problem; *end (when not NULL)
 * to the offset just past the trailer (4-byte aligned, at most len).
 */
struct cpio_entry {
	const char *name;    /* NUL-terminated, inside the archive */
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	const void *data;    /* file data or symlink target */
	size_t size;
};
int cpio_parse(const void *data, size_t len,
	       int (*fn)(const struct cpio_entry *e, void *ctx), void *ctx,
	       const char **why, size_t *end);

#endif
