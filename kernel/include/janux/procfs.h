/*
 * procfs: a framework of generated files, symlinks and directories under
 * /proc. The system files (meminfo, uptime, mounts, ...) live in
 * kernel/fs/procfs_sys.c, /proc/sys in kernel/fs/procfs_sysctl.c; the
 * process side registers /proc/self and the
 * per-pid directories through the hooks below.
 *
 * A node is described by value (struct proc_node) and identified by an
 * opaque `id` (a pid, an fd number...) so nothing here holds pointers into
 * process structures: every open or lookup asks the provider again and a
 * vanished process simply gives -ENOENT.
 */
#ifndef JANUX_PROCFS_H
#define JANUX_PROCFS_H

#include <janux/types.h>

struct seqbuf;
struct proc_dir_ops;

/* A growing text buffer for show() callbacks. */
struct seqbuf {
	char *buf;
	size_t len, cap;
	bool overflow; /* out of memory: the open fails with -ENOMEM */
};
/* Append formatted text (like snprintf). */
void seq_printf(struct seqbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append raw bytes (cmdline with its NULs). */
void seq_write(struct seqbuf *s, const void *p, size_t n);

struct proc_node {
	mode_t mode;         /* S_IFREG, S_IFLNK or S_IFDIR | permissions */
	uid_t uid;           /* owner (a process's files belong to its euid) */
	gid_t gid;
	long id;             /* passed back to the callbacks */
	/* S_IFREG: write the whole content at open (snapshot). 0 or -errno. */
	int (*show)(struct seqbuf *s, long id);
	/* S_IFREG, optional: take the len bytes written at offset *pos (kernel
	 * memory) and move *pos on as the file's semantics say; bytes taken or
	 * -errno. Without it writes fail (-EINVAL). open(O_TRUNC) of such a
	 * file succeeds and truncates nothing. */
	ssize_t (*write)(long id, const char *buf, size_t len, loff_t *pos);
	/* S_IFLNK: the target into buf (not NUL-terminated); length or -errno.
	 * (For /proc/<pid>/exe and fd/N the target is the file's path name.) */
	ssize_t (*readlink)(long id, char *buf, size_t len);
	/* S_IFDIR: the directory's entries. */
	const struct proc_dir_ops *dir;
};

/*
 * A directory's contents. lookup fills *out for `name` (0) or returns
 * -ENOENT. iterate emits the entries whose index is *index or more, in
 * increasing index order; indexes may be sparse (a pid, an fd number).
 * While emit runs, *index holds the emitted entry's own index; after it
 * accepts, advance *index past it. emit returns false when the caller is
 * full: stop and return 0, leaving *index at the refused entry.
 */
struct proc_dir_ops {
	int (*lookup)(long id, const char *name, struct proc_node *out);
	int (*iterate)(long id, long *index,
		       bool (*emit)(void *ctx, const char *name, const struct proc_node *n),
		       void *ctx);
};

/*
 * Add a fixed entry to /proc itself (e.g. "self", a symlink whose
 * readlink gives the caller's pid). -EEXIST when taken, -ENOMEM. The
 * node is copied. Call any time after vfs_init.
 */
int procfs_register(const char *name, const struct proc_node *node);

/*
 * The provider of the rest of /proc's root (numeric pid directories):
 * consulted after the fixed entries; id passed to it is 0. One provider;
 * a second call replaces the first.
 */
void procfs_set_root_provider(const struct proc_dir_ops *ops);

#endif
