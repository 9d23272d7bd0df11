/* Parity: directories: mkdir/rmdir, *at() calls with directory fds,
 * getdents64 (names sorted, since order is the filesystem's), chdir/fchdir,
 * getcwd, renaming directories, nlink counts.
 * parity-oracle: user */
#include "parity.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		say("opendir %s = -1 %s\n", path, ename(errno));
		return;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64)
		names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, cmp);
	say("ls %s:", path);
	for (int i = 0; i < n; i++) {
		say(" %s", names[i]);
		free(names[i]);
	}
	say("\n");
}

static void nlink(const char *path)
{
	struct stat st;
	if (CHECK(stat(path, &st)) == 0)
		say("  %s: dir %d nlink %ld\n", path, S_ISDIR(st.st_mode), (long)st.st_nlink);
}

static void cwd_tail(void)
{
	char buf[256];
	if (!getcwd(buf, sizeof buf)) {
		say("getcwd = -1 %s\n", ename(errno));
		return;
	}
	char *slash = strrchr(buf, '/');
	say("cwd ends with %s\n", slash ? slash : buf);
}

int main(void)
{
	umask(022);
	CHECK(mkdir("d", 0755));
	CHECK(mkdir("d", 0755));
	CHECK(mkdir("d/a", 0700));
	CHECK(mkdir("d/b", 0755));
	nlink("d");
	int dfd = CHECK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK(mkdirat(dfd, "c", 0755));
	int fd = CHECK(openat(dfd, "file", O_CREAT | O_WRONLY, 0600));
	CHECK(close(fd));
	CHECK(openat(dfd, "file", O_RDONLY | O_DIRECTORY));
	CHECK(symlinkat("file", dfd, "link"));
	list("d");
	nlink("d");
	CHECK(rmdir("d"));
	CHECK(unlinkat(dfd, "c", AT_REMOVEDIR));
	CHECK(unlinkat(dfd, "file", AT_REMOVEDIR));
	CHECK(unlinkat(dfd, "a", 0));
	struct stat st;
	CHECK(fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW));
	YESNO(S_ISLNK(st.st_mode));
	CHECK(fstatat(dfd, "link", &st, 0));
	YESNO(S_ISREG(st.st_mode));
	CHECK(chdir("d/a"));
	cwd_tail();
	CHECK(chdir(".."));
	cwd_tail();
	CHECK(fchdir(dfd));
	cwd_tail();
	CHECK(chdir("file"));
	CHECK(chdir("nope"));
	CHECK(renameat(dfd, "b", dfd, "a/b2"));
	list("a");
	nlink("a");
	CHECK(rename("a", "a/b2/x"));
	CHECK(mkdir("e", 0755));
	CHECK(mkdir("e/f", 0755));
	CHECK(rename("a", "e"));
	CHECK(rename("e/f", "a"));
	CHECK(rename("a/b2", "e"));
	list(".");
	CHECK(chdir(".."));
	CHECK(rmdir("d/e"));
	CHECK(rmdir("d/a"));
	CHECK(rmdir("d/."));
	CHECK(unlink("d/link"));
	CHECK(unlink("d/file"));
	CHECK(rmdir("d"));
	CHECK(close(dfd));
	list(".");
	return 0;
}
