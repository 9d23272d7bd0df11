/* Parity: regular files: open flags, read/write/seek, pread/pwrite, vectors,
 * truncate, dup family, fcntl flags, links, rename, symlinks, times.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>

static void show_stat(const char *path)
{
	struct stat st;
	if (CHECK(lstat(path, &st)) == 0)
		say("  %s: size %ld nlink %ld mode %o\n", path, (long)st.st_size,
		    (long)st.st_nlink, (unsigned)st.st_mode);
}

static void rw(void)
{
	char buf[64] = {0};
	int fd = CHECK(open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK(open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
	VALUE(write(fd, "hello, world\n", 13));
	VALUE(lseek(fd, 0, SEEK_CUR));
	VALUE(lseek(fd, 7, SEEK_SET));
	VALUE(read(fd, buf, sizeof buf));
	say("  read: %s", buf);
	VALUE(read(fd, buf, sizeof buf));
	VALUE(lseek(fd, -6, SEEK_END));
	VALUE(lseek(fd, 100, SEEK_SET));
	VALUE(write(fd, "x", 1));
	show_stat("f");
	VALUE(lseek(fd, -1, SEEK_SET));
	VALUE(pwrite(fd, "HELLO", 5, 0));
	memset(buf, 0, sizeof buf);
	VALUE(pread(fd, buf, 12, 0));
	say("  pread: %s\n", buf);
	VALUE(lseek(fd, 0, SEEK_CUR));
	struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
	VALUE(lseek(fd, 0, SEEK_SET));
	VALUE(writev(fd, iov, 2));
	char a[3] = {0}, b[4] = {0};
	struct iovec rv[2] = {{a, 2}, {b, 3}};
	VALUE(lseek(fd, 0, SEEK_SET));
	VALUE(readv(fd, rv, 2));
	say("  readv: %s|%s\n", a, b);
	CHECK(ftruncate(fd, 4));
	show_stat("f");
	CHECK(truncate("f", 10));
	VALUE(pread(fd, buf, sizeof buf, 0));
	say("  bytes: %d %d %d %d %d\n", buf[0], buf[3], buf[4], buf[8], buf[9]);
	CHECK(close(fd));
}

static void flags(void)
{
	int fd = CHECK(open("f", O_WRONLY | O_APPEND));
	VALUE(write(fd, "tail", 4));
	VALUE(lseek(fd, 0, SEEK_CUR));
	VALUE(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK));
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK));
	VALUE(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK));
	VALUE(fcntl(fd, F_GETFD));
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	VALUE(fcntl(fd, F_GETFD));
	int d = CHECK(dup(fd));
	VALUE(fcntl(d, F_GETFD));
	VALUE(dup2(fd, 20));
	VALUE(dup3(fd, 21, O_CLOEXEC));
	VALUE(fcntl(21, F_GETFD));
	VALUE(dup3(fd, fd, 0));
	VALUE(fcntl(fd, F_DUPFD, 30));
	VALUE(fcntl(fd, F_DUPFD_CLOEXEC, 30));
	VALUE(fcntl(31, F_GETFD));
	CHECK(close(d));
	CHECK(close(20));
	CHECK(close(21));
	CHECK(close(30));
	CHECK(close(31));
	CHECK(close(fd));
	fd = CHECK(open("f", O_RDWR | O_TRUNC));
	show_stat("f");
	CHECK(close(fd));
}

static void names(void)
{
	char buf[64] = {0};
	CHECK(link("f", "g"));
	show_stat("f");
	CHECK(rename("g", "h"));
	CHECK(access("g", F_OK));
	CHECK(symlink("h", "s"));
	show_stat("s");
	VALUE(readlink("s", buf, sizeof buf));
	say("  readlink: %s\n", buf);
	struct stat st;
	CHECK(stat("s", &st));
	YESNO(S_ISREG(st.st_mode));
	CHECK(unlink("h"));
	show_stat("f");
	CHECK(open("s", O_RDONLY));
	CHECK(unlink("s"));
	struct timespec ts[2] = {{1000000000, 5}, {1234567890, 0}};
	CHECK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK(stat("f", &st));
	say("  atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
	CHECK(rename("f", "f2"));
	CHECK(unlink("f2"));
}

int main(void)
{
	umask(022);
	rw();
	flags();
	names();
	return 0;
}
