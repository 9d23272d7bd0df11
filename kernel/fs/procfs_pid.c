/*
 * The per-process half of /proc: the numeric pid directories (the root
 * provider), /proc/self and /proc/thread-self, and in each pid directory
 * the files of procfs_pid_stat.c, the cwd/exe/root links, fd/ (one link
 * per open descriptor) and task/ (one directory per thread).
 */
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/fs_struct.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "internal.h"
#include "procfs_pid.h"

struct task *procfs_id_task(long id)
{
	struct task *t = task_by_tid((pid_t)(id & PROC_ID_TID_MASK));

	if (!t || (!(id & PROC_ID_THREAD) && t->tid != t->proc->pid))
		return NULL;
	return t;
}

struct task *procfs_live_task(struct task *t)
{
	struct task *o;

	if (t->state != TASK_DEAD)
		return t;
	list_for_each_entry(o, &t->proc->threads, thread_link)
		if (o->state != TASK_DEAD)
			return o;
	return NULL;
}

/* Links to another process's files need root or its effective uid. */
static struct task *link_target(long id, int *err)
{
	struct task *t = procfs_id_task(id), *live = t ? procfs_live_task(t) : NULL;
	const struct cred *c = vfs_cred();

	*err = !live ? -ENOENT : c->fsuid && c->fsuid != live->cred->euid ? -EACCES : 0;
	return *err ? NULL : live;
}

/* The name of fs path `p` from the caller's root. */
static ssize_t path_link(const struct path *p, char *buf, size_t len)
{
	struct path root;
	long n = vfs_get_root(&root);

	if (n)
		return n;
	n = vfs_path_name(p, &root, buf, len);
	path_put(&root);
	return n;
}

/* The cwd (or root) of a process's fs context. */
static ssize_t link_fs(long id, char *buf, size_t len, bool root)
{
	int err;
	struct task *t = link_target(id, &err);

	if (t && !t->fs)
		return -ENOENT;
	return t ? path_link(root ? &t->fs->root : &t->fs->cwd, buf, len) : err;
}

static ssize_t link_cwd(long id, char *buf, size_t len)
{
	return link_fs(id, buf, len, false);
}

static ssize_t link_root(long id, char *buf, size_t len)
{
	return link_fs(id, buf, len, true);
}

static ssize_t link_exe(long id, char *buf, size_t len)
{
	int err;
	struct task *t = link_target(id, &err);

	if (t && !t->proc->exe)
		return -ENOENT;
	return t ? vfs_file_name(t->proc->exe, buf, len) : err;
}

static ssize_t link_fd(long id, char *buf, size_t len)
{
	int err;
	struct task *t = link_target(id & ((1L << PROC_ID_FD_SHIFT) - 1), &err);
	struct file *f;
	long n;

	if (!t)
		return err;
	f = fd_get(t->files, (int)(id >> PROC_ID_FD_SHIFT));
	if (IS_ERR(f))
		return -ENOENT;
	n = vfs_file_name(f, buf, len);
	file_put(f);
	return n;
}

/* ---- fd/ ---- */

static bool fd_node(long id, int fd, struct proc_node *out)
{
	struct task *t = procfs_id_task(id), *live = t ? procfs_live_task(t) : NULL;
	struct file *f;
	mode_t perm;

	if (!live || !live->files || fd < 0 || fd > PROC_FD_MAX)
		return false;
	f = fd_get(live->files, fd);
	if (IS_ERR(f))
		return false;
	perm = ((f->f_mode & FMODE_READ) ? 0500 : 0100) | ((f->f_mode & FMODE_WRITE) ? 0200 : 0);
	file_put(f);
	*out = (struct proc_node){ .mode = S_IFLNK | perm, .uid = live->cred->euid,
				   .gid = live->cred->egid,
				   .id = id | ((long)fd << PROC_ID_FD_SHIFT), .readlink = link_fd };
	return true;
}

/* A decimal name without sign or leading zeros, below `max`; else -1. */
static long parse_number(const char *name, long max)
{
	long v = 0;

	if (!*name || (name[0] == '0' && name[1]))
		return -1;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || (v = v * 10 + (*name - '0')) > max)
			return -1;
	}
	return v;
}

static int fd_lookup(long id, const char *name, struct proc_node *out)
{
	return fd_node(id, (int)parse_number(name, PROC_FD_MAX), out) ? 0 : -ENOENT;
}

static int fd_iterate(long id, long *index,
		      bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct task *t = procfs_id_task(id), *live = t ? procfs_live_task(t) : NULL;
	struct proc_node n;
	char name[12];

	for (; live && live->files && *index < (long)live->files->max && *index <= PROC_FD_MAX;
	     (*index)++) {
		if (!fd_node(id, (int)*index, &n))
			continue;
		snprintf(name, sizeof(name), "%ld", *index);
		if (!emit(ctx, name, &n))
			return 0;
	}
	return 0;
}

static const struct proc_dir_ops fd_dir = { fd_lookup, fd_iterate };

/* ---- a pid (or task/<tid>) directory ---- */

static const struct proc_dir_ops task_dir;

static const struct pid_entry {
	const char *name;
	mode_t mode;
	int (*show)(struct seqbuf *s, long id);
	ssize_t (*readlink)(long id, char *buf, size_t len);
	const struct proc_dir_ops *dir;
} pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, procfs_show_cmdline, NULL, NULL },
	{ "comm", S_IFREG | 0444, procfs_show_comm, NULL, NULL },
	{ "cwd", S_IFLNK | 0777, NULL, link_cwd, NULL },
	{ "exe", S_IFLNK | 0777, NULL, link_exe, NULL },
	{ "fd", S_IFDIR | 0500, NULL, NULL, &fd_dir },
	{ "maps", S_IFREG | 0444, procfs_show_maps, NULL, NULL },
	{ "root", S_IFLNK | 0777, NULL, link_root, NULL },
	{ "stat", S_IFREG | 0444, procfs_show_stat, NULL, NULL },
	{ "statm", S_IFREG | 0444, procfs_show_statm, NULL, NULL },
	{ "status", S_IFREG | 0444, procfs_show_status, NULL, NULL },
	{ "task", S_IFDIR | 0555, NULL, NULL, &task_dir },
};

/* Entry k of directory `id` (task/ only in process views); false past the end. */
static bool pid_entry_node(long id, size_t k, struct proc_node *out)
{
	const struct pid_entry *e = &pid_entries[k];
	struct task *t = procfs_id_task(id);

	if (!t || (e->dir == &task_dir && (id & PROC_ID_THREAD)))
		return false;
	*out = (struct proc_node){ .mode = e->mode, .uid = t->cred->euid, .gid = t->cred->egid,
				   .id = id, .show = e->show, .readlink = e->readlink,
				   .dir = e->dir };
	return true;
}

static int pid_lookup(long id, const char *name, struct proc_node *out)
{
	for (size_t k = 0; k < ARRAY_SIZE(pid_entries); k++)
		if (!strcmp(pid_entries[k].name, name))
			return pid_entry_node(id, k, out) ? 0 : -ENOENT;
	return -ENOENT;
}

static int pid_iterate(long id, long *index,
		       bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct proc_node n;

	for (; *index >= 0 && *index < (long)ARRAY_SIZE(pid_entries); (*index)++)
		if (pid_entry_node(id, (size_t)*index, &n) &&
		    !emit(ctx, pid_entries[*index].name, &n))
			return 0;
	return 0;
}

static const struct proc_dir_ops pid_dir = { pid_lookup, pid_iterate };

static void dir_node(struct task *t, long id, struct proc_node *out)
{
	*out = (struct proc_node){ .mode = S_IFDIR | 0555, .uid = t->cred->euid,
				   .gid = t->cred->egid, .id = id, .dir = &pid_dir };
}

/* ---- task/: the threads of a process ---- */

static int task_lookup(long id, const char *name, struct proc_node *out)
{
	struct task *t = procfs_id_task(id);
	struct task *th = task_by_tid((pid_t)parse_number(name, PROC_ID_TID_MASK));

	if (!t || !th || th->proc != t->proc)
		return -ENOENT;
	dir_node(th, th->tid | PROC_ID_THREAD, out);
	return 0;
}

static int task_iterate(long id, long *index,
			bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct task *t = procfs_id_task(id), *th;
	struct proc_node n;
	char name[12];
	long k = 0;

	if (!t)
		return 0;
	list_for_each_entry(th, &t->proc->threads, thread_link) {
		if (k++ < *index)
			continue;
		snprintf(name, sizeof(name), "%d", th->tid);
		dir_node(th, th->tid | PROC_ID_THREAD, &n);
		if (!emit(ctx, name, &n))
			return 0;
		(*index)++;
	}
	return 0;
}

static const struct proc_dir_ops task_dir = { task_lookup, task_iterate };

/* ---- /proc itself: the pid directories, self, thread-self ---- */

static int root_lookup(long id, const char *name, struct proc_node *out)
{
	struct process *p = process_by_pid((pid_t)parse_number(name, PROC_ID_TID_MASK));
	struct task *t = p ? task_by_tid(p->pid) : NULL;

	if (!t)
		return -ENOENT;
	dir_node(t, p->pid, out);
	return 0;
}

/* Processes in pid order: *index is the next pid to show. */
static int root_iterate(long id, long *index,
			bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct proc_node n;
	char name[12];

	for (;;) {
		struct process *p, *next = NULL;

		list_for_each_entry(p, &process_list, all_link)
			if (p->pid >= *index && (!next || p->pid < next->pid))
				next = p;
		if (!next)
			return 0;
		*index = next->pid;
		snprintf(name, sizeof(name), "%d", next->pid);
		if (!root_lookup(0, name, &n) && !emit(ctx, name, &n))
			return 0;
		*index = next->pid + 1;
	}
}

static const struct proc_dir_ops root_pids = { root_lookup, root_iterate };

static ssize_t link_self(long id, char *buf, size_t len)
{
	struct task *t = current;
	int n;

	if (!t)
		return -ENOENT;
	n = id ? snprintf(buf, len, "%d/task/%d", t->proc->pid, t->tid)
	       : snprintf(buf, len, "%d", t->proc->pid);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : n;
}

int procfs_pid_init(void)
{
	struct proc_node self = { .mode = S_IFLNK | 0777, .readlink = link_self };
	int err = procfs_register("self", &self);

	self.id = 1;
	if (!err)
		err = procfs_register("thread-self", &self);
	procfs_set_root_provider(&root_pids);
	return err;
}
