/* Parity: /proc/sys/kernel/hostname and domainname, the string sysctls
 * init's rcS writes the hostname through: what a read shows, how writes at
 * offsets, newlines and long names land in uname(2), and who may write.
 * Kernel-wide, so the oracle is a booted Linux.
 * parity-oracle: linux */
#include "parity.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define HOST "/proc/sys/kernel/hostname"

/* Print the file's content (one read) and uname's nodename. */
static void show(void)
{
	char buf[128];
	struct utsname u;
	int fd = open(HOST, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	if (n < 0) {
		say("read " HOST ": -1 %s\n", ename(errno));
	} else {
		buf[n] = '\0';
		say("file %ld [%.*s] ", n, (int)(n && buf[n - 1] == '\n' ? n - 1 : n), buf);
	}
	if (fd >= 0)
		close(fd);
	uname(&u);
	say("nodename %zu [%s]\n", strlen(u.nodename), u.nodename);
}

/* open(path, O_WRONLY | O_TRUNC) as a shell's > does, then write at pos;
 * the result and where the file offset is after it. */
static void put(const char *path, const char *text, off_t pos)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0) {
		say("open %s for %s: -1 %s\n", path, text, ename(errno));
		return;
	}
	lseek(fd, pos, SEEK_SET);
	long n = write(fd, text, strlen(text));
	if (n < 0)
		say("write [%s] at %ld: -1 %s\n", text, (long)pos, ename(errno));
	else
		say("write [%s] at %ld: %ld, offset %ld\n", text, (long)pos, n,
		    (long)lseek(fd, 0, SEEK_CUR));
	close(fd);
}

/* A non-root process: the open for writing and a root-opened descriptor. */
static void as_nobody(void)
{
	int fd = open(HOST, O_WRONLY);
	pid_t pid = fork();

	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(1);
		VALUE(write(fd, "nobody", 6));
		VALUE(open(HOST, O_WRONLY));
		show();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	close(fd);
}

int main(void)
{
	char long_name[101];
	struct utsname was;

	uname(&was); /* restored at the end: the corpus's other tests follow */
	CHECK(sethostname("parity", 6));
	show();
	put(HOST, "janux\nignored", 0);
	show();
	put(HOST, "-box", 3);
	show();
	put(HOST, "x", 8);
	show();
	memset(long_name, 'h', 100);
	long_name[100] = '\0';
	put(HOST, long_name, 0);
	show();
	put("/proc/sys/kernel/domainname", "example\n", 0);
	CHECK(getdomainname(long_name, sizeof long_name));
	say("domainname [%s]\n", long_name);
	put(HOST, "janux", 0);
	as_nobody();
	show();
	CHECK(sethostname(was.nodename, strlen(was.nodename)));
	CHECK(setdomainname(was.domainname, strlen(was.domainname)));
	return 0;
}
