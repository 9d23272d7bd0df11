/* tmpfs internals shared with devfs (devtmpfs is a tmpfs instance). */
#ifndef FS_TMPFS_H
#define FS_TMPFS_H

#include <janux/vfs.h>

/* A fresh, empty tmpfs superblock of `type` whose root has root_mode
 * (permission bits) and is owned by root; ERR_PTR(-ENOMEM). */
struct super_block *tmpfs_new_sb(const struct fs_type *type, mode_t root_mode);

#endif
