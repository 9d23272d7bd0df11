/* Parity: permissions and credentials: umask, chmod/chown, access checks as
 * root and as an unprivileged user (uid 1000 in a child), sticky
 * directories, set*id rules, supplementary groups.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void mode(const char *path)
{
	struct stat st;
	if (CHECK(stat(path, &st)) == 0)
		say("  %s: mode %o uid %d gid %d\n", path, (unsigned)st.st_mode & 07777,
		    (int)st.st_uid, (int)st.st_gid);
}

static void as_user(void)
{
	gid_t g = 1000;
	CHECK(setgroups(1, &g));
	CHECK(setgid(1000));
	CHECK(setuid(1000));
	VALUE(getuid());
	VALUE(geteuid());
	CHECK(setuid(0));
	CHECK(open("secret", O_RDONLY));
	CHECK(open("public", O_RDONLY));
	CHECK(open("public", O_WRONLY));
	CHECK(access("secret", R_OK));
	CHECK(access("public", R_OK));
	CHECK(access("public", W_OK));
	CHECK(chmod("public", 0777));
	CHECK(chown("mine", 1000, 1000));
	CHECK(open("closed/x", O_CREAT | O_WRONLY, 0644));
	CHECK(mkdir("closed/y", 0755));
	int fd = CHECK(open("sticky/mine", O_CREAT | O_WRONLY, 0644));
	close(fd);
	mode("sticky/mine");
	CHECK(unlink("sticky/root"));
	CHECK(unlink("sticky/mine"));
	CHECK(chmod("mine", 0640));
	mode("mine");
	CHECK(kill(1, 0));
	_exit(0);
}

int main(void)
{
	VALUE(umask(027));
	int fd = CHECK(open("u", O_CREAT | O_WRONLY, 0777));
	close(fd);
	mode("u");
	VALUE(umask(0));
	CHECK(mkdir("ud", 0777));
	mode("ud");
	fd = CHECK(open("secret", O_CREAT | O_WRONLY, 0600));
	close(fd);
	fd = CHECK(open("public", O_CREAT | O_WRONLY, 0644));
	close(fd);
	fd = CHECK(open("mine", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK(chown("mine", 1000, 1000));
	mode("mine");
	CHECK(fchmod(fd = open("public", O_RDONLY), 0604));
	close(fd);
	mode("public");
	CHECK(chmod("secret", 04755));
	mode("secret");
	CHECK(chmod("secret", 0600));
	CHECK(access("secret", R_OK | W_OK));
	CHECK(access("secret", X_OK));
	CHECK(mkdir("closed", 0555));
	CHECK(mkdir("sticky", 01777));
	fd = CHECK(open("sticky/root", O_CREAT | O_WRONLY, 0644));
	close(fd);
	mode("sticky");
	pid_t pid = fork();
	if (pid == 0)
		as_user();
	int status;
	CHECK(waitpid(pid, &status, 0));
	say("child status %d\n", WEXITSTATUS(status));
	CHECK(setresuid(-1, 2, -1));
	VALUE(geteuid());
	CHECK(setreuid(-1, 0));
	VALUE(geteuid());
	mode("mine");
	return 0;
}
