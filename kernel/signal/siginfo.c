/*
 * siginfo_t as user space sees it (128 bytes): si_signo, si_errno,
 * si_code, then the union, which starts at the first word-aligned offset
 * (12 on ILP32, 16 on LP64). Used by waitid, rt_sigtimedwait and the
 * arches' SA_SIGINFO frames.
 */
#include <janux/compiler.h>
#include <janux/signal.h>
#include <janux/string.h>

void siginfo_to_bytes(const struct siginfo_k *info, void *out)
{
	unsigned char *b = out;
	size_t u = BITS_PER_LONG == 64 ? 16 : 12;
	int head[3] = { info->signo, info->errno_, info->code };
	int ids[3] = { info->pid, (int)info->uid, info->status };
	long times[2] = { info->utime, info->stime };

	memset(b, 0, SIGINFO_SIZE);
	memcpy(b, head, sizeof(head));
	if (info->signo == SIGSEGV || info->signo == SIGBUS ||
	    info->signo == SIGILL || info->signo == SIGFPE) {
		memcpy(b + u, &info->addr, sizeof(info->addr));
		return;
	}
	memcpy(b + u, ids, info->signo == SIGCHLD ? sizeof(ids) : 2 * sizeof(int));
	if (info->signo == SIGCHLD)
		memcpy(b + ALIGN_UP(u + sizeof(ids), sizeof(long)), times, sizeof(times));
}
