/*
 * The console terminal: /dev/console (5,1) over the arch console, and
 * /dev/tty (5,0), which opens the caller's controlling terminal.
 */
#include <arch.h>
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/file.h>
#include <janux/task.h>
#include <janux/tty.h>
#include <janux/vfs.h>

struct tty console_tty;

static void console_out(struct tty *tty, const char *buf, size_t n)
{
	if (n)
		arch_console_write(buf, n);
}

void tty_console_input(const char *buf, size_t n)
{
	tty_receive(&console_tty, buf, n);
}

/* Neither /dev/console nor /dev/tty becomes a controlling terminal by
 * open (as Linux); sessions take one with TIOCSCTTY. */
static int tty_open(struct inode *inode, struct file *f)
{
	struct tty *tty = &console_tty;

	if (MINOR(inode->rdev) == 0) {
		tty = current ? current->proc->tty : NULL;
		if (!tty)
			return -ENXIO;
	}
	f->private_data = tty;
	return 0;
}

static ssize_t tty_file_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	return tty_read(f->private_data, buf, n, f->f_flags & O_NONBLOCK);
}

static ssize_t tty_file_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	return tty_write(f->private_data, buf, n);
}

static unsigned int tty_file_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = f->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &tty->read_wait, pt);
	if (tty->in_len || tty->eofs)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static long tty_file_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return tty_ioctl(f->private_data, cmd, arg);
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_file_read,
	.write = tty_file_write,
	.poll = tty_file_poll,
	.ioctl = tty_file_ioctl,
};

int tty_console_init(void)
{
	int err;

	tty_init(&console_tty, "console", console_out);
	console_tty.dev = MKDEV(TTYAUX_MAJOR, 1);
	err = chrdev_register(TTYAUX_MAJOR, 1, "console", 0600, &tty_fops);
	if (!err)
		err = chrdev_register(TTYAUX_MAJOR, 0, "tty", 0666, &tty_fops);
	return err;
}
