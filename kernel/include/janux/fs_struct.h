/*
 * A process's filesystem context: root (chroot), working directory and
 * umask. Shared between threads with CLONE_FS, copied by fork otherwise.
 */
#ifndef JANUX_FS_STRUCT_H
#define JANUX_FS_STRUCT_H

#include <janux/vfs.h>

struct fs_struct {
	unsigned int refs;
	struct path root;  /* referenced */
	struct path cwd;   /* referenced */
	mode_t umask;
};

/*
 * A context rooted at the root of the root mount, cwd there too, umask
 * 022. Returns NULL when there is no memory or no root mount yet.
 */
struct fs_struct *fs_struct_alloc(void);
/* A copy (fork without CLONE_FS), or NULL. */
struct fs_struct *fs_struct_dup(struct fs_struct *fs);
/* Take another reference (CLONE_FS). */
struct fs_struct *fs_struct_get(struct fs_struct *fs);
/* Drop one reference; the last releases root and cwd. */
void fs_struct_put(struct fs_struct *fs);

#endif
