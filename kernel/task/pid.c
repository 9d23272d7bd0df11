/*
 * Pid allocation and lookup. Pids are handed out cyclically, so a freed
 * number is not reused until the counter wraps; a number still naming a
 * live task, process, process group or session is never handed out.
 */
#include <janux/errno.h>
#include <janux/task.h>

#define PID_HASH 64
#define PID_WRAP_TO 300 /* Linux's RESERVED_PIDS: daemons keep low pids */

static struct list_head pid_hash[PID_HASH];
static bool hash_ready;
static pid_t last_pid;

struct list_head process_list = LIST_HEAD_INIT(process_list);

static struct list_head *bucket(pid_t tid)
{
	if (!hash_ready) {
		for (int i = 0; i < PID_HASH; i++)
			list_init(&pid_hash[i]);
		hash_ready = true;
	}
	return &pid_hash[(unsigned int)tid % PID_HASH];
}

void pid_hash_add(struct task *t)
{
	list_add(&t->hash_link, bucket(t->tid));
}

void pid_hash_del(struct task *t)
{
	list_del(&t->hash_link);
}

struct task *task_by_tid(pid_t tid)
{
	struct task *t;
	struct list_head *b;

	if (tid <= 0)
		return NULL;
	b = bucket(tid);
	list_for_each_entry(t, b, hash_link)
		if (t->tid == tid)
			return t;
	return NULL;
}

struct process *process_by_pid(pid_t pid)
{
	struct process *p;

	if (pid <= 0)
		return NULL;
	list_for_each_entry(p, &process_list, all_link)
		if (p->pid == pid)
			return p;
	return NULL;
}

bool pgrp_exists(pid_t pgid, pid_t sid)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_link)
		if (p->pgid == pgid && (sid <= 0 || p->sid == sid))
			return true;
	return false;
}

/* True when `n` names nothing alive: no task, process, group or session. */
static bool pid_free(pid_t n)
{
	struct process *p;

	if (task_by_tid(n))
		return false;
	list_for_each_entry(p, &process_list, all_link)
		if (p->pid == n || p->pgid == n || p->sid == n)
			return false;
	return true;
}

pid_t pid_last(void)
{
	return last_pid;
}

pid_t pid_alloc(void)
{
	pid_t n = last_pid;

	for (int tries = 0; tries < PID_MAX; tries++) {
		n = n + 1 >= PID_MAX ? PID_WRAP_TO : n + 1;
		if (last_pid == 0)
			n = 1; /* the first pid is 1 */
		if (pid_free(n)) {
			last_pid = n;
			return n;
		}
	}
	return -EAGAIN;
}
