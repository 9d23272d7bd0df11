/* The file and fs syscalls through their entry points, with user memory. */
#include <stdio.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/signal.h>
#include <janux/stat.h>
#include <janux/syscall.h>
#include <janux/vfs.h>
#include <host_machine.h>
#include "fs_fixture.h"
#include "ktest.h"

#define SC(name, ...) sys_##name(__VA_ARGS__)

/* A user copy of a C string. */
static uaddr_t ustr(const char *s)
{
	uaddr_t u = host_user_alloc(strlen(s) + 1);

	memcpy(host_user_ptr(u), s, strlen(s) + 1);
	return u;
}

static long sopen(const char *name, int flags)
{
	return SC(openat, (unsigned long)AT_FDCWD, ustr(name), (unsigned long)flags, 0644, 0, 0);
}

KTEST(sys_file, open_write_seek_read)
{
	uaddr_t buf = host_user_alloc(64);
	long fd;

	fs_fixture_boot();
	fd = sopen("/f", O_RDWR | O_CREAT);
	KT_ASSERT(fd >= 0);
	memcpy(host_user_ptr(buf), "abcdef", 6);
	KT_EQ_INT(SC(write, fd, buf, 6, 0, 0, 0), 6);
	KT_EQ_INT(SC(lseek, fd, 1, SEEK_SET, 0, 0, 0), 1);
	KT_EQ_INT(SC(read, fd, buf + 10, 3, 0, 0, 0), 3);
	KT_EQ_MEM(host_user_ptr(buf + 10), "bcd", 3);
	KT_EQ_INT(SC(pread64, fd, buf + 20, 2, 4, 0, 0), 2);
	KT_EQ_MEM(host_user_ptr(buf + 20), "ef", 2);
	KT_EQ_INT(SC(lseek, fd, 0, SEEK_CUR, 0, 0, 0), 4);
	KT_EQ_INT(SC(lseek, fd, -10, SEEK_SET, 0, 0, 0), -EINVAL);
	KT_EQ_INT(SC(read, fd, 0x10, 3, 0, 0, 0), -EFAULT);
	KT_EQ_INT(SC(close, fd, 0, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(close, fd, 0, 0, 0, 0, 0), -EBADF);
	KT_EQ_INT(SC(read, 77, buf, 1, 0, 0, 0), -EBADF);
}

KTEST(sys_file, bad_user_pointers_efault)
{
	fs_fixture_boot();
	KT_EQ_INT(SC(openat, (unsigned long)AT_FDCWD, 0x10, 0, 0, 0, 0), -EFAULT);
	KT_EQ_INT(SC(mkdirat, (unsigned long)AT_FDCWD, 0x10, 0755, 0, 0, 0), -EFAULT);
	KT_EQ_INT(SC(getcwd, 0x10, 100, 0, 0, 0, 0), -EFAULT);
	KT_EQ_INT(SC(newfstatat, (unsigned long)AT_FDCWD, ustr("/"), 0x10, 0, 0, 0), -EFAULT);
}

KTEST(sys_file, dup_dup3_fcntl_cloexec)
{
	long fd, d;

	fs_fixture_boot();
	fd = sopen("/f", O_RDWR | O_CREAT | O_CLOEXEC);
	KT_ASSERT(fd == 0);
	KT_EQ_INT(SC(fcntl, fd, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	d = SC(dup, fd, 0, 0, 0, 0, 0);
	KT_EQ_INT(d, 1);
	KT_EQ_INT(SC(fcntl, d, F_GETFD, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(dup3, fd, 10, O_CLOEXEC, 0, 0, 0), 10);
	KT_EQ_INT(SC(fcntl, 10, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	KT_EQ_INT(SC(dup3, fd, fd, 0, 0, 0, 0), -EINVAL);
	KT_EQ_INT(SC(dup3, fd, 11, 0x1, 0, 0, 0), -EINVAL);
	KT_EQ_INT(SC(fcntl, fd, F_DUPFD, 5, 0, 0, 0), 5);
	KT_EQ_INT(SC(fcntl, fd, F_DUPFD_CLOEXEC, 5, 0, 0, 0), 6);
	KT_EQ_INT(SC(fcntl, 6, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	KT_EQ_INT(SC(fcntl, fd, F_GETFL, 0, 0, 0, 0), O_RDWR);
	KT_EQ_INT(SC(fcntl, fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY, 0, 0, 0), 0);
	KT_EQ_INT(SC(fcntl, fd, F_GETFL, 0, 0, 0, 0), O_RDWR | O_APPEND | O_NONBLOCK);
	KT_EQ_INT(SC(fcntl, fd, F_SETLK, 0, 0, 0, 0), -EFAULT); /* flock at NULL */
	KT_EQ_INT(SC(fcntl, fd, 9999, 0, 0, 0, 0), -EINVAL);
	KT_EQ_INT(SC(fcntl, 99, F_GETFD, 0, 0, 0, 0), -EBADF);
	KT_EQ_INT(SC(ioctl, fd, FIONCLEX, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(fcntl, fd, F_GETFD, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(ioctl, fd, 0x5401 /* TCGETS */, 0, 0, 0, 0), -ENOTTY);
	KT_EQ_INT(SC(close_range, 5, 20, CLOSE_RANGE_CLOEXEC, 0, 0, 0), 0);
	KT_EQ_INT(SC(fcntl, 5, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	KT_EQ_INT(SC(close_range, 1, ~0u, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(fcntl, 10, F_GETFD, 0, 0, 0, 0), -EBADF);
	KT_EQ_INT(SC(close_range, 5, 1, 0, 0, 0, 0), -EINVAL);
}

KTEST(sys_file, fionbio)
{
	uaddr_t one = host_user_alloc(4);
	long fd;

	fs_fixture_boot();
	*(int *)host_user_ptr(one) = 1;
	fd = sopen("/dev/null", O_RDONLY);
	KT_EQ_INT(SC(ioctl, fd, FIONBIO, one, 0, 0, 0), 0);
	KT_EQ_INT(SC(fcntl, fd, F_GETFL, 0, 0, 0, 0), O_NONBLOCK);
	KT_EQ_INT(SC(ioctl, fd, FIONBIO, 0x10, 0, 0, 0), -EFAULT);
}

KTEST(sys_file, readv_writev)
{
	uaddr_t iov = host_user_alloc(4 * sizeof(unsigned long)), b = host_user_alloc(16);
	unsigned long *v = host_user_ptr(iov);
	long fd;

	fs_fixture_boot();
	fd = sopen("/f", O_RDWR | O_CREAT);
	memcpy(host_user_ptr(b), "0123456789", 10);
	v[0] = b; v[1] = 3; v[2] = b + 5; v[3] = 2;
	KT_EQ_INT(SC(writev, fd, iov, 2, 0, 0, 0), 5);
	KT_EQ_INT(SC(lseek, fd, 0, SEEK_SET, 0, 0, 0), 0);
	memset(host_user_ptr(b), 0, 16);
	v[1] = 1; v[3] = 10;
	KT_EQ_INT(SC(readv, fd, iov, 2, 0, 0, 0), 5);
	KT_EQ_MEM(host_user_ptr(b), "0", 1);
	KT_EQ_MEM(host_user_ptr(b + 5), "1256", 4);
	KT_EQ_INT(SC(readv, fd, iov, -1, 0, 0, 0), -EINVAL);
	KT_EQ_INT(SC(readv, fd, 0x10, 1, 0, 0, 0), -EFAULT);
}

/* Regression: read(2) of /dev/zero or /dev/urandom stopped at the 64 KiB
 * bounce buffer; Linux gives the full count (a pending signal cuts it
 * short after the first chunk), while a pipe still returns what it holds. */
KTEST(sys_file, dev_zero_urandom_read_full_count)
{
	const size_t big = 200 * 1024;
	uaddr_t b = host_user_alloc(big), pfd = host_user_alloc(8);
	struct task *t;
	int fds[2];
	long fd;

	t = fs_fixture_boot();
	memset(host_user_ptr(b), 0xa5, big);
	fd = sopen("/dev/zero", O_RDONLY);
	KT_EQ_INT(SC(read, fd, b, big, 0, 0, 0), (long)big);
	KT_EXPECT(((unsigned char *)host_user_ptr(b))[big - 1] == 0 &&
		  ((unsigned char *)host_user_ptr(b))[70000] == 0);
	fd = sopen("/dev/urandom", O_RDONLY);
	KT_EQ_INT(SC(read, fd, b, big, 0, 0, 0), (long)big);
	t->pending |= sigmask(SIGUSR1);
	KT_EQ_INT(SC(read, fd, b, big, 0, 0, 0), 64 * 1024);
	t->pending = 0;
	KT_EQ_INT(SC(pipe2, pfd, 0, 0, 0, 0, 0), 0);
	memcpy(fds, host_user_ptr(pfd), sizeof(fds));
	KT_EQ_INT(SC(write, fds[1], b, 100, 0, 0, 0), 100);
	KT_EQ_INT(SC(read, fds[0], b, big, 0, 0, 0), 100);
}

/* Walk linux_dirent64 records; collect "name," into out. */
static void names_of(const char *buf, long n, char *out)
{
	out[0] = '\0';
	for (long off = 0; off < n;) {
		unsigned short reclen;

		memcpy(&reclen, buf + off + 16, 2);
		strcat(out, buf + off + 19);
		strcat(out, ",");
		off += reclen;
	}
}

KTEST(sys_file, getdents64)
{
	uaddr_t buf = host_user_alloc(1024);
	char names[256];
	long fd, n;

	fs_fixture_boot();
	KT_EQ_INT(SC(mkdirat, (unsigned long)AT_FDCWD, ustr("/d"), 0755, 0, 0, 0), 0);
	KT_EQ_INT(SC(mkdirat, (unsigned long)AT_FDCWD, ustr("/d/x"), 0755, 0, 0, 0), 0);
	KT_EQ_INT(SC(mknodat, (unsigned long)AT_FDCWD, ustr("/d/y"), S_IFREG | 0644, 0, 0, 0), 0);
	fd = sopen("/d", O_RDONLY | O_DIRECTORY);
	KT_EQ_INT(SC(getdents64, fd, buf, 10, 0, 0, 0), -EINVAL);
	n = SC(getdents64, fd, buf, 1024, 0, 0, 0);
	KT_ASSERT(n > 0);
	names_of(host_user_ptr(buf), n, names);
	KT_EQ_STR(names, ".,..,x,y,");
	KT_EQ_INT(SC(getdents64, fd, buf, 1024, 0, 0, 0), 0);
	KT_EQ_INT(SC(lseek, fd, 0, SEEK_SET, 0, 0, 0), 0);
	KT_EQ_INT(SC(unlinkat, (unsigned long)AT_FDCWD, ustr("/d/x"), AT_REMOVEDIR, 0, 0, 0), 0);
	n = SC(getdents64, fd, buf, 1024, 0, 0, 0);
	names_of(host_user_ptr(buf), n, names);
	KT_EQ_STR(names, ".,..,y,");
	KT_EQ_INT(SC(getdents64, sopen("/d/y", O_RDONLY), buf, 1024, 0, 0, 0), -ENOTDIR);
}

KTEST(sys_file, stat_layouts)
{
	uaddr_t st = host_user_alloc(256);
	long fd;

	fs_fixture_boot();
	fd = sopen("/f", O_RDWR | O_CREAT);
	KT_EQ_INT(SC(write, fd, ustr("12345"), 5, 0, 0, 0), 5);
	KT_EQ_INT(SC(statx, (unsigned long)AT_FDCWD, ustr("/f"), 0, STATX_BASIC_STATS, st, 0), 0);
	KT_EQ_INT(((struct uapi_statx *)host_user_ptr(st))->stx_size, 5);
	KT_EQ_INT(((struct uapi_statx *)host_user_ptr(st))->stx_mode, S_IFREG | 0644);
	KT_EQ_INT(SC(statx, (unsigned long)fd, ustr(""), AT_EMPTY_PATH, 0, st, 0), 0);
	KT_EQ_INT(((struct uapi_statx *)host_user_ptr(st))->stx_size, 5);
	KT_EQ_INT(SC(statx, (unsigned long)fd, ustr(""), 0, 0, st, 0), -ENOENT);
	KT_EQ_INT(SC(statx, (unsigned long)AT_FDCWD, ustr("/f"), 0, STATX__RESERVED, st, 0), -EINVAL);
	KT_EQ_INT(SC(newfstatat, (unsigned long)AT_FDCWD, ustr("/dev/null"), st, 0, 0, 0), 0);
	KT_EQ_INT(((struct uapi_stat64 *)host_user_ptr(st))->st_rdev, 0x103);
	KT_EQ_INT(SC(fstat, fd, st, 0, 0, 0, 0), 0);
	KT_EQ_INT(((struct uapi_stat64 *)host_user_ptr(st))->st_size, 5);
	KT_EQ_INT(SC(fstat, 55, st, 0, 0, 0, 0), -EBADF);
	KT_EQ_INT(SC(statfs, ustr("/"), st, 0, 0, 0, 0), 0);
	KT_EQ_INT(((struct uapi_statfs64 *)host_user_ptr(st))->f_type, 0x01021994);
}

KTEST(sys_file, umask_getcwd_utimensat)
{
	uaddr_t buf = host_user_alloc(64), ts = host_user_alloc(32);
	int64_t *t = host_user_ptr(ts);
	struct kstat st;

	fs_fixture_boot();
	KT_EQ_INT(SC(umask, 077, 0, 0, 0, 0, 0), 022);
	KT_EQ_INT(SC(mkdirat, (unsigned long)AT_FDCWD, ustr("/m"), 0777, 0, 0, 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/m", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFDIR | 0700);
	KT_EQ_INT(SC(chdir, ustr("/m"), 0, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(getcwd, buf, 64, 0, 0, 0, 0), 3);
	KT_EQ_STR((char *)host_user_ptr(buf), "/m");
	KT_EQ_INT(SC(getcwd, buf, 2, 0, 0, 0, 0), -ERANGE);
	t[0] = 100; t[1] = 5; t[2] = 200; t[3] = UTIME_OMIT;
	KT_EQ_INT(SC(utimensat, (unsigned long)AT_FDCWD, ustr("/m"), ts, 0, 0, 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/m", 0, &st), 0);
	KT_EQ_INT(st.atime.tv_sec, 100);
	KT_EXPECT(st.mtime.tv_sec != 200);
	t[1] = 1000000000;
	KT_EQ_INT(SC(utimensat, (unsigned long)AT_FDCWD, ustr("/m"), ts, 0, 0, 0), -EINVAL);
}

/* Linux's fchmodat (53) has three arguments: musl's chmod leaves whatever
 * the fourth register held, and busybox's chmod got EINVAL from it. */
KTEST(sys_file, fchmodat_ignores_the_fourth_register)
{
	struct kstat st;

	fs_fixture_boot();
	KT_EQ_INT(SC(close, sopen("/f", O_RDWR | O_CREAT), 0, 0, 0, 0, 0), 0);
	KT_EQ_INT(SC(fchmodat, (unsigned long)AT_FDCWD, ustr("/f"), 0741, 0x5a5a, 0, 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/f", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFREG | 0741);
	KT_EQ_INT(SC(fchmodat, (unsigned long)AT_FDCWD, ustr("/nope"), 0600, 0, 0, 0), -ENOENT);
}
