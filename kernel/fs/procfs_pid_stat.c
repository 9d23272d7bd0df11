/*
 * The text files of /proc/<pid> (and task/<tid>) in Linux 6.1's formats:
 * stat (52 fields), statm, status, cmdline (NUL-separated, from the copy
 * exec keeps), comm and maps. Process views add up every thread; thread
 * views (PROC_ID_THREAD) show that thread.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/fs_struct.h>
#include <janux/mm.h>
#include <janux/signal.h>
#include <janux/tty.h>
#include "procfs_pid.h"

#define USER_HZ 100
#define NS_PER_TICK (1000000000ull / USER_HZ)
#define KB (PAGE_SIZE / 1024)

/* Memory figures of one address space, in pages. */
struct mm_figures {
	unsigned long size, rss, data, stack, exec;
	uaddr_t start_brk, start_stack;
};

static void mm_figures(struct task *t, struct mm_figures *m)
{
	struct task *live = procfs_live_task(t);
	struct mm *mm = live ? arch_task_get_mm(live) : NULL;
	struct vma *v;

	*m = (struct mm_figures){ 0 };
	if (!mm)
		return;
	list_for_each_entry(v, &mm->vmas, link) {
		unsigned long pages = (unsigned long)((v->end - v->start) / PAGE_SIZE);

		m->size += pages;
		if (v->flags & VMA_STACK) {
			m->stack += pages;
			m->start_stack = v->end;
		} else if ((v->prot & PROT_EXEC) && !(v->prot & PROT_WRITE)) {
			m->exec += pages;
		} else if ((v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED)) {
			m->data += pages;
		}
	}
	m->rss = (unsigned long)arch_mm_resident_pages(mm);
	m->start_brk = mm->brk_start;
}

static int thread_count(const struct process *p)
{
	struct task *o;
	int n = 0;

	list_for_each_entry(o, &p->threads, thread_link)
		n += o->state != TASK_DEAD;
	return n;
}

/* CPU time of the view: a thread's own, or the process's with its exited threads. */
static void view_times(struct task *t, bool thread, uint64_t *ut, uint64_t *st)
{
	struct task *o;

	*ut = thread ? t->utime_ns : t->proc->utime_ns;
	*st = thread ? t->stime_ns : t->proc->stime_ns;
	if (thread)
		return;
	list_for_each_entry(o, &t->proc->threads, thread_link)
		if (o->state != TASK_DEAD) {
			*ut += o->utime_ns;
			*st += o->stime_ns;
		}
}

void procfs_cpu_totals(uint64_t *user_ns, uint64_t *system_ns, int *running, int *total)
{
	struct process *p;
	struct task *t;
	uint64_t ut, st;

	*user_ns = *system_ns = 0;
	*running = *total = 0;
	list_for_each_entry(p, &process_list, all_link) {
		t = list_first_entry(&p->threads, struct task, thread_link);
		view_times(t, false, &ut, &st);
		*user_ns += ut + p->cutime_ns;
		*system_ns += st + p->cstime_ns;
		list_for_each_entry(t, &p->threads, thread_link) {
			*total += t->state != TASK_DEAD;
			*running += t->state == TASK_RUNNING;
		}
	}
}

/* Linux's one-letter state and its name in status. */
static char state_letter(struct task *t)
{
	if (t->proc->zombie || t->state == TASK_DEAD)
		return 'Z';
	if (t->proc->stop_sig || t->state == TASK_STOPPED)
		return 'T';
	return t->state == TASK_INTERRUPTIBLE ? 'S' : t->state == TASK_UNINTERRUPTIBLE ? 'D' : 'R';
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	default: return "Z (zombie)";
	}
}

/* Handled and ignored signals of t, as bit masks. */
static void sig_actions(struct task *t, sigset_k *ign, sigset_k *catch)
{
	*ign = *catch = 0;
	for (int s = 1; t->sighand && s <= NSIG; s++) {
		uaddr_t h = t->sighand->action[s - 1].handler;

		if (h == SIG_IGN)
			*ign |= sigmask(s);
		else if (h != SIG_DFL)
			*catch |= sigmask(s);
	}
}

/* Linux's new_encode_dev() of a device number, as stat's tty_nr. */
static unsigned int encode_dev(dev_t d)
{
	unsigned int ma = MAJOR(d), mi = MINOR(d);

	return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}

int procfs_show_stat(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id);
	struct process *p = t ? t->proc : NULL;
	struct mm_figures m;
	sigset_k ign, catch;
	uint64_t ut, st;

	if (!t)
		return -ENOENT;
	mm_figures(t, &m);
	sig_actions(t, &ign, &catch);
	view_times(t, id & PROC_ID_THREAD, &ut, &st);
	seq_printf(s, "%d (%s) %c %d %d %d %u %d 0 0 0 0 0 ", t->tid, t->comm, state_letter(t),
		   p->parent ? p->parent->pid : 0, p->pgid, p->sid,
		   p->tty ? encode_dev(p->tty->dev) : 0, p->tty && p->tty->pgrp ? p->tty->pgrp : -1);
	seq_printf(s, "%llu %llu %llu %llu 20 0 %d 0 %llu %lu %lu %lu ",
		   (unsigned long long)(ut / NS_PER_TICK), (unsigned long long)(st / NS_PER_TICK),
		   (unsigned long long)(p->cutime_ns / NS_PER_TICK),
		   (unsigned long long)(p->cstime_ns / NS_PER_TICK), thread_count(p),
		   (unsigned long long)(t->start_ns / NS_PER_TICK), m.size * PAGE_SIZE, m.rss,
		   (unsigned long)p->rlim[RLIMIT_RSS].cur);
	seq_printf(s, "0 0 %lu 0 0 %llu %llu %llu %llu 0 0 0 %d 0 0 0 0 0 0 0 0 %lu 0 0 0 0 %d\n",
		   (unsigned long)m.start_stack,
		   (unsigned long long)((t->pending | p->shared_pending) & 0xffffffffull),
		   (unsigned long long)(t->blocked & 0xffffffffull),
		   (unsigned long long)(ign & 0xffffffffull),
		   (unsigned long long)(catch & 0xffffffffull), p->exit_signal,
		   (unsigned long)m.start_brk, p->zombie ? p->exit_status : 0);
	return 0;
}

int procfs_show_statm(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id);
	struct mm_figures m;

	if (!t)
		return -ENOENT;
	mm_figures(t, &m);
	seq_printf(s, "%lu %lu 0 %lu 0 %lu 0\n", m.size, m.rss, m.exec, m.data + m.stack);
	return 0;
}

static void status_ids(struct seqbuf *s, struct task *t)
{
	const struct cred *c = t->cred;

	seq_printf(s, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t",
		   c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		   t->files ? (t->files->max < 64 ? 64 : t->files->max) : 0);
	for (unsigned int i = 0; i < c->ngroups; i++)
		seq_printf(s, "%u ", c->groups[i]);
	seq_printf(s, "\n");
}

static void status_memory(struct seqbuf *s, struct task *t)
{
	struct mm_figures m;

	mm_figures(t, &m);
	if (!m.size)
		return;
	/* No high-water marks are kept: VmPeak/VmHWM report the current size. */
	seq_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8d kB\nVmPin:\t%8d kB\n"
		   "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8d kB\n"
		   "RssShmem:\t%8d kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		   "VmLib:\t%8d kB\nVmPTE:\t%8d kB\nVmSwap:\t%8d kB\n",
		   m.size * KB, m.size * KB, 0, 0, m.rss * KB, m.rss * KB, m.rss * KB, 0, 0,
		   m.data * KB, m.stack * KB, m.exec * KB, 0, 0, 0);
}

int procfs_show_status(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id);
	struct process *p = t ? t->proc : NULL;
	sigset_k ign, catch;
	char st;

	if (!t)
		return -ENOENT;
	st = state_letter(t);
	seq_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		   "PPid:\t%d\nTracerPid:\t0\n", t->comm, t->fs ? t->fs->umask : 022,
		   state_name(st), p->pid, t->tid, p->parent ? p->parent->pid : 0);
	status_ids(s, t);
	seq_printf(s, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, t->tid,
		   p->pgid, p->sid);
	status_memory(s, t);
	sig_actions(t, &ign, &catch);
	seq_printf(s, "CoreDumping:\t0\nThreads:\t%d\nSigQ:\t0/%llu\nSigPnd:\t%016llx\n"
		   "ShdPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   thread_count(p), (unsigned long long)p->rlim[RLIMIT_SIGPENDING].cur,
		   (unsigned long long)t->pending, (unsigned long long)p->shared_pending,
		   (unsigned long long)t->blocked, (unsigned long long)ign,
		   (unsigned long long)catch);
	seq_printf(s, "CapInh:\t0000000000000000\nCapPrm:\t%s\nCapEff:\t%s\n"
		   "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\n"
		   "Seccomp:\t0\nCpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		   "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n",
		   t->cred->euid ? "0000000000000000" : "000001ffffffffff",
		   t->cred->euid ? "0000000000000000" : "000001ffffffffff");
	return 0;
}

int procfs_show_cmdline(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id);

	if (!t)
		return -ENOENT;
	seq_write(s, t->proc->cmdline, t->proc->cmdline_len);
	return 0;
}

int procfs_show_comm(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id);

	if (!t)
		return -ENOENT;
	seq_printf(s, "%s\n", t->comm);
	return 0;
}

/* Anonymous ranges as Linux prints them; the heap and stack are named. */
int procfs_show_maps(struct seqbuf *s, long id)
{
	struct task *t = procfs_id_task(id), *live = t ? procfs_live_task(t) : NULL;
	struct mm *mm = live ? arch_task_get_mm(live) : NULL;
	struct vma *v;

	if (!t)
		return -ENOENT;
	if (!mm)
		return 0;
	list_for_each_entry(v, &mm->vmas, link) {
		const char *name = (v->flags & VMA_HEAP) ? "[heap]" : (v->flags & VMA_STACK) ? "[stack]" : "";
		size_t at = s->len;

		seq_printf(s, "%08lx-%08lx %c%c%c%c 00000000 00:00 0 ",
			   (unsigned long)v->start, (unsigned long)v->end,
			   v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
			   v->prot & PROT_EXEC ? 'x' : '-', v->flags & VMA_SHARED ? 's' : 'p');
		if (*name) /* Linux pads the name to column 25 + 6 * sizeof(long) */
			seq_printf(s, "%*s", (int)(25 + 6 * sizeof(long) - 1 - (s->len - at)), "");
		seq_printf(s, "%s\n", name);
	}
	return 0;
}
