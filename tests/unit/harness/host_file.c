/* Host files and shell commands for image-based tests (see host_file.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "host_file.h"

int host_file_open(const char *path, bool ro)
{
	return open(path, ro ? O_RDONLY : O_RDWR);
}

void host_file_close(int fd)
{
	close(fd);
}

int64_t host_file_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (int64_t)st.st_size;
}

int host_file_pio(int fd, bool write, uint64_t off, void *buf, size_t len)
{
	while (len) {
		ssize_t n = write ? pwrite(fd, buf, len, (off_t)off) : pread(fd, buf, len, (off_t)off);

		if (n <= 0)
			return -1;
		buf = (char *)buf + n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int host_file_sync(int fd)
{
	return fsync(fd);
}

static int status_of(int st)
{
	return st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int host_run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	return status_of(system(cmd));
}

int host_run_out(char *buf, size_t len, const char *fmt, ...)
{
	char cmd[4096];
	size_t n = 0, r;
	va_list ap;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n + 1 < len && (r = fread(buf + n, 1, len - 1 - n, p)) > 0)
		n += r;
	buf[n] = '\0';
	return status_of(pclose(p));
}

#define MAX_TMPDIRS 8
static char tmpdirs[MAX_TMPDIRS][256];
static int ntmpdirs;

/* At exit (a test's child process ending, however it fails): remove them. */
static void remove_tmpdirs(void)
{
	for (int k = 0; k < ntmpdirs; k++)
		host_run("rm -rf '%s'", tmpdirs[k]);
}

int host_tmpdir(char *buf, size_t len)
{
	const char *t = getenv("TMPDIR");

	if (ntmpdirs == MAX_TMPDIRS)
		return -1;
	snprintf(buf, len, "%s/janux-test-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(buf))
		return -1;
	if (ntmpdirs == 0)
		atexit(remove_tmpdirs);
	snprintf(tmpdirs[ntmpdirs++], sizeof(tmpdirs[0]), "%s", buf);
	return 0;
}
