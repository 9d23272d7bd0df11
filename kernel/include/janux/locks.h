/*
 * POSIX record locks and open file description locks (kernel/fs/locks.c),
 * behind fcntl(2).
 */
#ifndef JANUX_LOCKS_H
#define JANUX_LOCKS_H

#include <janux/types.h>

struct file;

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38

/*
 * fcntl F_GETLK/F_SETLK/F_SETLKW (owner: the caller's descriptor table)
 * or F_OFD_GETLK/SETLK/SETLKW (owner: the open file f) with the user
 * struct flock at `arg`. Linux's errors: -EAGAIN (F_SETLK conflict),
 * -EBADF (a read lock on a file not open for reading, or write/writing),
 * -EINVAL (bad type or whence, a negative start, OFD with l_pid != 0),
 * -EOVERFLOW, -EFAULT, -ENOLCK (no memory), -ERESTARTSYS (F_SETLKW
 * interrupted). No deadlock detection.
 */
long locks_fcntl(struct file *f, const void *owner, unsigned int cmd, uaddr_t arg);

/* A descriptor of f was closed by the table `owner`: its POSIX locks on
 * the file go (POSIX's rule, even if other descriptors remain). */
void locks_close_posix(const void *owner, struct file *f);

/* The last reference of f went: its OFD locks go. */
void locks_release_file(struct file *f);

#endif
