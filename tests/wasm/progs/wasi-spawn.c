/*
 * The `wasi` test: runs the WASI command /bin/wasi-t (wasi.c, built with
 * wasi-libc) as a child with argv, an environment, stdin and stdout on
 * pipes; copies its output to the console (its own "ok" lines) and checks
 * what came through the pipes and its exit status; a trap in it is SIGILL.
 */
#include "rt.h"

static int contains(const char *hay, long n, const char *needle)
{
	long m = (long)slen(needle);

	for (long i = 0; i + m <= n; i++) {
		long j = 0;

		while (j < m && hay[i + j] == needle[j])
			j++;
		if (j == m)
			return 1;
	}
	return 0;
}

void test_wasi(void)
{
	static char out[8192];
	char *argv[] = { "/bin/wasi-t", "a1", "two words", 0 };
	char *envp[] = { "WASI_X=42", "OTHER=1", 0 };
	int in[2], from[2], pid, status = 0;
	long n, total = 0;

	sys2(NR_pipe2, in, 0);
	sys2(NR_pipe2, from, 0);
	pid = rt_fork();
	if (pid == 0) {
		sys3(NR_dup3, in[0], 0, 0);
		sys3(NR_dup3, from[1], 1, 0);
		sys1(NR_close, in[1]);
		sys1(NR_close, from[0]);
		sys3(NR_execve, argv[0], argv, envp);
		sys_exit(99);
	}
	sys1(NR_close, in[0]);
	sys1(NR_close, from[1]);
	rt_sleep_ms(300); /* the child polls stdin before the line arrives */
	check("wasi-pipe-write", sys3(NR_write, in[1], "ping\n", 5), 5);
	sys1(NR_close, in[1]);
	while ((n = sys3(NR_read, from[0], out + total, sizeof(out) - 1 - total)) > 0)
		total += n;
	sys3(NR_write, 1, out, total);
	check("wasi-stdin-through-pipe", contains(out, total, "stdin said: ping\n"), 1);
	check("wasi-wait", rt_wait(pid, &status), pid);
	check("wasi-exit-status", WEXIT(status), 7);
	pid = rt_fork();
	if (pid == 0) {
		char *trap[] = { "/bin/wasi-t", "trap", 0 };

		sys3(NR_execve, trap[0], trap, envp);
		sys_exit(99);
	}
	check("wasi-trap-sigill", rt_wait(pid, &status) == pid && WIFSIG(status) == SIGILL, 1);
}
