/*
 * Forking in a tight loop (/bin/forks): 1000 fork + _exit + wait in a row
 * must all succeed (each process memory holds gigabytes of the engine's
 * address space, so released ones must be reused, host-shim/tasks/
 * mem-pool.js), and a process given a recycled memory must see none of its
 * previous owner's bytes, even outside what it has mapped.
 */
#include "rt.h"

#define FORKS 1000
#define SECRET 0x5ec2e7a5u
#define SECRET_BYTES (8 << 20)

/* FORKS children in a row, each waited; the count that went right. */
static int fork_loop(void)
{
	int i, pid, status;

	for (i = 0; i < FORKS; i++) {
		pid = rt_fork();
		if (pid == 0)
			sys_exit(i & 0x7f);
		if (pid < 0 || rt_wait(pid, &status) != pid || WEXIT(status) != (i & 0x7f)) {
			say("fork ", num(i), " failed: ", num(pid), "\n", (char *)0);
			break;
		}
	}
	return i;
}

/* Words equal to SECRET anywhere in this process's linear memory. */
static int secrets_seen(void)
{
	unsigned long size = __builtin_wasm_memory_size(0) * 65536ul, a;
	int seen = 0;

	for (a = 4; a < size; a += 4) /* all but address 0 */
		seen += *(volatile unsigned *)a == SECRET;
	return seen;
}

/* A child fills SECRET_BYTES more heap (brk keeps its memory small enough
 * to be reused) with SECRET and exits; the next child, in its recycled
 * memory, scans the whole memory for it. */
static void recycled_memory(void)
{
	int pid, status;

	pid = rt_fork();
	if (pid == 0) {
		unsigned long top = sys1(NR_brk, 0), i;
		unsigned *m = (unsigned *)top;

		if (sys1(NR_brk, top + SECRET_BYTES) != (long)(top + SECRET_BYTES))
			sys_exit(1);
		for (i = 0; i < SECRET_BYTES / 4; i++)
			m[i] = SECRET;
		sys_exit(secrets_seen() >= SECRET_BYTES / 4 ? 0 : 2);
	}
	check("secret-writer", rt_wait(pid, &status) == pid ? WEXIT(status) : -1, 0);
	pid = rt_fork();
	if (pid == 0) {
		say("info: next child's memory ", num(__builtin_wasm_memory_size(0) * 64), " KiB\n",
		    (char *)0);
		sys_exit(secrets_seen() ? 3 : 0);
	}
	check("recycled-memory-clean", rt_wait(pid, &status) == pid ? WEXIT(status) : -1, 0);
}

void test_forks(void)
{
	check("fork-1000", fork_loop(), FORKS);
	recycled_memory();
}
