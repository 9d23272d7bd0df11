/*
 * ppoll and pselect6 (the ILP32 *_time64 numbers map to the same handlers:
 * the user timespec is {int64 sec; int64 nsec} on both word sizes).
 * Readiness of many files with an optional timeout and a temporary signal
 * mask that, like rt_sigsuspend's, stays in effect for a handler run on
 * the way out and is restored after it.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/wait.h>

/* What select's three sets mean in poll bits (as Linux). */
#define POLLIN_SET (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define POLLEX_SET POLLPRI
#define NFDBITS (8 * sizeof(unsigned long))
#define POLL_CHUNK 32

/* One registration of the poller on a file's wait queue. */
struct poll_entry {
	struct wait_entry we;
	struct file *f; /* referenced while queued: keeps the queue alive */
};

struct poll_chunk {
	struct poll_chunk *next;
	unsigned int used;
	struct poll_entry e[POLL_CHUNK];
};

/* The waiter: registers on the first scan only, then sleeps and rescans. */
struct poller {
	struct poll_table pt;
	struct poll_chunk *chunks;
	bool nomem;
	bool nonblock;     /* zero timeout: one scan, no sleep */
	uint64_t deadline; /* monotonic; WAIT_FOREVER: no timeout */
};

/* A scan: fills the caller's results, returns the ready count or -errno. */
typedef long (*poll_scan_fn)(void *arg, struct poll_table *pt);

static void poller_queue(struct poll_table *pt, struct file *f, struct waitqueue *wq)
{
	struct poller *p = container_of(pt, struct poller, pt);
	struct poll_chunk *c = p->chunks;
	struct poll_entry *e;

	if (!c || c->used == POLL_CHUNK) {
		c = kmalloc(sizeof(*c));
		if (!c) {
			p->nomem = true;
			return;
		}
		c->next = p->chunks;
		c->used = 0;
		p->chunks = c;
	}
	e = &c->e[c->used++];
	e->we.task = current;
	e->we.woken = false;
	e->f = file_get(f);
	list_add_tail(&e->we.link, &wq->waiters);
}

/* Ready to be woken again (wake_up_one skips entries already woken). */
static void poller_rearm(struct poller *p)
{
	struct poll_chunk *c;

	for (c = p->chunks; c; c = c->next)
		for (unsigned int i = 0; i < c->used; i++)
			c->e[i].we.woken = false;
}

static void poller_free(struct poller *p)
{
	struct poll_chunk *c;

	while ((c = p->chunks)) {
		for (unsigned int i = 0; i < c->used; i++) {
			list_del(&c->e[i].we.link);
			file_put(c->e[i].f);
		}
		p->chunks = c->next;
		kfree(c);
	}
}

/*
 * Scan until something is ready, the deadline passes or a signal is
 * pending. Returns the ready count, 0 at the timeout, -ERESTARTNOHAND
 * when interrupted (-EINTR if a handler runs, else re-issued with the time
 * left written back), or the scan's -errno. Kernel lock held throughout, so no
 * wake-up between a scan and the sleep is lost.
 */
static long poll_loop(struct poller *p, poll_scan_fn scan, void *arg)
{
	struct poll_table *pt = p->nonblock ? NULL : &p->pt;
	struct waitqueue never;
	long n, err = 0;

	waitqueue_init(&never);
	for (;;) {
		n = scan(arg, pt);
		pt = NULL;
		if (n || err || p->nonblock)
			break;
		if (p->nomem) {
			n = -ENOMEM;
			break;
		}
		poller_rearm(p);
		/* one more scan after a timeout or signal: late readiness wins */
		err = wait_sleep(&never, WAIT_INTERRUPTIBLE, p->deadline);
	}
	poller_free(p);
	if (n)
		return n;
	return err == -ERESTARTSYS ? -ERESTARTNOHAND : 0;
}

/* The optional user timeout: NULL waits forever, zero does not wait. */
static long poll_timeout(struct poller *p, uaddr_t uts)
{
	int64_t ns;
	long err;

	p->deadline = WAIT_FOREVER;
	if (!uts)
		return 0;
	if ((err = timespec_from_user(uts, &ns)))
		return err;
	if (ns == 0)
		p->nonblock = true;
	else
		p->deadline = deadline_after_ns((uint64_t)ns);
	return 0;
}

/* Write back the time left, as Linux does; a failed write is ignored. */
static void poll_time_left(const struct poller *p, uaddr_t uts)
{
	uint64_t now = clock_monotonic_ns();

	if (uts)
		timespec_to_user(uts, p->nonblock || now >= p->deadline ? 0 :
				 (int64_t)(p->deadline - now));
}

/* Install the temporary mask at `umask` (NULL: none), rt_sigsuspend-style. */
static long poll_sigmask_set(uaddr_t umask, size_t setsize)
{
	struct task *t = current;
	sigset_k s;

	if (!umask)
		return 0;
	if (setsize != sizeof(sigset_k))
		return -EINVAL;
	if (arch_copy_from_user(&s, umask, sizeof(s)))
		return -EFAULT;
	t->saved_mask = t->blocked;
	t->restore_mask = true;
	t->blocked = s & ~SIG_UNBLOCKABLE;
	return 0;
}

/* Unless interrupted (a handler then runs under the temporary mask and the
 * return to user restores the original), put the original mask back now. */
static long poll_sigmask_done(long ret)
{
	struct task *t = current;

	if (ret != -ERESTARTNOHAND && t->restore_mask) {
		t->blocked = t->saved_mask;
		t->restore_mask = false;
	}
	return ret;
}

/* struct pollfd */
struct pollfd_k {
	int32_t fd;
	int16_t events, revents;
};

struct ppoll_args {
	struct pollfd_k *fds;
	unsigned int n;
};

/* revents of one pollfd: 0 for a negative fd, POLLNVAL for a bad one. */
static unsigned int poll_one(int fd, unsigned int events, struct poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (fd < 0)
		return 0;
	f = fget(fd);
	if (IS_ERR(f))
		return POLLNVAL;
	mask = vfs_poll(f, pt);
	file_put(f);
	return mask & (events | POLLERR | POLLHUP);
}

static long ppoll_scan(void *arg, struct poll_table *pt)
{
	struct ppoll_args *a = arg;
	long n = 0;

	for (unsigned int i = 0; i < a->n; i++) {
		struct pollfd_k *pf = &a->fds[i];

		pf->revents = (int16_t)poll_one(pf->fd, (uint16_t)pf->events, pt);
		if (pf->revents)
			n++;
	}
	return n;
}

/* Copy every revents back; -EFAULT when one cannot be written. */
static long ppoll_revents_to_user(uaddr_t ufds, const struct ppoll_args *a)
{
	for (unsigned int i = 0; i < a->n; i++)
		if (arch_copy_to_user(ufds + i * sizeof(struct pollfd_k) +
				      offsetof(struct pollfd_k, revents),
				      &a->fds[i].revents, sizeof(int16_t)))
			return -EFAULT;
	return 0;
}

SYSCALL_DEFINE5(ppoll, uaddr_t, ufds, unsigned int, nfds, uaddr_t, uts,
		uaddr_t, umask, size_t, setsize)
{
	struct poller p = { .pt.queue = poller_queue };
	struct ppoll_args a = { .n = nfds };
	size_t bytes = (size_t)nfds * sizeof(struct pollfd_k);
	long ret, err;

	if (nfds > current->proc->rlim[RLIMIT_NOFILE].cur)
		return -EINVAL;
	if ((ret = poll_timeout(&p, uts)))
		return ret;
	if (nfds && !(a.fds = kmalloc(bytes)))
		return -ENOMEM;
	if (nfds && arch_copy_from_user(a.fds, ufds, bytes))
		ret = -EFAULT;
	else if (!(ret = poll_sigmask_set(umask, setsize))) {
		ret = poll_loop(&p, ppoll_scan, &a);
		poll_time_left(&p, uts);
		if ((err = ppoll_revents_to_user(ufds, &a)))
			ret = err;
	}
	kfree(a.fds);
	return poll_sigmask_done(ret);
}

/* pselect6's three sets: in[] as given (NULL: empty), out[] the result. */
struct select_args {
	unsigned long *in[3], *out[3];
	int n;
};

/* Poll bits fd must report in set k (read, write, except). */
static const unsigned int select_bits[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };

static long select_scan(void *arg, struct poll_table *pt)
{
	struct select_args *a = arg;
	size_t words = (a->n + NFDBITS - 1) / NFDBITS;
	long count = 0;

	for (int k = 0; k < 3; k++)
		for (size_t w = 0; w < words; w++)
			a->out[k][w] = 0;
	for (int fd = 0; fd < a->n; fd++) {
		unsigned long bit = 1ul << (fd % NFDBITS);
		size_t w = fd / NFDBITS;
		struct file *f;
		unsigned int mask;

		if (!((a->in[0][w] | a->in[1][w] | a->in[2][w]) & bit))
			continue;
		f = fget(fd);
		if (IS_ERR(f))
			return -EBADF;
		mask = vfs_poll(f, pt);
		file_put(f);
		for (int k = 0; k < 3; k++) {
			if ((a->in[k][w] & bit) && (mask & select_bits[k])) {
				a->out[k][w] |= bit;
				count++;
			}
		}
	}
	return count;
}

/* Read the sets (words each) into a->in; a NULL set reads as empty. */
static long select_sets_from_user(struct select_args *a, const uaddr_t u[3],
				  size_t words)
{
	for (int k = 0; k < 3; k++) {
		for (size_t w = 0; w < words; w++)
			a->in[k][w] = 0;
		if (u[k] && arch_copy_from_user(a->in[k], u[k], words * sizeof(long)))
			return -EFAULT;
	}
	return 0;
}

static long select_sets_to_user(const struct select_args *a, const uaddr_t u[3],
				size_t words)
{
	for (int k = 0; k < 3; k++)
		if (u[k] && arch_copy_to_user(u[k], a->out[k], words * sizeof(long)))
			return -EFAULT;
	return 0;
}

/* pselect6's 6th argument: {const sigset_t *ss; size_t ss_len} (words). */
static long select_sigmask_set(uaddr_t usig)
{
	unsigned long v[2];

	if (!usig)
		return 0;
	if (arch_copy_from_user(v, usig, sizeof(v)))
		return -EFAULT;
	return poll_sigmask_set((uaddr_t)v[0], (size_t)v[1]);
}

/* The select loop proper, once the arguments are checked and allocated. */
static long select_run(struct select_args *a, const uaddr_t u[3], size_t words,
		       uaddr_t uts, uaddr_t usig)
{
	struct poller p = { .pt.queue = poller_queue };
	long ret;

	if ((ret = poll_timeout(&p, uts)) || (ret = select_sets_from_user(a, u, words)) ||
	    (ret = select_sigmask_set(usig)))
		return ret;
	ret = poll_loop(&p, select_scan, a);
	poll_time_left(&p, uts);
	if (ret >= 0 && select_sets_to_user(a, u, words))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE6(pselect6, int, n, uaddr_t, inp, uaddr_t, outp, uaddr_t, exp,
		uaddr_t, uts, uaddr_t, usig)
{
	struct files_struct *fs = current->files;
	const uaddr_t u[3] = { inp, outp, exp };
	struct select_args a;
	size_t words;
	unsigned long *buf;
	long ret;

	if (n < 0)
		return -EINVAL;
	if (n > (int)(fs ? fs->max : 0))
		n = (int)(fs ? fs->max : 0);
	a.n = n;
	words = ((size_t)n + NFDBITS - 1) / NFDBITS;
	buf = kmalloc(6 * (words ? words : 1) * sizeof(long));
	if (!buf)
		return -ENOMEM;
	for (int k = 0; k < 3; k++) {
		a.in[k] = buf + k * words;
		a.out[k] = buf + (3 + k) * words;
	}
	ret = select_run(&a, u, words, uts, usig);
	kfree(buf);
	return poll_sigmask_done(ret);
}
