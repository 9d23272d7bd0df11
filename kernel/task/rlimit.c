/* Resource limits: defaults and prlimit64 semantics. */
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/task.h>

#define NR_OPEN_MAX (1024 * 1024) /* Linux's fs.nr_open default */

void rlimit_init_defaults(struct rlimit64 *rl)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rl[i] = (struct rlimit64){ RLIM_INFINITY, RLIM_INFINITY };
	rl[RLIMIT_STACK].cur = 8ull << 20;
	rl[RLIMIT_CORE].cur = 0;
	rl[RLIMIT_NPROC] = (struct rlimit64){ 4096, 4096 };
	rl[RLIMIT_NOFILE] = (struct rlimit64){ NR_OPEN_DEFAULT, 4096 };
	rl[RLIMIT_MEMLOCK] = (struct rlimit64){ 8ull << 20, 8ull << 20 };
	rl[RLIMIT_SIGPENDING] = (struct rlimit64){ 4096, 4096 };
	rl[RLIMIT_MSGQUEUE] = (struct rlimit64){ 819200, 819200 };
	rl[RLIMIT_NICE] = (struct rlimit64){ 0, 0 };
	rl[RLIMIT_RTPRIO] = (struct rlimit64){ 0, 0 };
}

/* May the caller act on p's limits? Same real/effective/saved ids, or root. */
static bool may_access(const struct process *p)
{
	const struct cred *c = current->cred;
	const struct cred *t = list_first_entry(&p->threads, struct task,
						thread_link)->cred;

	if (p == current->proc || c->euid == 0)
		return true;
	return c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	       c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid;
}

long rlimit_get_set(struct process *p, unsigned int resource,
		    const struct rlimit64 *new_lim, struct rlimit64 *old)
{
	struct rlimit64 *cur;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (!may_access(p))
		return -EPERM;
	cur = &p->rlim[resource];
	if (new_lim) {
		if (new_lim->cur > new_lim->max)
			return -EINVAL;
		if (new_lim->max > cur->max && current->cred->euid != 0)
			return -EPERM;
		if (resource == RLIMIT_NOFILE && new_lim->max > NR_OPEN_MAX)
			return -EPERM;
	}
	if (old)
		*old = *cur;
	if (new_lim)
		*cur = *new_lim;
	return 0;
}
