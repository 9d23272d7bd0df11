/* Descriptor tables: the fd -> file map of a process, with close-on-exec. */
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/locks.h>
#include <janux/string.h>
#include <janux/task.h>

/* A table's first size: one word of bits, as Linux (NR_OPEN_DEFAULT there);
 * select() looks only at descriptors below the table's size, so a bit set
 * for a closed descriptor under it is -EBADF on both. */
#define FD_INITIAL (8 * (unsigned int)sizeof(long))

struct files_struct *files_alloc(void)
{
	struct files_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refs = 1;
	return fs;
}

/* Make room for descriptor `fd` (doubling, capped at NR_OPEN_DEFAULT). */
static int files_grow(struct files_struct *fs, unsigned int fd)
{
	unsigned int n = fs->max ? fs->max : FD_INITIAL;
	struct file **nfd;
	unsigned char *ncl;

	if (fd >= NR_OPEN_DEFAULT)
		return -EMFILE;
	if (fd < fs->max)
		return 0;
	while (n <= fd)
		n *= 2;
	if (n > NR_OPEN_DEFAULT)
		n = NR_OPEN_DEFAULT;
	nfd = kzalloc(n * sizeof(*nfd));
	ncl = kzalloc(n);
	if (!nfd || !ncl) {
		kfree(nfd);
		kfree(ncl);
		return -ENOMEM;
	}
	if (fs->max) {
		memcpy(nfd, fs->fd, fs->max * sizeof(*nfd));
		memcpy(ncl, fs->cloexec, fs->max);
	}
	kfree(fs->fd);
	kfree(fs->cloexec);
	fs->fd = nfd;
	fs->cloexec = ncl;
	fs->max = n;
	return 0;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *fs = files_alloc();

	if (!fs)
		return NULL;
	if (old->max && files_grow(fs, old->max - 1)) {
		files_put(fs);
		return NULL;
	}
	for (unsigned int i = 0; i < old->max; i++) {
		fs->fd[i] = old->fd[i] ? file_get(old->fd[i]) : NULL;
		fs->cloexec[i] = old->cloexec[i];
	}
	return fs;
}

struct files_struct *files_get(struct files_struct *fs)
{
	fs->refs++;
	return fs;
}

/* The table lets go of f: its POSIX locks on the file go too. */
static void fd_release(struct files_struct *fs, struct file *f)
{
	locks_close_posix(fs, f);
	file_put(f);
}

void files_put(struct files_struct *fs)
{
	if (!fs || --fs->refs)
		return;
	for (unsigned int i = 0; i < fs->max; i++)
		if (fs->fd[i])
			fd_release(fs, fs->fd[i]);
	kfree(fs->fd);
	kfree(fs->cloexec);
	kfree(fs);
}

void files_close_on_exec(struct files_struct *fs)
{
	for (unsigned int i = 0; i < fs->max; i++)
		if (fs->fd[i] && fs->cloexec[i])
			fd_close(fs, (int)i);
}

int fd_install(struct files_struct *fs, struct file *f, int minfd, bool cloexec)
{
	unsigned int fd;
	int err;

	if (minfd < 0 || minfd >= NR_OPEN_DEFAULT)
		return -EINVAL;
	for (fd = (unsigned int)minfd; fd < fs->max && fs->fd[fd]; fd++)
		;
	err = files_grow(fs, fd);
	if (err)
		return err;
	fs->fd[fd] = f;
	fs->cloexec[fd] = cloexec;
	return (int)fd;
}

int fd_install_at(struct files_struct *fs, int fd, struct file *f, bool cloexec)
{
	struct file *old;
	int err;

	if (fd < 0 || fd >= NR_OPEN_DEFAULT)
		return -EBADF;
	err = files_grow(fs, (unsigned int)fd);
	if (err)
		return err;
	old = fs->fd[fd];
	fs->fd[fd] = file_get(f);
	fs->cloexec[fd] = cloexec;
	if (old)
		fd_release(fs, old);
	return fd;
}

struct file *fd_get(struct files_struct *fs, int fd)
{
	if (!fs || fd < 0 || (unsigned int)fd >= fs->max || !fs->fd[fd])
		return ERR_PTR(-EBADF);
	return file_get(fs->fd[fd]);
}

int fd_close(struct files_struct *fs, int fd)
{
	struct file *f;

	if (fd < 0 || (unsigned int)fd >= fs->max || !fs->fd[fd])
		return -EBADF;
	f = fs->fd[fd];
	fs->fd[fd] = NULL;
	fs->cloexec[fd] = 0;
	fd_release(fs, f);
	return 0;
}

int fd_get_cloexec(struct files_struct *fs, int fd)
{
	if (fd < 0 || (unsigned int)fd >= fs->max || !fs->fd[fd])
		return -EBADF;
	return fs->cloexec[fd];
}

int fd_set_cloexec(struct files_struct *fs, int fd, bool on)
{
	if (fd < 0 || (unsigned int)fd >= fs->max || !fs->fd[fd])
		return -EBADF;
	fs->cloexec[fd] = on;
	return 0;
}

struct file *fget(int fd)
{
	struct task *t = current;

	return fd_get(t ? t->files : NULL, fd);
}
