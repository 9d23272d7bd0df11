/*
 * A tiny test-only runtime for wasm32 Janux programs (no libc): the
 * process ABI of docs/wasm32-abi.md by hand — _start, janux.syscall,
 * janux.fork, __janux_clone_entry — plus printing and a few helpers.
 * Used only by tests/wasm until the musl port is the way to build.
 */
#ifndef RT_H
#define RT_H

typedef unsigned long size_t;
typedef long ssize_t;

#define NR_dup3 24
#define NR_ioctl 29
#define NR_openat 56
#define NR_close 57
#define NR_pipe2 59
#define NR_read 63
#define NR_write 64
#define NR_exit 93
#define NR_exit_group 94
#define NR_sched_yield 124
#define NR_kill 129
#define NR_sigaltstack 132
#define NR_rt_sigaction 134
#define NR_rt_sigprocmask 135
#define NR_setsid 157
#define NR_reboot 142
#define NR_getpid 172
#define NR_getppid 173
#define NR_gettid 178
#define NR_brk 214
#define NR_munmap 215
#define NR_clone 220
#define NR_execve 221
#define NR_mmap2 222
#define NR_wait4 260
#define NR_clock_gettime64 403
#define NR_clock_nanosleep_time64 407
#define NR_futex_time64 422
#define NR_ppoll_time64 414

#define SIGINT 2
#define SIGILL 4
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGWINCH 28
#define SA_SIGINFO 4
#define SA_RESTART 0x10000000
#define SA_ONSTACK 0x08000000
#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000
#define EFAULT 14
#define ENOEXEC 8
#define EINTR 4
#define ENOSYS 38
#define EINVAL 22

/* One syscall through the host: the value or -errno. */
__attribute__((import_module("janux"), import_name("syscall")))
long __syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* fork/vfork by asyncify (the program is instrumented by the build). */
__attribute__((import_module("janux"), import_name("fork")))
int __janux_fork(int flags, void *buf, int size);

#define sys0(n) __syscall(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) __syscall(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) __syscall(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) __syscall(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) __syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e) __syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* The program: argv[0] names the test (see t.c). */
int main(int argc, char **argv, char **envp);

size_t slen(const char *s);
int seq(const char *a, const char *b);
void *mset(void *d, int c, size_t n);
/* Write strings (NULL-ended list) to fd 1. */
void say(const char *s, ...);
/* A decimal number as a string in a static buffer (one at a time). */
const char *num(long v);
/* "ok NAME" or "FAIL NAME: got X" on fd 1. */
void check(const char *name, long got, long want);
__attribute__((noreturn)) void sys_exit(int code);

/* fork() / vfork() through janux.fork: the pid, 0 in the child, or -errno. */
int rt_fork(void);
int rt_vfork(void);

/* clone(fn) with CLONE_VM and a fresh stack: the child runs fn(arg) on
 * its own worker and exits with its result. Returns the tid or -errno. */
int rt_clone(int (*fn)(void *), void *arg, unsigned long flags);

/* A thread (CLONE_VM|CLONE_THREAD|..., CLONE_CHILD_CLEARTID on *ctid)
 * running fn(arg). Returns its tid or -errno. */
int rt_thread(int (*fn)(void *), void *arg, volatile int *ctid);

/* Install `handler` for sig (flags SA_*); 0 or -errno. */
long rt_signal(int sig, void (*handler)(int), unsigned long flags);

/* wait4(pid, &status, 0, 0): the pid or -errno; *status filled. */
long rt_wait(long pid, int *status);

/* The exit status in a wait status. */
#define WEXIT(s) (((s) >> 8) & 0xff)
/* The killing signal in a wait status (0: it exited). */
#define WIFSIG(s) ((s) & 0x7f)

/* nanoseconds of CLOCK_MONOTONIC. */
long long rt_now_ns(void);

void rt_sleep_ms(long ms);

/* The benchmarks (bench.c). */
void run_bench(void);

/* virtio.c: run the virtio device test `name`; 0 when it is not one. */
int virtio_test(const char *name);

/* The WASI test (wasi-spawn.c). */
void test_wasi(void);

/* The CPU-time accounting test (cputime.c). */
void test_cputime(void);
/* The tight fork loop and recycled-memory test (forks.c). */
void test_forks(void);

__attribute__((noreturn)) void rt_poweroff(void);

#endif
