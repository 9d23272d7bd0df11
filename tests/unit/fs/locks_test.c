/* kernel/fs/locks.c: POSIX record locks and OFD locks through fcntl. */
#include <string.h>

#include <host_machine.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/locks.h>
#include <janux/vfs.h>
#include "fs_fixture.h"
#include "ktest.h"

struct flock_u {
	int16_t type, whence;
	int32_t pad;
	int64_t start, len;
	int32_t pid, pad2;
};

static uaddr_t ufl;

static struct flock_u *fl(int type, int64_t start, int64_t len)
{
	struct flock_u *f = host_user_ptr(ufl);

	memset(f, 0, sizeof(*f));
	f->type = (int16_t)type;
	f->start = start;
	f->len = len;
	return f;
}

static struct file *open_rw(void)
{
	struct file *f = vfs_open_at(AT_FDCWD, "/lockme", O_CREAT | O_RDWR, 0644);

	KT_ASSERT(!IS_ERR(f));
	return f;
}

static long lk(struct file *f, const void *owner, unsigned int cmd)
{
	return locks_fcntl(f, owner, cmd, ufl);
}

KTEST(locks, posix_ranges_conflict_split_and_report)
{
	static struct process proc = { .pid = 77 };
	struct file *f;
	int a, b; /* two owners (descriptor tables) */

	fs_fixture_boot()->proc = &proc; /* l_pid reports the locker's pid */
	ufl = host_user_alloc(sizeof(struct flock_u));
	f = open_rw();
	fl(F_WRLCK, 10, 10);
	KT_EQ_INT(lk(f, &a, F_SETLK), 0);            /* a: W [10,19] */
	fl(F_RDLCK, 15, 1);
	KT_EQ_INT(lk(f, &b, F_SETLK), -EAGAIN);
	fl(F_RDLCK, 0, 0);
	KT_EQ_INT(lk(f, &b, F_GETLK), 0);
	KT_EQ_INT(((struct flock_u *)host_user_ptr(ufl))->type, F_WRLCK); /* the conflict */
	KT_EQ_INT(((struct flock_u *)host_user_ptr(ufl))->start, 10);
	fl(F_RDLCK, 0, 0);
	lk(f, &b, F_GETLK);
	KT_EQ_INT(((struct flock_u *)host_user_ptr(ufl))->len, 10);
	fl(F_UNLCK, 12, 2);
	KT_EQ_INT(lk(f, &a, F_SETLK), 0);            /* a: [10,11] and [14,19] */
	fl(F_WRLCK, 12, 2);
	KT_EQ_INT(lk(f, &b, F_SETLK), 0);            /* the hole is free */
	fl(F_RDLCK, 11, 1);
	KT_EQ_INT(lk(f, &b, F_SETLK), -EAGAIN);
	fl(F_RDLCK, 20, 0);                          /* to the end of the file */
	KT_EQ_INT(lk(f, &b, F_SETLK), 0);
	fl(F_RDLCK, 30, 5);
	KT_EQ_INT(lk(f, &a, F_SETLK), 0);            /* shared with b's read lock */
	fl(F_WRLCK, 30, 1);
	KT_EQ_INT(lk(f, &a, F_SETLK), -EAGAIN);
	locks_close_posix(&b, f);                    /* b closes a descriptor */
	KT_EQ_INT(lk(f, &a, F_SETLK), 0);
	fl(F_WRLCK, 0, 0);
	KT_EQ_INT(lk(f, &b, F_GETLK), 0);
	KT_EQ_INT(((struct flock_u *)host_user_ptr(ufl))->pid, 77);
	file_put(f);
}

KTEST(locks, errors_and_access_modes)
{
	struct file *f, *ro;
	struct flock_u *u;
	int a;

	fs_fixture_boot();
	ufl = host_user_alloc(sizeof(struct flock_u));
	f = open_rw();
	ro = vfs_open_at(AT_FDCWD, "/lockme", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(ro));
	fl(F_WRLCK, 0, 0);
	KT_EQ_INT(lk(ro, &a, F_SETLK), -EBADF);
	fl(7, 0, 0);
	KT_EQ_INT(lk(f, &a, F_SETLK), -EINVAL);
	u = fl(F_RDLCK, -5, 0);
	KT_EQ_INT(lk(f, &a, F_SETLK), -EINVAL);
	u = fl(F_RDLCK, 0, 0);
	u->whence = 9;
	KT_EQ_INT(lk(f, &a, F_SETLK), -EINVAL);
	u = fl(F_RDLCK, 0, 0);
	u->pid = 5;
	KT_EQ_INT(lk(f, &a, F_OFD_SETLK), -EINVAL); /* OFD needs l_pid 0 */
	KT_EQ_INT(locks_fcntl(f, &a, F_SETLK, 8), -EFAULT);
	file_put(ro);
	file_put(f);
}

KTEST(locks, ofd_locks_belong_to_the_open_file)
{
	struct file *f1, *f2;
	int a;

	fs_fixture_boot();
	ufl = host_user_alloc(sizeof(struct flock_u));
	f1 = open_rw();
	f2 = open_rw();
	fl(F_WRLCK, 0, 100);
	KT_EQ_INT(lk(f1, &a, F_OFD_SETLK), 0);
	KT_EQ_INT(lk(f2, &a, F_OFD_SETLK), -EAGAIN); /* same table, other file */
	KT_EQ_INT(lk(f2, &a, F_SETLK), -EAGAIN);     /* POSIX vs OFD conflict too */
	fl(F_RDLCK, 0, 0);
	KT_EQ_INT(lk(f2, &a, F_OFD_GETLK), 0);
	KT_EQ_INT(((struct flock_u *)host_user_ptr(ufl))->pid, -1);
	locks_close_posix(&a, f1);                   /* not POSIX-owned: stays */
	fl(F_WRLCK, 0, 100);
	KT_EQ_INT(lk(f2, &a, F_OFD_SETLK), -EAGAIN);
	file_put(f1);                                /* last reference */
	KT_EQ_INT(lk(f2, &a, F_OFD_SETLK), 0);
	file_put(f2);
}

static struct file *shared;
static long waited;
static int owner_b;

static void wait_lock(void *arg)
{
	fl(F_WRLCK, 0, 1);
	waited = locks_fcntl(shared, &owner_b, F_SETLKW, ufl);
}

KTEST(locks, setlkw_sleeps_until_the_lock_goes)
{
	struct task *t;
	int a;

	t = fs_fixture_boot();
	ufl = host_user_alloc(sizeof(struct flock_u));
	shared = open_rw();
	fl(F_WRLCK, 0, 1);
	KT_EQ_INT(lk(shared, &a, F_SETLK), 0);
	waited = 99;
	host_task_run(t, wait_lock, NULL);
	KT_EQ_INT(waited, 99);
	fl(F_UNLCK, 0, 1);
	KT_EQ_INT(lk(shared, &a, F_SETLK), 0);
	host_run_others();
	KT_EQ_INT(waited, 0);
	fl(F_RDLCK, 0, 1);
	KT_EQ_INT(lk(shared, &a, F_SETLK), -EAGAIN); /* the sleeper got it */
	file_put(shared);
}
