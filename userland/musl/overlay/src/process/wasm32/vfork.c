/* wasm32 vfork through the host's janux.fork (docs/wasm32-abi.md): the
   child runs in this memory until execve or _exit while the caller is
   suspended. asyncify's saved stack goes in a heap buffer, not on the
   stack the child is about to reuse, and the caller frees it. */
#define _GNU_SOURCE
#include <unistd.h>
#include <signal.h>
#include <sched.h>
#include <stdlib.h>
#include "syscall.h"

pid_t vfork(void)
{
	char *buf = malloc(JANUX_FORK_BUF);
	long r;

	if (!buf) return fork();
	r = __janux_fork(CLONE_VM|CLONE_VFORK|SIGCHLD, buf, JANUX_FORK_BUF);
	if (r) free(buf);
	return __syscall_ret(r);
}
