/* Parity: memory: anonymous and file mappings, protections and the faults
 * they give (SIGSEGV codes and addresses as a handler sees them), sharing
 * across fork, mremap, madvise, brk.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static sigjmp_buf back;
static volatile void *fault_addr;
static volatile int fault_sig, fault_code;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_sig = sig;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(back, 1);
}

/* Touch p (write when w): print whether it faulted, with which signal and code. */
static void touch(const char *what, volatile char *p, int w)
{
	fault_sig = 0;
	if (!sigsetjmp(back, 1)) {
		if (w)
			*p = 1;
		else
			(void)*p;
	}
	if (!fault_sig)
		say("%s: no fault\n", what);
	else
		say("%s: signal %d code %d at the address %d\n", what, fault_sig, fault_code,
		    fault_addr == (void *)p);
}

static void anon(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	YESNO(p != MAP_FAILED);
	YESNO(p[0] == 0 && p[4 * pg - 1] == 0);
	touch("write rw", p, 1);
	CHECK(mprotect(p, pg, PROT_READ));
	touch("write ro", p, 1);
	touch("read ro", p, 0);
	CHECK(mprotect(p, pg, PROT_NONE));
	touch("read none", p, 0);
	CHECK(munmap(p + pg, pg));
	touch("read unmapped", p + pg, 0);
	p[2 * pg] = 7;
	CHECK(madvise(p + 2 * pg, pg, MADV_DONTNEED));
	VALUE(p[2 * pg]);
	p[3 * pg] = 9;
	char *q = mremap(p + 3 * pg, pg, 8 * pg, MREMAP_MAYMOVE);
	YESNO(q != MAP_FAILED);
	if (q != MAP_FAILED)
		VALUE(q[0] + q[8 * pg - 1]);
	CHECK(munmap(p, 3 * pg));
}

static void sharing(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*shared = *private = 1;
	pid_t pid = fork();
	if (pid == 0) {
		*shared = *private = 2;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	say("after the child wrote: shared %d private %d\n", *shared, *private);
}

static void files(void)
{
	int fd = open("m", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(fd, "file contents\n", 14);
	char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	YESNO(p != MAP_FAILED && memcmp(p, "file contents\n", 14) == 0);
	YESNO(p[14] == 0 && p[4095] == 0);
	char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	YESNO(s != MAP_FAILED);
	if (s != MAP_FAILED) {
		s[0] = 'F';
		CHECK(msync(s, 4096, MS_SYNC));
		char c = 0;
		pread(fd, &c, 1, 0);
		say("read after a shared write: %c\n", c);
	}
	int ro = open("m", O_RDONLY);
	CHECK(mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED ? -1 : 0);
	char *big = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	if (big != MAP_FAILED)
		touch("read past the end of the file", big + 2 * 4096, 0);
}

/* brk through the raw syscall (musl's sbrk only reports the break). */
static void brk_heap(void)
{
	char *a = (char *)syscall(SYS_brk, 0);
	char *b = (char *)syscall(SYS_brk, a + 8192);
	YESNO(b == a + 8192);
	if (b == a + 8192)
		b[-1] = 1;
	YESNO((char *)syscall(SYS_brk, a) == a);
	YESNO((char *)syscall(SYS_brk, 4096) == a);
}

int main(void)
{
	struct sigaction sa = {0};
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	anon();
	sharing();
	files();
	brk_heap();
	return 0;
}
