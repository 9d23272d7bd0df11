/* Helpers shared by the parity corpus: unbuffered output (no stdio buffer
 * to duplicate across fork), errno by name, and one-line checks, so that a
 * program prints the same bytes on every kernel that behaves like Linux. */
#ifndef PARITY_H
#define PARITY_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* say: printf to fd 1 with one write(2); lines longer than 512 are cut. */
__attribute__((unused)) static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	if (write(1, buf, n) < 0)
		_exit(99);
}

/* ename: the symbolic name of errno value e ("E?N" when not listed). */
__attribute__((unused)) static const char *ename(int e)
{
	static char other[16];
#define E(x) case x: return #x;
	switch (e) {
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC)
	E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(EBUSY)
	E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE)
	E(EMFILE) E(ENOTTY) E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS)
	E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG)
	E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ETIMEDOUT) E(EOPNOTSUPP) E(EOVERFLOW)
	}
#undef E
	snprintf(other, sizeof other, "E?%d", e);
	return other;
}

/* check: print "WHAT = ok" for r >= 0, else "WHAT = -1 ENAME"; returns r. */
__attribute__((unused)) static long check(const char *what, long r)
{
	if (r < 0)
		say("%s = -1 %s\n", what, ename(errno));
	else
		say("%s = ok\n", what);
	return r;
}

/* value: print "WHAT = R" (or the errno name when r < 0); returns r. */
__attribute__((unused)) static long value(const char *what, long r)
{
	if (r < 0)
		say("%s = -1 %s\n", what, ename(errno));
	else
		say("%s = %ld\n", what, r);
	return r;
}

#define CHECK(x) check(#x, (long)(x))
#define VALUE(x) value(#x, (long)(x))
#define YESNO(x) say("%s: %s\n", #x, (x) ? "yes" : "no")
#endif
