/*
 * Tasks: the unit that runs, blocks and wakes. Each user thread is a task;
 * the tasks of one process share its memory, files and fs context.
 * This header grows with the process work (issue 3); the fields below are
 * the ones other subsystems rely on already.
 */
#ifndef JANUX_TASK_H
#define JANUX_TASK_H

#include <janux/cred.h>
#include <janux/types.h>

struct fs_struct;    /* root, cwd, umask: kernel/fs */
struct files_struct; /* descriptor table: kernel/fs */

struct task {
	pid_t tid;
	struct cred *cred;
	struct fs_struct *fs;
	struct files_struct *files;
};

/*
 * The task running on this CPU (aarch64) or worker (wasm32); NULL during
 * early boot. Provided by the arch: a per-CPU variable or a per-instance
 * thread-local.
 */
struct task *arch_current(void);

/* Make `t` the running task of this CPU/worker (context switch, boot). */
void arch_set_current(struct task *t);

#define current (arch_current())

#endif
