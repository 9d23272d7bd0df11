/* Task and process objects: creation of pid 1, freeing, names, counting. */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/task.h>
#include "internal.h"

void task_set_comm(struct task *t, const char *name)
{
	strlcpy(t->comm, name, sizeof(t->comm));
}

void task_account_time(struct task *t, uint64_t user_ns, uint64_t system_ns)
{
	t->utime_ns += user_ns;
	t->stime_ns += system_ns;
}

int task_count_user(uid_t uid)
{
	struct process *p;
	struct task *t;
	int n = 0;

	list_for_each_entry(p, &process_list, all_link)
		list_for_each_entry(t, &p->threads, thread_link)
			if (t->cred->uid == uid) /* zombies count until reaped */
				n++;
	return n;
}

void process_init(struct process *p, pid_t pid)
{
	p->pid = pid;
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->threads);
	waitqueue_init(&p->child_wait);
	ktimer_init(&p->itimer_real, itimer_real_fire);
	p->start_ns = clock_monotonic_ns();
	list_add_tail(&p->all_link, &process_list);
}

struct task *task_create_init(struct fs_struct *fs, struct files_struct *files)
{
	struct task *t = kzalloc(sizeof(*t));
	struct process *p = kzalloc(sizeof(*p));
	pid_t pid = pid_alloc();

	BUG_ON(!t || !p || pid != 1);
	t->cred = kzalloc(sizeof(*t->cred));
	t->sighand = sighand_alloc();
	BUG_ON(!t->cred || !t->sighand);
	process_init(p, pid);
	p->pgid = p->sid = pid;
	p->live_threads = 1;
	rlimit_init_defaults(p->rlim);
	t->tid = pid;
	t->proc = p;
	t->fs = fs;
	t->files = files;
	t->start_ns = p->start_ns;
	list_add_tail(&t->thread_link, &p->threads);
	pid_hash_add(t);
	task_set_comm(t, "init");
	arch_set_current(t);
	return t;
}

void task_free(struct task *t)
{
	kfree(t->cred);
	kfree(t);
}
