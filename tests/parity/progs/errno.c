/* Parity: errno values on error paths across the file, descriptor,
 * process and memory families (bad fds, bad pointers, bad names, wrong
 * types, limits), one call per line.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void files(void)
{
	char buf[8];
	char longname[NAME_MAX + 2];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	int fd = open("file", O_CREAT | O_WRONLY, 0644);
	mkdir("dir", 0755);
	mkdir("full", 0755);
	close(open("full/x", O_CREAT | O_WRONLY, 0644));
	symlink("loop1", "loop2");
	symlink("loop2", "loop1");
	CHECK(open("missing", O_RDONLY));
	CHECK(open("dir", O_WRONLY));
	CHECK(open("file/x", O_RDONLY));
	CHECK(open(longname, O_CREAT | O_WRONLY, 0644));
	CHECK(open("loop1", O_RDONLY));
	CHECK(open("loop1", O_RDONLY | O_NOFOLLOW));
	CHECK(open("file", O_CREAT | O_EXCL | O_WRONLY, 0644));
	CHECK(open("", O_RDONLY));
	CHECK(open("file", O_RDONLY | O_DIRECTORY));
	CHECK(read(fd, buf, 1));
	CHECK(mkdir("file", 0755));
	CHECK(mkdir("missing/x", 0755));
	CHECK(rmdir("full"));
	CHECK(rmdir("file"));
	CHECK(rmdir("."));
	CHECK(unlink("dir"));
	CHECK(unlink("missing"));
	CHECK(link("dir", "dirlink"));
	CHECK(link("file", "dir"));
	CHECK(rename("dir", "dir/sub"));
	CHECK(rename("file", "dir"));
	CHECK(rename("dir", "file"));
	CHECK(symlink("x", "file"));
	CHECK(readlink("file", buf, sizeof buf));
	CHECK(chdir("file"));
	CHECK(truncate("dir", 0));
	CHECK(truncate("file", -1));
	CHECK(ftruncate(open("file", O_RDONLY), 0));
	CHECK(openat(12345, "x", O_RDONLY));
	CHECK(openat(fd, "x", O_RDONLY));
	close(fd);
}

static void descriptors(void)
{
	char buf[8];
	int p[2];
	pipe(p);
	CHECK(close(999));
	CHECK(close(-1));
	CHECK(read(999, buf, 1));
	CHECK(write(p[0], "x", 1));
	CHECK(read(p[1], buf, 1));
	CHECK(lseek(p[0], 0, SEEK_SET));
	CHECK(dup2(999, 3));
	CHECK(dup3(p[0], p[0], 0));
	CHECK(dup3(p[0], 40, 12345));
	CHECK(fcntl(p[0], 12345));
	CHECK(fcntl(999, F_GETFD));
	CHECK(ioctl(p[0], TIOCGWINSZ, buf));
	CHECK(pread(p[0], buf, 1, 0));
	write(p[1], "abc", 3); /* Linux checks the buffer only once data is there */
	CHECK(read(p[0], (void *)8, 1));
	CHECK(read(p[0], (void *)8, 3));
	CHECK(write(p[1], (void *)8, 3));
	CHECK(open((char *)8, O_RDONLY));
	CHECK(pipe((int *)8));
	CHECK(getcwd(buf, 1) ? 0 : -1);
}

static void processes(void)
{
	int st;
	CHECK(wait(&st));
	CHECK(waitpid(-1, &st, 0x40000));
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	CHECK(kill(pid, 0));
	CHECK(kill(getpid(), 65));
	CHECK(kill(getpid(), -1));
	CHECK(sigaction(SIGSTOP, &(struct sigaction){0}, NULL));
	CHECK(sigaction(0, NULL, NULL));
	CHECK(setpgid(-1, 0));
}

static void memory(void)
{
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED ? -1 : 0);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
	CHECK(mmap((void *)4097, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	      MAP_FAILED ? -1 : 0);
	CHECK(munmap((void *)4097, 4096));
	CHECK(mprotect((void *)4097, 4096, PROT_READ));
}

int main(void)
{
	files();
	descriptors();
	processes();
	memory();
	return 0;
}
