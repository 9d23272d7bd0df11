/*
 * Linux error numbers (asm-generic/errno-base.h and asm-generic/errno.h).
 * The core returns them negated (-ENOENT) all the way to the user's return
 * register; only libc turns them into errno.
 */
#ifndef JANUX_ERRNO_H
#define JANUX_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define ENOTBLK 15
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOLCK 37
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define ENOMSG 42
#define EIDRM 43
#define ENOSTR 60
#define ENODATA 61
#define ETIME 62
#define EOVERFLOW 75
#define EBADFD 77
#define EILSEQ 84
#define ENOTSOCK 88
#define EDESTADDRREQ 89
#define EMSGSIZE 90
#define EPROTOTYPE 91
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define EOPNOTSUPP 95
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define ENETDOWN 100
#define ECONNRESET 104
#define ENOBUFS 105
#define EISCONN 106
#define ENOTCONN 107
#define ETIMEDOUT 110
#define ECONNREFUSED 111
#define EALREADY 114
#define EINPROGRESS 115
#define ESTALE 116
#define EDQUOT 122
#define ECANCELED 125
#define EOWNERDEAD 130

/*
 * Kernel-internal: a syscall interrupted by a signal asks to be restarted
 * (Linux's ERESTARTSYS). Never seen by user space: signal delivery turns it
 * into -EINTR or restarts the call, according to SA_RESTART.
 */
#define ERESTARTSYS 512
/* Restart only when no handler ran; with a handler the call gives -EINTR
 * whatever SA_RESTART says (Linux's: sigsuspend, ppoll, pselect). */
#define ERESTARTNOHAND 514
/* As ERESTARTNOHAND, but the call resumes from where it was (a relative
 * sleep's remaining time, kept in the task's restart block). */
#define ERESTART_RESTARTBLOCK 516

/* Largest errno; values in [-MAX_ERRNO, -1] returned as pointers are errors. */
#define MAX_ERRNO 4095

#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

/* Encode -errno in a pointer, as Linux's ERR_PTR does. */
static inline void *ERR_PTR(long err) { return (void *)err; }
/* The -errno held in an ERR_PTR pointer. */
static inline long PTR_ERR(const void *p) { return (long)p; }
/* True when `p` came from ERR_PTR. */
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }

#endif
