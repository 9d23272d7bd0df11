/* Pipes and named FIFOs: ring buffer, blocking and non-blocking I/O, EOF,
 * EPIPE+SIGPIPE; a FIFO inode carries its pipe while it is open. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/pipe.h>
#include <janux/stat.h>
#include <janux/string.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/vfs.h>
#include <janux/wait.h>

struct pipe {
	char *buf;
	size_t head, len;          /* read position and bytes held */
	int readers, writers;
	unsigned int r_opens, w_opens; /* FIFO opens so far, for open waiters */
	struct inode *fifo;        /* the FIFO inode holding it, or NULL */
	struct waitqueue rd_wq;    /* readers wait for data or EOF */
	struct waitqueue wr_wq;    /* writers wait for room or no reader */
};

static size_t pipe_room(const struct pipe *p)
{
	return PIPE_CAPACITY - p->len;
}

static ssize_t pipe_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	struct pipe *p = f->private_data;
	size_t n, first;
	int err;

	if (len == 0)
		return 0;
	while (p->len == 0) {
		if (p->writers == 0)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event(&p->rd_wq, p->len > 0 || p->writers == 0,
				 WAIT_INTERRUPTIBLE, WAIT_FOREVER);
		if (err)
			return err;
	}
	n = MIN(len, p->len);
	first = MIN(n, PIPE_CAPACITY - p->head);
	memcpy(buf, p->buf + p->head, first);
	memcpy((char *)buf + first, p->buf, n - first);
	p->head = (p->head + n) % PIPE_CAPACITY;
	p->len -= n;
	wake_up_all(&p->wr_wq);
	return (ssize_t)n;
}

/* Append n bytes (n <= room). */
static void pipe_put(struct pipe *p, const char *src, size_t n)
{
	size_t tail = (p->head + p->len) % PIPE_CAPACITY;
	size_t first = MIN(n, PIPE_CAPACITY - tail);

	memcpy(p->buf + tail, src, first);
	memcpy(p->buf, src + first, n - first);
	p->len += n;
	wake_up_all(&p->rd_wq);
}

static ssize_t pipe_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	struct pipe *p = f->private_data;
	size_t done = 0, need, n;
	int err;

	while (done < len) {
		if (p->readers == 0) {
			sig_send_task(current, SIGPIPE, NULL);
			return done ? (ssize_t)done : -EPIPE;
		}
		need = len <= PIPE_BUF ? len : 1; /* small writes go in whole */
		if (pipe_room(p) < need) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			err = wait_event(&p->wr_wq, pipe_room(p) >= need ||
					 p->readers == 0, WAIT_INTERRUPTIBLE,
					 WAIT_FOREVER);
			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		n = MIN(len - done, pipe_room(p));
		pipe_put(p, (const char *)buf + done, n);
		done += n;
	}
	return (ssize_t)done;
}

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->private_data;
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ) {
		poll_wait(f, &p->rd_wq, pt);
		if (p->len)
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		poll_wait(f, &p->wr_wq, pt);
		if (pipe_room(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private_data;
	int n = (int)p->len;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return arch_copy_to_user(arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe *p = f->private_data;

	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	wake_up_all(&p->rd_wq);
	wake_up_all(&p->wr_wq);
	if (!p->readers && !p->writers) {
		if (p->fifo)
			p->fifo->pipe = NULL;
		kfree(p->buf);
		kfree(p);
	}
}

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p || !(p->buf = kmalloc(PIPE_CAPACITY))) {
		kfree(p);
		return NULL;
	}
	waitqueue_init(&p->rd_wq);
	waitqueue_init(&p->wr_wq);
	return p;
}

/*
 * open(2) of a FIFO, as Linux: a reader waits for a writer and a writer
 * for a reader (O_NONBLOCK: a reader does not wait, a writer without
 * reader gets -ENXIO); O_RDWR never waits. Both ends share the inode's pipe.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p = inode->pipe;
	bool rd = f->f_mode & FMODE_READ, wr = f->f_mode & FMODE_WRITE;
	unsigned int seen;
	int err = 0;

	if (wr && !rd && (f->f_flags & O_NONBLOCK) && (!p || !p->readers))
		return -ENXIO;
	if (!p && !(p = inode->pipe = pipe_alloc()))
		return -ENOMEM;
	p->fifo = inode;
	f->private_data = p;
	p->readers += rd;
	p->writers += wr;
	p->r_opens += rd;
	p->w_opens += wr;
	wake_up_all(&p->rd_wq);
	wake_up_all(&p->wr_wq);
	if (rd && !wr && !(f->f_flags & O_NONBLOCK) && !p->writers) {
		seen = p->w_opens;
		err = wait_event(&p->rd_wq, p->w_opens != seen, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
	} else if (wr && !rd && !p->readers) {
		seen = p->r_opens;
		err = wait_event(&p->wr_wq, p->r_opens != seen, WAIT_INTERRUPTIBLE, WAIT_FOREVER);
	}
	if (err)
		pipe_release(inode, f); /* undo; frees the pipe when nobody uses it */
	return err;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

const struct file_operations fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

int pipe_create(unsigned int flags, struct file **rd, struct file **wr)
{
	struct pipe *p = pipe_alloc();
	unsigned int nb = flags & O_NONBLOCK;

	if (!p)
		return -ENOMEM;
	p->readers = p->writers = 1;
	*rd = anon_file_create(&pipe_fops, p, S_IFIFO | 0600, O_RDONLY | nb, NULL);
	if (IS_ERR(*rd)) {
		kfree(p->buf);
		kfree(p);
		return -ENOMEM;
	}
	*wr = anon_file_create(&pipe_fops, p, S_IFIFO | 0600, O_WRONLY | nb,
			       (*rd)->inode);
	if (IS_ERR(*wr)) {
		p->writers = 0;
		file_put(*rd);
		return -ENOMEM;
	}
	return 0;
}

SYSCALL_DEFINE2(pipe2, uaddr_t, fds, int, flags)
{
	struct file *rd, *wr;
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if ((err = pipe_create((unsigned int)flags, &rd, &wr)))
		return err;
	fd[0] = fd_install(current->files, rd, 0, flags & O_CLOEXEC);
	if (fd[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fd[0];
	}
	fd[1] = fd_install(current->files, wr, 0, flags & O_CLOEXEC);
	if (fd[1] < 0) {
		fd_close(current->files, fd[0]);
		file_put(wr);
		return fd[1];
	}
	if (arch_copy_to_user(fds, fd, sizeof(fd))) {
		fd_close(current->files, fd[0]);
		fd_close(current->files, fd[1]);
		return -EFAULT;
	}
	return 0;
}
