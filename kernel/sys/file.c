/*
 * Descriptor syscalls: read/write and their vector and positioned forms,
 * lseek, close/close_range, dup/dup3, fcntl, ioctl, getdents64, fsync,
 * ftruncate, fchmod/fchown/fchdir, sync. Thin: copy arguments, call the VFS.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/kmalloc.h>
#include <janux/locks.h>
#include <janux/signal.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/vfs.h>

#define IO_CHUNK (64u * 1024) /* bounce buffer size for user I/O */
#define IOV_MAX 1024

static struct files_struct *cur_files(void)
{
	return current ? current->files : NULL;
}

/* How many bytes one read(2) of f may gather in several ->read calls:
 * len for files and block devices, up to ops->read_fill for streams that
 * always have data, 0 for other streams (one call, what is available). */
static size_t read_goal(const struct file *f, size_t len)
{
	if (S_ISREG(f->inode->mode) || S_ISBLK(f->inode->mode))
		return len;
	return f->ops ? MIN(len, f->ops->read_fill) : 0;
}

/* read into user memory through a bounce buffer; pos NULL = f->pos. */
static long do_read(struct file *f, uaddr_t ubuf, size_t len, loff_t *pos)
{
	size_t done = 0, goal = read_goal(f, len), chunk;
	char *kbuf;
	long err = 0;

	if (goal)
		len = goal;
	chunk = MIN(len, (size_t)IO_CHUNK);
	kbuf = kmalloc(chunk ? chunk : 1);
	if (!kbuf)
		return -ENOMEM;
	while (done < len) {
		size_t want = MIN(len - done, chunk);
		ssize_t n = vfs_read(f, kbuf, want, pos);

		if (n < 0) {
			err = n;
			break;
		}
		if (n && arch_copy_to_user(ubuf + done, kbuf, (size_t)n)) {
			err = -EFAULT;
			break;
		}
		done += (size_t)n;
		if ((size_t)n < want || !goal)
			break; /* short read, or a stream: return what we have */
		if (!S_ISREG(f->inode->mode) && !S_ISBLK(f->inode->mode) &&
		    current && signal_pending(current))
			break; /* /dev/zero & co.: a signal cuts the read short */
	}
	if (!len)
		err = vfs_read(f, kbuf, 0, pos);
	kfree(kbuf);
	return done ? (long)done : err;
}

static long do_write(struct file *f, uaddr_t ubuf, size_t len, loff_t *pos)
{
	size_t done = 0, chunk = MIN(len, (size_t)IO_CHUNK);
	char *kbuf = kmalloc(chunk ? chunk : 1);
	long err = 0;

	if (!kbuf)
		return -ENOMEM;
	while (done < len) {
		size_t want = MIN(len - done, chunk);
		ssize_t n;

		if (arch_copy_from_user(kbuf, ubuf + done, want)) {
			err = -EFAULT;
			break;
		}
		n = vfs_write(f, kbuf, want, pos);
		if (n < 0) {
			err = n;
			break;
		}
		done += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	if (!len)
		err = vfs_write(f, kbuf, 0, pos);
	kfree(kbuf);
	return done ? (long)done : err;
}

SYSCALL_DEFINE3(read, int, fd, uaddr_t, buf, size_t, len)
{
	struct file *f = fget(fd);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = do_read(f, buf, len, NULL);
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(write, int, fd, uaddr_t, buf, size_t, len)
{
	struct file *f = fget(fd);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = do_write(f, buf, len, NULL);
	file_put(f);
	return r;
}

/* A positioned transfer needs a seekable file and a non-negative offset. */
static struct file *fget_seekable(int fd, loff_t off, long *err)
{
	struct file *f = fget(fd);

	*err = 0;
	if (IS_ERR(f)) {
		*err = PTR_ERR(f);
		return NULL;
	}
	if (!(f->f_mode & FMODE_LSEEK))
		*err = -ESPIPE;
	else if (off < 0)
		*err = -EINVAL;
	if (*err) {
		file_put(f);
		return NULL;
	}
	return f;
}

SYSCALL_DEFINE_RAW(pread64)
{
	loff_t off = (loff_t)SYSCALL_ARG64(a3, a4);
	long err;
	struct file *f = fget_seekable((int)a0, off, &err);

	if (!f)
		return err;
	err = do_read(f, a1, a2, &off);
	file_put(f);
	return err;
}

SYSCALL_DEFINE_RAW(pwrite64)
{
	loff_t off = (loff_t)SYSCALL_ARG64(a3, a4);
	long err;
	struct file *f = fget_seekable((int)a0, off, &err);

	if (!f)
		return err;
	err = do_write(f, a1, a2, &off);
	file_put(f);
	return err;
}

/* readv/writev: each iovec in turn, stopping at the first short transfer. */
static long do_vector(int fd, uaddr_t uiov, int cnt, bool writing)
{
	unsigned long iov[2];
	size_t total = 0;
	struct file *f;
	long r = 0, done = 0;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	for (int k = 0; k < cnt; k++) {
		if (arch_copy_from_user(iov, uiov + k * sizeof(iov), sizeof(iov)))
			return -EFAULT;
		if ((long)iov[1] < 0 || (total += iov[1]) > (size_t)0x7fffffff)
			return -EINVAL;
	}
	f = fget(fd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	for (int k = 0; k < cnt; k++) {
		arch_copy_from_user(iov, uiov + k * sizeof(iov), sizeof(iov));
		if (!iov[1])
			continue;
		r = writing ? do_write(f, iov[0], iov[1], NULL) : do_read(f, iov[0], iov[1], NULL);
		if (r < 0)
			break;
		done += r;
		if ((unsigned long)r < iov[1])
			break;
	}
	file_put(f);
	return done ? done : r;
}

SYSCALL_DEFINE3(readv, int, fd, uaddr_t, iov, int, cnt)
{
	return do_vector(fd, iov, cnt, false);
}

SYSCALL_DEFINE3(writev, int, fd, uaddr_t, iov, int, cnt)
{
	return do_vector(fd, iov, cnt, true);
}

SYSCALL_DEFINE3(lseek, int, fd, long, off, int, whence)
{
	struct file *f = fget(fd);
	loff_t r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = vfs_lseek(f, off, whence);
	file_put(f);
	return (long)r;
}

/* llseek(fd, offset_high, offset_low, loff_t *result, whence) on ILP32. */
SYSCALL_DEFINE5(llseek, int, fd, unsigned long, hi, unsigned long, lo,
		uaddr_t, result, int, whence)
{
	struct file *f = fget(fd);
	loff_t r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = vfs_lseek(f, (loff_t)(((uint64_t)hi << 32) | (uint32_t)lo), whence);
	file_put(f);
	if (r < 0)
		return (long)r;
	return arch_copy_to_user(result, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(close, int, fd)
{
	return cur_files() ? fd_close(cur_files(), fd) : -EBADF;
}

SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	struct files_struct *fs = cur_files();

	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || first > last)
		return -EINVAL;
	if (!fs)
		return 0;
	for (unsigned int fd = first; fd < fs->max && fd <= last; fd++) {
		if (!fs->fd[fd])
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC)
			fd_set_cloexec(fs, (int)fd, true);
		else
			fd_close(fs, (int)fd);
	}
	return 0;
}

SYSCALL_DEFINE1(dup, int, fd)
{
	struct file *f = fget(fd);
	int r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = fd_install(cur_files(), f, 0, false);
	if (r < 0)
		file_put(f);
	return r;
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	struct file *f;
	int r;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	f = fget(oldfd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	r = fd_install_at(cur_files(), newfd, f, flags & O_CLOEXEC);
	file_put(f);
	return r;
}

static long fcntl_dupfd(struct file *f, unsigned long min, bool cloexec)
{
	int r;

	if (min >= NR_OPEN_DEFAULT)
		return -EINVAL;
	r = fd_install(cur_files(), file_get(f), (int)min, cloexec);
	if (r < 0)
		file_put(f);
	return r;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long r = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	switch (cmd) {
	case F_DUPFD: r = fcntl_dupfd(f, arg, false); break;
	case F_DUPFD_CLOEXEC: r = fcntl_dupfd(f, arg, true); break;
	case F_GETFD: r = fd_get_cloexec(cur_files(), fd); break;
	case F_SETFD: r = fd_set_cloexec(cur_files(), fd, arg & FD_CLOEXEC); break;
	case F_GETFL: r = f->f_flags; break;
	case F_SETFL:
		if (f->f_mode & FMODE_PATH) {
			r = -EBADF;
			break;
		}
		f->f_flags = (f->f_flags & ~(unsigned int)SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		break;
	case F_GETLK64: case F_SETLK64: case F_SETLKW64: /* ILP32: one layout */
		if (sizeof(long) != 4) {
			r = -EINVAL;
			break;
		}
		cmd -= F_GETLK64 - F_GETLK;
		/* fall through */
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		r = (f->f_mode & FMODE_PATH) ? -EBADF : locks_fcntl(f, cur_files(), cmd, arg);
		break;
	case F_GETOWN: r = 0; break;
	case F_SETOWN: r = 0; break;
	default: r = -EINVAL;
	}
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(fcntl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_fcntl(fd, cmd, arg);
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (cmd == FIOCLEX || cmd == FIONCLEX)
		r = fd_set_cloexec(cur_files(), fd, cmd == FIOCLEX);
	else
		r = vfs_ioctl(f, cmd, arg);
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(getdents64, int, fd, uaddr_t, buf, size_t, len)
{
	struct file *f = fget(fd);
	size_t cap = MIN(len, (size_t)IO_CHUNK);
	char *kbuf;
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	kbuf = kmalloc(cap ? cap : 1);
	if (!kbuf) {
		file_put(f);
		return -ENOMEM;
	}
	r = vfs_getdents64(f, kbuf, cap);
	if (r > 0 && arch_copy_to_user(buf, kbuf, (size_t)r))
		r = -EFAULT;
	kfree(kbuf);
	file_put(f);
	return r;
}

/* fsync/fdatasync/syncfs on descriptor fd. */
static long fd_sync(int fd, int (*fn)(struct file *f, bool datasync), bool datasync)
{
	struct file *f = fget(fd);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = fn(f, datasync);
	file_put(f);
	return r;
}

static int syncfs_file(struct file *f, bool unused)
{
	return vfs_syncfs(f);
}

SYSCALL_DEFINE1(fsync, int, fd) { return fd_sync(fd, vfs_fsync, false); }
SYSCALL_DEFINE1(fdatasync, int, fd) { return fd_sync(fd, vfs_fsync, true); }
SYSCALL_DEFINE0(sync) { vfs_sync_all(); return 0; }
SYSCALL_DEFINE1(syncfs, int, fd) { return fd_sync(fd, syncfs_file, false); }

SYSCALL_DEFINE_RAW(ftruncate)
{
	struct file *f = fget((int)a0);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = (f->f_mode & FMODE_PATH) ? -EBADF : vfs_ftruncate(f, (int64_t)SYSCALL_ARG64(a1, a2));
	file_put(f);
	return r;
}

SYSCALL_DEFINE2(fchmod, int, fd, mode_t, mode)
{
	struct file *f = fget(fd);
	struct path p;
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	p = (struct path){ f->mnt, f->inode };
	r = (f->f_mode & FMODE_PATH) ? -EBADF : vfs_chmod(&p, mode);
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(fchown, int, fd, uid_t, uid, gid_t, gid)
{
	struct file *f = fget(fd);
	struct path p;
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	p = (struct path){ f->mnt, f->inode };
	r = (f->f_mode & FMODE_PATH) ? -EBADF : vfs_chown(&p, uid, gid);
	file_put(f);
	return r;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	return vfs_chdir_at(fd, "", AT_EMPTY_PATH);
}
