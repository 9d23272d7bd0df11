/*
 * A WASI preview1 command built by Debian's clang and wasi-libc
 * (--target=wasm32-wasi), run on Janux through the WASI layer by the
 * `wasi` test of t.c: prints "ok CHECK" or "FAIL CHECK: ..." per check,
 * echoes a line of stdin, and exits with status 7.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static void check(const char *name, int ok, const char *why)
{
	if (ok)
		printf("ok %s\n", name);
	else
		printf("FAIL %s: %s (errno %d)\n", name, why, errno);
}

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void test_args(int argc, char **argv)
{
	const char *x = getenv("WASI_X");

	check("wasi-argc", argc == 3, "argc");
	check("wasi-argv", argc == 3 && !strcmp(argv[1], "a1") && !strcmp(argv[2], "two words"), "argv");
	check("wasi-environ", x && !strcmp(x, "42"), "WASI_X");
}

static int dir_has(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		found |= !strcmp(e->d_name, name) && e->d_type == DT_REG;
	closedir(d);
	return found;
}

/* pwrite/pread at offsets leave the file position alone; F_SETFL O_APPEND. */
static void test_positioned(const char *path)
{
	char buf[8] = { 0 };
	int fd = open(path, O_RDWR);

	check("wasi-pwrite", pwrite(fd, "WASI", 4, 6) == 4 && lseek(fd, 0, SEEK_CUR) == 0, "pwrite");
	check("wasi-pread", pread(fd, buf, 4, 6) == 4 && !memcmp(buf, "WASI", 4), "pread");
	check("wasi-setfl-append", fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND) &&
	      write(fd, "+", 1) == 1 && lseek(fd, 0, SEEK_CUR) == 17, "O_APPEND via fd_fdstat_set_flags");
	close(fd);
}

/* link() (path_link), utimensat() and futimens() (the set_times calls). */
static void test_link_times(const char *path)
{
	struct timespec ts[2] = { { 1000000000, 5 }, { 1234567890, 0 } };
	struct timespec mt[2] = { { 0, UTIME_OMIT }, { 2000000000, 0 } };
	struct stat st;
	int fd;

	check("wasi-link", link(path, "/tmp/wd/hard") == 0 && stat("/tmp/wd/hard", &st) == 0 && st.st_nlink == 2 &&
	      unlink("/tmp/wd/hard") == 0, "link");
	check("wasi-utimensat", utimensat(AT_FDCWD, path, ts, 0) == 0 && stat(path, &st) == 0 &&
	      st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 1234567890, "utimensat");
	fd = open(path, O_RDONLY);
	check("wasi-futimens", futimens(fd, mt) == 0 && fstat(fd, &st) == 0 &&
	      st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 2000000000, "futimens");
	close(fd);
}

static void test_files(void)
{
	static const char text[] = "hello wasi file\n";
	char buf[64] = { 0 };
	struct stat st;
	int fd = open("/tmp/wasi.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);

	check("wasi-create", fd >= 0, "open O_CREAT");
	check("wasi-write", write(fd, text, sizeof(text) - 1) == sizeof(text) - 1, "write");
	close(fd);
	fd = open("/tmp/wasi.txt", O_RDONLY);
	check("wasi-read", read(fd, buf, sizeof(buf)) == sizeof(text) - 1 && !strcmp(buf, text), "read back");
	check("wasi-seek", lseek(fd, 6, SEEK_SET) == 6 && read(fd, buf, 4) == 4 && !memcmp(buf, "wasi", 4), "lseek");
	check("wasi-fstat", fstat(fd, &st) == 0 && st.st_size == sizeof(text) - 1 && S_ISREG(st.st_mode), "fstat");
	close(fd);
	test_positioned("/tmp/wasi.txt");
	check("wasi-readdir", dir_has("/tmp", "wasi.txt") == 1, "no /tmp/wasi.txt entry");
	check("wasi-mkdir", mkdir("/tmp/wd", 0755) == 0 && stat("/tmp/wd", &st) == 0 && S_ISDIR(st.st_mode), "mkdir");
	check("wasi-rename", rename("/tmp/wasi.txt", "/tmp/wd/moved") == 0 && dir_has("/tmp/wd", "moved") == 1, "rename");
	test_link_times("/tmp/wd/moved");
	check("wasi-symlink", symlink("moved", "/tmp/wd/link") == 0 && readlink("/tmp/wd/link", buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "moved", 5), "symlink/readlink");
	check("wasi-unlink", unlink("/tmp/wd/link") == 0 && unlink("/tmp/wd/moved") == 0 &&
	      open("/tmp/wd/moved", O_RDONLY) < 0 && errno == ENOENT, "unlink");
	check("wasi-rmdir", rmdir("/tmp/wd") == 0 && stat("/tmp/wd", &st) < 0 && errno == ENOENT, "rmdir");
	check("wasi-enoent", open("/nonexistent/x", O_RDONLY) < 0 && errno == ENOENT, "ENOENT");
}

static void test_time_random(void)
{
	unsigned char a[32] = { 0 }, b[32] = { 0 };
	struct timespec res;
	long long t0 = now_ns(CLOCK_MONOTONIC);
	struct pollfd none;

	check("wasi-clock", now_ns(CLOCK_REALTIME) > 1600000000LL * 1000000000LL && t0 > 0, "clock_gettime");
	check("wasi-clock-res", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
	      "clock_getres");
	check("wasi-random", getentropy(a, sizeof(a)) == 0 && getentropy(b, sizeof(b)) == 0 &&
	      memcmp(a, b, sizeof(a)) != 0, "getentropy");
	check("wasi-poll-sleep", poll(&none, 0, 100) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 100000000LL,
	      "poll_oneoff clock");
	t0 = now_ns(CLOCK_MONOTONIC);
	check("wasi-nanosleep", usleep(50000) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 50000000LL, "usleep");
}

/* Raw WASI calls: bad pointers are FAULT, calls the layer lacks NOSYS. */
static void test_raw(void)
{
	__wasi_ciovec_t bad = { (const uint8_t *)0x7ffffff0, 64 };
	__wasi_size_t n = 0;

	check("wasi-efault-iovs", __wasi_fd_write(1, (const __wasi_ciovec_t *)0xfffffff0, 1, &n) ==
	      __WASI_ERRNO_FAULT, "iovec array outside memory");
	check("wasi-efault-buf", __wasi_fd_write(1, &bad, 1, &n) == __WASI_ERRNO_FAULT, "buffer outside memory");
	check("wasi-enosys", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR) == __WASI_ERRNO_NOSYS, "sock_shutdown");
	check("wasi-ebadf", __wasi_fd_close(999) == __WASI_ERRNO_BADF, "fd_close(999)");
}

static void test_stdin(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	char line[64];

	check("wasi-poll-stdin", poll(&p, 1, 5000) == 1 && (p.revents & POLLIN), "poll stdin");
	check("wasi-stdin", fgets(line, sizeof(line), stdin) != NULL, "fgets");
	printf("stdin said: %s", line);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "trap"))
		__builtin_trap();
	test_args(argc, argv);
	test_files();
	test_time_random();
	test_raw();
	test_stdin();
	fflush(stdout);
	return 7;
}
