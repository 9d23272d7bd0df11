/*
 * Descriptor tables: a process's int -> struct file map with the
 * close-on-exec bits. Threads created with CLONE_FILES share one table
 * (files_get); fork copies it (files_dup).
 */
#ifndef JANUX_FDTABLE_H
#define JANUX_FDTABLE_H

#include <janux/types.h>

struct file;

#define NR_OPEN_DEFAULT 1024 /* RLIMIT_NOFILE default; the table's cap */

struct files_struct {
	unsigned int refs;
	unsigned int max;        /* slots allocated in fd[] / cloexec[] */
	struct file **fd;
	unsigned char *cloexec;  /* one byte per slot: 1 = close on exec */
};

/* An empty table with one reference, or NULL (no memory). */
struct files_struct *files_alloc(void);
/* A copy sharing every open file (fork without CLONE_FILES), or NULL. */
struct files_struct *files_dup(struct files_struct *fs);
/* Take another reference (CLONE_FILES). */
struct files_struct *files_get(struct files_struct *fs);
/* Drop one; the last closes every descriptor and frees the table. */
void files_put(struct files_struct *fs);
/* exec: close every descriptor marked close-on-exec. */
void files_close_on_exec(struct files_struct *fs);

/*
 * Install `f` at the lowest free descriptor >= `minfd` (consumes the
 * caller's reference on success) with close-on-exec when `cloexec`.
 * Returns the descriptor, -EMFILE when none is free below NR_OPEN_DEFAULT
 * (or -EINVAL when minfd is beyond it), -ENOMEM.
 */
int fd_install(struct files_struct *fs, struct file *f, int minfd, bool cloexec);

/*
 * Put `f` at descriptor `fd` (dup2/dup3), closing what was there. Takes
 * its own reference on f. Returns fd or -EBADF (fd out of range).
 */
int fd_install_at(struct files_struct *fs, int fd, struct file *f, bool cloexec);

/*
 * The file at `fd` with a new reference (release with file_put), or
 * ERR_PTR(-EBADF).
 */
struct file *fd_get(struct files_struct *fs, int fd);

/* Close `fd`: 0 or -EBADF. */
int fd_close(struct files_struct *fs, int fd);

/* Close-on-exec bit of fd: get returns 0/1 or -EBADF; set returns 0/-EBADF. */
int fd_get_cloexec(struct files_struct *fs, int fd);
int fd_set_cloexec(struct files_struct *fs, int fd, bool on);

/* Shortcuts on current->files. */
struct file *fget(int fd);

#endif
