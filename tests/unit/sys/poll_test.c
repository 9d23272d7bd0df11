/* kernel/sys/poll.c: ppoll and pselect6 readiness, timeouts, signals, masks. */
#include <string.h>

#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/timer.h>
#include "ktest.h"
#include "task/fixture.h"

enum { NR_pselect6 = 72, NR_ppoll = 73, NR_pipe2_ = 59 };

struct upollfd {
	int32_t fd;
	int16_t events, revents;
};

static int pfd[2];

/* pid 1 with a descriptor table holding a pipe at pfd[0] (read), pfd[1]. */
static void boot_with_pipe(void)
{
	uaddr_t u = host_user_alloc(8);

	init_task = task_create_init(NULL, files_alloc());
	KT_ASSERT(SYS2(NR_pipe2_, u, 0) == 0);
	memcpy(pfd, host_user_ptr(u), sizeof(pfd));
}

static uaddr_t ts_user(int64_t sec, int64_t nsec)
{
	uaddr_t u = host_user_alloc(16);
	int64_t *v = host_user_ptr(u);

	v[0] = sec;
	v[1] = nsec;
	return u;
}

/* A user pollfd array of n entries. */
static uaddr_t pollfds(int n, const struct upollfd *in)
{
	uaddr_t u = host_user_alloc(n * sizeof(*in));

	memcpy(host_user_ptr(u), in, n * sizeof(*in));
	return u;
}

static struct upollfd *pf(uaddr_t u)
{
	return host_user_ptr(u);
}

static long write_pipe(const char *s)
{
	struct file *f = fget(pfd[1]);
	long r = vfs_write(f, s, strlen(s), NULL);

	file_put(f);
	return r;
}

KTEST(poll, pipe_readable_after_write_and_writable)
{
	struct upollfd in[2] = { { .events = POLLIN }, { .events = POLLIN | POLLOUT } };
	uaddr_t u, zero = ts_user(0, 0);

	boot_with_pipe();
	in[0].fd = pfd[0];
	in[1].fd = pfd[1];
	u = pollfds(2, in);
	/* empty pipe: only the write end is ready */
	KT_EQ_INT(SYS4(NR_ppoll, u, 2, zero, 0), 1);
	KT_EQ_INT(pf(u)[0].revents, 0);
	KT_EQ_INT(pf(u)[1].revents, POLLOUT);
	KT_EQ_INT(write_pipe("hi"), 2);
	KT_EQ_INT(SYS4(NR_ppoll, u, 2, zero, 0), 2);
	KT_EQ_INT(pf(u)[0].revents, POLLIN);
	KT_EQ_INT(pf(u)[0].fd, pfd[0]);
}

KTEST(poll, hup_after_writer_closes_and_nval_for_bad_fds)
{
	struct upollfd in[3] = { { .events = POLLIN }, { .fd = -1, .events = POLLIN },
				 { .fd = 7, .events = POLLIN } };
	uaddr_t u, zero = ts_user(0, 0);

	boot_with_pipe();
	in[0].fd = pfd[0];
	u = pollfds(3, in);
	KT_EQ_INT(fd_close(current->files, pfd[1]), 0);
	KT_EQ_INT(SYS4(NR_ppoll, u, 3, zero, 0), 2);
	KT_EQ_INT(pf(u)[0].revents, POLLHUP);
	KT_EQ_INT(pf(u)[1].revents, 0);     /* negative fd ignored */
	KT_EQ_INT(pf(u)[2].revents, POLLNVAL);
	/* a closed descriptor is POLLNVAL too */
	KT_EQ_INT(fd_close(current->files, pfd[0]), 0);
	KT_EQ_INT(SYS4(NR_ppoll, u, 1, zero, 0), 1);
	KT_EQ_INT(pf(u)[0].revents, POLLNVAL);
}

KTEST(poll, zero_timeout_returns_at_once_and_bad_args)
{
	struct upollfd in = { .events = POLLIN };
	uaddr_t u, zero = ts_user(0, 0), mask = host_user_alloc(8);

	boot_with_pipe();
	in.fd = pfd[0];
	u = pollfds(1, &in);
	host_clock_set_ns(100);
	KT_EQ_INT(SYS4(NR_ppoll, u, 1, zero, 0), 0);
	KT_EQ_INT(host_timer_deadline(), UINT64_MAX); /* no sleep was armed */
	KT_EQ_INT(SYS4(NR_ppoll, 8, 1, zero, 0), -EFAULT);
	KT_EQ_INT(SYS4(NR_ppoll, u, 1, 8, 0), -EFAULT);
	KT_EQ_INT(SYS4(NR_ppoll, u, 1, ts_user(0, NSEC_PER_SEC), 0), -EINVAL);
	KT_EQ_INT(sys(NR_ppoll, u, 1, zero, mask, 4, 0), -EINVAL);
	KT_EQ_INT(sys(NR_ppoll, u, 1, zero, 8, 8, 0), -EFAULT);
	KT_EQ_INT(SYS4(NR_ppoll, u, 1025, zero, 0), -EINVAL); /* > RLIMIT_NOFILE */
}

static long polled;
static uaddr_t poll_fds, poll_ts, poll_mask;
static unsigned int poll_n;

static void poller(void *arg)
{
	polled = sys(NR_ppoll, poll_fds, poll_n, poll_ts, poll_mask, 8, 0);
}

/* Fork a child of the booted pid 1 and start it in ppoll(). */
static struct task *start_poller(uaddr_t fds, unsigned int n, uaddr_t ts)
{
	struct task *a = fork_as(init_task, SIGCHLD, NULL);

	poll_fds = fds;
	poll_n = n;
	poll_ts = ts;
	polled = 99;
	host_task_run(a, poller, NULL);
	return a;
}

KTEST(poll, timeout_expires_with_zero_and_time_left_written)
{
	struct upollfd in = { .events = POLLIN };

	boot_with_pipe();
	in.fd = pfd[0];
	host_clock_set_ns(1000);
	start_poller(pollfds(1, &in), 1, ts_user(0, 5000));
	KT_EQ_INT(polled, 99);
	KT_EQ_INT(host_timer_deadline(), 6000);
	host_clock_set_ns(6000);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(polled, 0);
	KT_EQ_INT(((int64_t *)host_user_ptr(poll_ts))[1], 0);
}

KTEST(poll, no_fds_with_a_timeout_sleeps)
{
	boot_with_pipe();
	host_clock_set_ns(0);
	start_poller(0, 0, ts_user(1, 0));
	KT_EQ_INT(polled, 99);
	KT_EQ_INT(host_timer_deadline(), NSEC_PER_SEC);
	host_clock_set_ns(NSEC_PER_SEC);
	timer_interrupt();
	host_run_others();
	KT_EQ_INT(polled, 0);
}

KTEST(poll, write_wakes_a_sleeping_poller)
{
	struct upollfd in = { .events = POLLIN };
	struct task *a;

	boot_with_pipe();
	in.fd = pfd[0];
	host_clock_set_ns(0);
	a = start_poller(pollfds(1, &in), 1, ts_user(10, 0));
	KT_EQ_INT(polled, 99);
	host_clock_set_ns(3 * NSEC_PER_SEC);
	KT_EQ_INT(write_pipe("x"), 1);
	host_run_others();
	KT_EQ_INT(polled, 1);
	KT_EQ_INT(pf(poll_fds)[0].revents, POLLIN);
	KT_EQ_INT(((int64_t *)host_user_ptr(poll_ts))[0], 7);
	KT_EXPECT(!a->restore_mask);
}

KTEST(poll, signal_interrupts_pause_with_eintr_under_the_temporary_mask)
{
	sigset_k *m;
	struct task *a;

	boot_with_pipe();
	poll_mask = host_user_alloc(8);
	m = host_user_ptr(poll_mask);
	*m = sigmask(SIGUSR2);
	a = start_poller(0, 0, 0); /* musl pause(): ppoll(NULL, 0, NULL, mask) */
	KT_EQ_INT(polled, 99);
	a->sighand->action[SIGUSR1 - 1].handler = 0x4000;
	a->sighand->action[SIGUSR2 - 1].handler = 0x4000;
	sig_send_process(a->proc, SIGUSR2, NULL); /* blocked by the mask */
	host_run_others();
	KT_EQ_INT(polled, 99);
	sig_send_process(a->proc, SIGUSR1, NULL);
	host_run_others();
	poll_mask = 0;
	KT_EQ_INT(polled, -ERESTARTNOHAND); /* -EINTR once the handler runs */
	/* the handler runs under the temporary mask; the original comes back */
	KT_EXPECT(a->restore_mask);
	KT_EQ_INT(a->blocked, sigmask(SIGUSR2));
	KT_EQ_INT(a->saved_mask, 0);
}

/* Found by tests/parity (poll): a fresh table held 16 descriptors, so
 * select() clamped n below fd 60 and ignored its bit; Linux's first table
 * is a word of bits and reports -EBADF. */
KTEST(poll, pselect6_closed_fd_below_a_word_is_ebadf)
{
	uaddr_t rd = host_user_alloc(sizeof(long)), zero = ts_user(0, 0);
	int bits = 8 * (int)sizeof(long);

	boot_with_pipe();
	*(unsigned long *)host_user_ptr(rd) = 1ul << (bits - 4);
	KT_EQ_INT(sys(NR_pselect6, bits - 3, rd, 0, 0, zero, 0), -EBADF);
}

KTEST(poll, pselect6_sets_round_trip)
{
	uaddr_t rd = host_user_alloc(sizeof(long)), wr = host_user_alloc(sizeof(long));
	uaddr_t ex = host_user_alloc(sizeof(long)), zero = ts_user(0, 0);
	uaddr_t sig = host_user_alloc(2 * sizeof(long));
	unsigned long *r = host_user_ptr(rd), *w = host_user_ptr(wr), *e = host_user_ptr(ex);
	int n;

	boot_with_pipe();
	n = pfd[1] + 1;
	*r = 1ul << pfd[0] | 1ul << pfd[1];
	*w = 1ul << pfd[0] | 1ul << pfd[1];
	*e = 1ul << pfd[0];
	KT_EQ_INT(sys(NR_pselect6, n, rd, wr, ex, zero, 0), 1);
	KT_EQ_INT(*r, 0);
	KT_EQ_INT(*w, 1ul << pfd[1]);
	KT_EQ_INT(*e, 0);
	KT_EQ_INT(write_pipe("x"), 1);
	*r = 1ul << pfd[0];
	*w = 1ul << pfd[1];
	KT_EQ_INT(sys(NR_pselect6, n, rd, wr, 0, zero, sig), 2); /* {NULL, 0}: no mask */
	KT_EQ_INT(*r, 1ul << pfd[0]);
	KT_EQ_INT(*w, 1ul << pfd[1]);
	/* a set bit for a closed descriptor is EBADF; bad pointers EFAULT */
	*r = 1ul << 9;
	KT_EQ_INT(sys(NR_pselect6, 10, rd, 0, 0, zero, 0), -EBADF);
	KT_EQ_INT(sys(NR_pselect6, n, 8, 0, 0, zero, 0), -EFAULT);
	KT_EQ_INT(sys(NR_pselect6, n, rd, 0, 0, zero, 8), -EFAULT);
	KT_EQ_INT(sys(NR_pselect6, -1, rd, 0, 0, zero, 0), -EINVAL);
}
