/* wasm32: every syscall is one call of the host import janux.syscall
   (docs/wasm32-abi.md); six i32 arguments, result value or -errno. */
#define __SYSCALL_LL_E(x) \
((union { long long ll; long l[2]; }){ .ll = x }).l[0], \
((union { long long ll; long l[2]; }){ .ll = x }).l[1]
#define __SYSCALL_LL_O(x) __SYSCALL_LL_E((x))

#define SYSCALL_MMAP2_UNIT 4096ULL

long __janux_syscall(long n, long a, long b, long c, long d, long e, long f)
	__attribute__((__import_module__("janux"), __import_name__("syscall")));

static inline long __syscall0(long n)
{
	return __janux_syscall(n, 0, 0, 0, 0, 0, 0);
}

static inline long __syscall1(long n, long a)
{
	return __janux_syscall(n, a, 0, 0, 0, 0, 0);
}

static inline long __syscall2(long n, long a, long b)
{
	return __janux_syscall(n, a, b, 0, 0, 0, 0);
}

static inline long __syscall3(long n, long a, long b, long c)
{
	return __janux_syscall(n, a, b, c, 0, 0, 0);
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	return __janux_syscall(n, a, b, c, d, 0, 0);
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	return __janux_syscall(n, a, b, c, d, e, 0);
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	return __janux_syscall(n, a, b, c, d, e, f);
}

/* fork and vfork: the host unwinds the caller with asyncify into buf and
   rewinds parent and child (docs/wasm32-abi.md, "fork and vfork"). */
long __janux_fork(long flags, void *buf, long size)
	__attribute__((__import_module__("janux"), __import_name__("fork")));
#define JANUX_FORK_BUF 16384
