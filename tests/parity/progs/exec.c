/* Parity: execve: argv and environment passing, close-on-exec, signal
 * dispositions across exec, "#!" scripts, and its error paths. Needs a
 * kernel that can exec an aarch64 binary (qemu-aarch64 user mode cannot).
 * parity-oracle: linux */
#include "parity.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

static void child_side(int argc, char **argv)
{
	say("argc %d:", argc);
	for (int i = 1; i < argc; i++)
		say(" [%s]", argv[i]);
	say("\nPARITY_VAR=%s\n", getenv("PARITY_VAR") ? getenv("PARITY_VAR") : "(unset)");
	say("fd 5 open %d, fd 6 open %d\n", fcntl(5, F_GETFD) >= 0, fcntl(6, F_GETFD) >= 0);
	struct sigaction sa;
	sigaction(SIGUSR1, NULL, &sa);
	say("usr1 handler reset to default %d\n", sa.sa_handler == SIG_DFL);
	sigaction(SIGUSR2, NULL, &sa);
	say("usr2 still ignored %d\n", sa.sa_handler == SIG_IGN);
	sigset_t m;
	sigprocmask(SIG_SETMASK, NULL, &m);
	say("hup still blocked %d\n", sigismember(&m, SIGHUP));
}

static void on_usr1(int sig)
{
	(void)sig;
}

static int run(char *path, char **argv, char **envp)
{
	pid_t pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		say("execve %s = -1 %s\n", path, ename(errno));
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	return WEXITSTATUS(st);
}

static void write_file(const char *path, const char *text, int mode)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
	write(fd, text, strlen(text));
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		child_side(argc, argv);
		return 3;
	}
	char self[256];
	long n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n < 0)
		strcpy(self, argv[0]);
	else
		self[n] = 0;
	dup2(1, 5);
	fcntl(dup2(1, 6), F_SETFD, FD_CLOEXEC);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGHUP);
	sigprocmask(SIG_BLOCK, &m, NULL);
	char *args[] = {argv[0], "child", "two words", "", "last", NULL};
	char *env[] = {"PARITY_VAR=x=y", NULL};
	say("status %d\n", run(argv[0], args, env));
	write_file("script", "#!/bin/sh -e\necho script args: \"$0\" \"$@\"\nexit 4\n", 0755);
	char *sargs[] = {"script", "a", "b c", NULL};
	say("status %d\n", run("./script", sargs, env));
	write_file("noexec", "#!/bin/sh\nexit 0\n", 0644);
	say("status %d\n", run("./noexec", sargs, env));
	write_file("garbage", "\x7f" "ELF not really an elf file at all, just bytes", 0755);
	say("status %d\n", run("./garbage", sargs, env));
	write_file("badinterp", "#!/no/such/interpreter\n", 0755);
	say("status %d\n", run("./badinterp", sargs, env));
	say("status %d\n", run("./missing", sargs, env));
	mkdir("dir", 0755);
	say("status %d\n", run("./dir", sargs, env));
	say("status %d\n", run("./script/x", sargs, env));
	return 0;
}
