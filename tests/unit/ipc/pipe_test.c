/* kernel/ipc/pipe.c: data, EOF, EPIPE+SIGPIPE, O_NONBLOCK, PIPE_BUF, wake-ups. */
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/pipe.h>
#include "ktest.h"
#include "task/fixture.h"

enum { NR_pipe2 = 59 };

static int fds[2];

/* Boot with a descriptor table and open a pipe with `flags`. */
static void open_pipe(int flags)
{
	uaddr_t u = host_user_alloc(8);

	init_task = task_create_init(NULL, files_alloc());
	KT_ASSERT(SYS2(NR_pipe2, u, flags) == 0);
	memcpy(fds, host_user_ptr(u), sizeof(fds));
}

static ssize_t rd(void *buf, size_t n)
{
	struct file *f = fget(fds[0]);
	ssize_t r = vfs_read(f, buf, n, NULL);

	file_put(f);
	return r;
}

static ssize_t wr(const void *buf, size_t n)
{
	struct file *f = fget(fds[1]);
	ssize_t r = vfs_write(f, buf, n, NULL);

	file_put(f);
	return r;
}

KTEST(pipe, data_flows_and_eof_after_writer_closes)
{
	char buf[16] = { 0 };

	open_pipe(0);
	KT_EQ_INT(fds[0], 0);
	KT_EQ_INT(fds[1], 1);
	KT_EQ_INT(wr("hello", 5), 5);
	KT_EQ_INT(rd(buf, 3), 3);
	KT_EQ_MEM(buf, "hel", 3);
	KT_EQ_INT(rd(buf, 16), 2);
	KT_EQ_INT(fd_close(current->files, fds[1]), 0);
	KT_EQ_INT(rd(buf, 16), 0);
}

KTEST(pipe, epipe_and_sigpipe_without_readers)
{
	open_pipe(0);
	fd_close(current->files, fds[0]);
	KT_EQ_INT(wr("x", 1), -EPIPE);
	KT_EXPECT(current->pending & sigmask(SIGPIPE));
}

KTEST(pipe, nonblocking_empty_and_full)
{
	char *big = calloc(1, PIPE_CAPACITY);
	char c;

	open_pipe(O_NONBLOCK | O_CLOEXEC);
	KT_EQ_INT(fd_get_cloexec(current->files, fds[0]), 1);
	KT_EQ_INT(rd(&c, 1), -EAGAIN);
	KT_EQ_INT(wr(big, PIPE_CAPACITY - 100), PIPE_CAPACITY - 100);
	/* 200 <= PIPE_BUF bytes go in whole or not at all */
	KT_EQ_INT(wr(big, 200), -EAGAIN);
	/* a big write is cut to the room left */
	KT_EQ_INT(wr(big, PIPE_BUF + 1), 100);
	KT_EQ_INT(wr(big, 1), -EAGAIN);
	free(big);
}

static long result;
static void reader(void *arg)
{
	char buf[8];

	result = rd(buf, sizeof(buf));
}

KTEST(pipe, blocked_reader_wakes_on_write)
{
	struct task t = { 0 };

	open_pipe(0);
	t.proc = init_task->proc;
	t.files = init_task->files;
	t.cred = init_task->cred;
	result = 99;
	host_task_run(&t, reader, NULL);
	KT_EQ_INT(result, 99);
	KT_EQ_INT(wr("abc", 3), 3);
	host_run_others();
	KT_EQ_INT(result, 3);
}

KTEST(pipe, blocked_reader_sees_eof_and_signals)
{
	struct task t = { 0 };

	open_pipe(0);
	t.proc = init_task->proc;
	t.files = init_task->files;
	result = 99;
	host_task_run(&t, reader, NULL);
	t.pending = sigmask(SIGUSR1);
	arch_task_wake(&t);
	host_run_others();
	KT_EQ_INT(result, -ERESTARTSYS);
	t.pending = 0;
	host_task_run(&t, reader, NULL);
	fd_close(current->files, fds[1]);
	host_run_others();
	KT_EQ_INT(result, 0);
}

KTEST(pipe, poll_mask_and_fionread)
{
	struct file *r, *w;
	uaddr_t n = host_user_alloc(4);

	open_pipe(0);
	r = fget(fds[0]);
	w = fget(fds[1]);
	KT_EQ_INT(vfs_poll(r, NULL) & POLLIN, 0);
	KT_EXPECT(vfs_poll(w, NULL) & POLLOUT);
	wr("abcd", 4);
	KT_EXPECT(vfs_poll(r, NULL) & POLLIN);
	KT_EQ_INT(vfs_ioctl(r, FIONREAD, n), 0);
	KT_EQ_INT(*(int *)host_user_ptr(n), 4);
	file_put(r);
	file_put(w);
	fd_close(current->files, fds[1]);
	r = fget(fds[0]);
	KT_EXPECT(vfs_poll(r, NULL) & POLLHUP);
	file_put(r);
}

KTEST(pipe, pipe2_errors)
{
	open_pipe(0);
	KT_EQ_INT(SYS2(NR_pipe2, host_user_alloc(8), 0x1), -EINVAL);
	KT_EQ_INT(SYS2(NR_pipe2, 8, 0), -EFAULT);
	KT_EQ_INT(fget(2) == ERR_PTR(-EBADF), 1); /* EFAULT closed both */
}
