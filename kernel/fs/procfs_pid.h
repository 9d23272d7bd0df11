/*
 * Private to the per-pid half of procfs (procfs_pid.c: directories and
 * links; procfs_pid_stat.c: the text files). A node id names a task: its
 * tid in the low bits, PROC_ID_THREAD for /proc/<pid>/task/<tid> views
 * (thread figures instead of the whole process's), and an fd number above
 * PROC_ID_FD_SHIFT for /proc/<pid>/fd/<n>.
 */
#ifndef FS_PROCFS_PID_H
#define FS_PROCFS_PID_H

#include <janux/procfs.h>
#include <janux/task.h>

#define PROC_ID_TID_MASK 0x7fffL
#define PROC_ID_THREAD 0x8000L
#define PROC_ID_FD_SHIFT 16
#define PROC_FD_MAX 0x7fff /* fds above are not shown (ids are 32-bit on wasm32) */

/* The task an id names (the leader for a process view), or NULL. */
struct task *procfs_id_task(long id);

/* A thread of t's process that still has its memory and files (t itself
 * when it does), or NULL for a zombie. */
struct task *procfs_live_task(struct task *t);

/* The text files of a pid directory: 0 or -ENOENT (the task is gone). */
int procfs_show_stat(struct seqbuf *s, long id);
int procfs_show_statm(struct seqbuf *s, long id);
int procfs_show_status(struct seqbuf *s, long id);
int procfs_show_cmdline(struct seqbuf *s, long id);
int procfs_show_comm(struct seqbuf *s, long id);
int procfs_show_maps(struct seqbuf *s, long id);

/*
 * Every task's CPU time (live tasks, exited threads and reaped children of
 * live processes) in ns, and the runnable and total task counts, for
 * /proc/stat and /proc/loadavg.
 */
void procfs_cpu_totals(uint64_t *user_ns, uint64_t *system_ns, int *running, int *total);

#endif
