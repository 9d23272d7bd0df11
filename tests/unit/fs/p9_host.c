/* Host side of the 9p client tests (see p9_host.h): libc only. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "p9_host.h"

static int to_srv = -1, from_srv = -1;
static char top[] = "/tmp/p9clientXXXXXX";

int p9h_start(void)
{
	int in[2], out[2];
	pid_t pid;

	if (!mkdtemp(top) || mkdir(p9h_share(""), 0755) || mkdir(p9h_outside(""), 0755) ||
	    pipe(in) || pipe(out))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]); /* so the server sees EOF when the test ends */
		close(out[0]);
		execlp("node", "node", "tests/p9/serve-stdio.js", p9h_share(""), (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	to_srv = in[1];
	from_srv = out[0];
	return 0;
}

static int read_full(int fd, void *buf, size_t len)
{
	for (size_t got = 0; got < len;) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

long p9h_rpc(const void *req, size_t len, void *reply, size_t cap)
{
	uint32_t size;

	if (write(to_srv, req, len) != (ssize_t)len || read_full(from_srv, reply, 4))
		return -1;
	memcpy(&size, reply, 4);
	if (size < 4 || size > cap || read_full(from_srv, (char *)reply + 4, size - 4))
		return -1;
	return size;
}

const char *p9h_share(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/share/%s", top, name);
	return buf;
}

const char *p9h_outside(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s/outside/%s", top, name);
	return buf;
}

/* One lstat field (selected by `which`), -1 when missing. */
static long long field(const char *path, char which)
{
	struct stat st;

	if (lstat(path, &st))
		return -1;
	switch (which) {
	case 's': return st.st_size;
	case 'm': return st.st_mode;
	case 'i': return (long long)st.st_ino;
	case 'M': return st.st_mtime;
	default: return st.st_atime;
	}
}

long long p9h_size(const char *path) { return field(path, 's'); }
long long p9h_mode(const char *path) { return field(path, 'm'); }
long long p9h_ino(const char *path) { return field(path, 'i'); }
long long p9h_mtime(const char *path) { return field(path, 'M'); }
long long p9h_atime(const char *path) { return field(path, 'a'); }

int p9h_write(const char *path, const char *data)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	size_t n = strlen(data);
	int ok = fd >= 0 && write(fd, data, n) == (ssize_t)n;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

int p9h_symlink(const char *target, const char *path)
{
	return symlink(target, path);
}
