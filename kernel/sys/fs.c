/*
 * Path syscalls: openat, the *at() family, stat/statx/statfs, utimensat,
 * access, chdir/chroot/getcwd, umask, truncate, mount/umount2. Each copies
 * its names from user memory (PATH_MAX, -EFAULT/-ENAMETOOLONG) and calls
 * the VFS.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/fs_struct.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/vfs.h>

/* A kernel copy of a user path (kfree it), or ERR_PTR. */
static char *getname(uaddr_t u)
{
	char *buf = kmalloc(PATH_MAX);
	long n;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = arch_strncpy_from_user(buf, u, PATH_MAX);
	if (n < 0) {
		kfree(buf);
		return ERR_PTR(n);
	}
	return buf;
}

#define WITH_NAME(var, u, expr)                                              \
	({                                                                   \
		char *var = getname(u);                                      \
		long r_ = IS_ERR(var) ? PTR_ERR(var) : (long)(expr);         \
		if (!IS_ERR(var))                                            \
			kfree(var);                                          \
		r_;                                                          \
	})

SYSCALL_DEFINE4(openat, int, dfd, uaddr_t, uname, int, flags, mode_t, mode)
{
	char *name = getname(uname);
	struct file *f;
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	f = vfs_open_at(dfd, name, flags, mode);
	kfree(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = current ? fd_install(current->files, f, 0, flags & O_CLOEXEC) : -EBADF;
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE4(mknodat, int, dfd, uaddr_t, u, mode_t, mode, unsigned int, dev)
{
	return WITH_NAME(n, u, vfs_mknod_at(dfd, n, mode, dev_decode(dev)));
}

SYSCALL_DEFINE3(mkdirat, int, dfd, uaddr_t, u, mode_t, mode)
{
	return WITH_NAME(n, u, vfs_mkdir_at(dfd, n, mode));
}

SYSCALL_DEFINE3(unlinkat, int, dfd, uaddr_t, u, int, flags)
{
	return WITH_NAME(n, u, vfs_unlink_at(dfd, n, flags));
}

SYSCALL_DEFINE3(symlinkat, uaddr_t, utarget, int, dfd, uaddr_t, u)
{
	char *target = getname(utarget);
	long r;

	if (IS_ERR(target))
		return PTR_ERR(target);
	r = WITH_NAME(n, u, vfs_symlink_at(target, dfd, n));
	kfree(target);
	return r;
}

/* Both names of link/rename copied; fn gets them. */
static long two_names(uaddr_t u1, uaddr_t u2, char **a, char **b)
{
	*a = getname(u1);
	if (IS_ERR(*a))
		return PTR_ERR(*a);
	*b = getname(u2);
	if (IS_ERR(*b)) {
		kfree(*a);
		return PTR_ERR(*b);
	}
	return 0;
}

SYSCALL_DEFINE5(linkat, int, odfd, uaddr_t, uo, int, ndfd, uaddr_t, un, int, flags)
{
	char *o, *n;
	long r = two_names(uo, un, &o, &n);

	if (r)
		return r;
	r = vfs_link_at(odfd, o, ndfd, n, flags);
	kfree(o);
	kfree(n);
	return r;
}

SYSCALL_DEFINE5(renameat2, int, odfd, uaddr_t, uo, int, ndfd, uaddr_t, un,
		unsigned int, flags)
{
	char *o, *n;
	long r = two_names(uo, un, &o, &n);

	if (r)
		return r;
	r = vfs_rename_at(odfd, o, ndfd, n, flags);
	kfree(o);
	kfree(n);
	return r;
}

SYSCALL_DEFINE4(renameat, int, odfd, uaddr_t, uo, int, ndfd, uaddr_t, un)
{
	return sys_renameat2((unsigned long)odfd, uo, (unsigned long)ndfd, un, 0, 0);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, uaddr_t, u, uaddr_t, ubuf, int, len)
{
	char *kbuf;
	long r;

	if (len <= 0)
		return -EINVAL;
	kbuf = kmalloc(PATH_MAX);
	if (!kbuf)
		return -ENOMEM;
	r = WITH_NAME(n, u, vfs_readlink_at(dfd, n, kbuf, MIN((size_t)len, (size_t)PATH_MAX)));
	if (r > 0 && arch_copy_to_user(ubuf, kbuf, (size_t)r))
		r = -EFAULT;
	kfree(kbuf);
	return r;
}

/* asm-generic struct stat (LP64) from a kstat. */
static long put_stat(uaddr_t u, const struct kstat *k)
{
	struct uapi_stat64 s = {
		.st_dev = dev_encode(k->dev), .st_ino = k->ino, .st_mode = k->mode,
		.st_nlink = k->nlink, .st_uid = k->uid, .st_gid = k->gid,
		.st_rdev = dev_encode(k->rdev), .st_size = k->size,
		.st_blksize = (int32_t)k->blksize, .st_blocks = (int64_t)k->blocks,
		.st_atime_sec = k->atime.tv_sec, .st_atime_nsec = (uint64_t)k->atime.tv_nsec,
		.st_mtime_sec = k->mtime.tv_sec, .st_mtime_nsec = (uint64_t)k->mtime.tv_nsec,
		.st_ctime_sec = k->ctime.tv_sec, .st_ctime_nsec = (uint64_t)k->ctime.tv_nsec,
	};

	return arch_copy_to_user(u, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE4(newfstatat, int, dfd, uaddr_t, u, uaddr_t, ust, int, flags)
{
	struct kstat k;
	long r = WITH_NAME(n, u, vfs_stat_at(dfd, n, flags, &k));

	return r ? r : put_stat(ust, &k);
}

SYSCALL_DEFINE2(fstat, int, fd, uaddr_t, ust)
{
	struct kstat k;
	long r = vfs_stat_at(fd, "", AT_EMPTY_PATH, &k);

	return r ? r : put_stat(ust, &k);
}

static struct uapi_statx_timestamp stx_time(struct timespec64 t)
{
	return (struct uapi_statx_timestamp){ t.tv_sec, (uint32_t)t.tv_nsec, 0 };
}

SYSCALL_DEFINE5(statx, int, dfd, uaddr_t, u, int, flags, unsigned int, mask, uaddr_t, ubuf)
{
	struct uapi_statx sx;
	struct kstat k;
	long r;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	r = WITH_NAME(n, u, vfs_stat_at(dfd, n, flags, &k));
	if (r)
		return r;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_BTIME;
	sx.stx_blksize = k.blksize;
	sx.stx_nlink = k.nlink;
	sx.stx_uid = k.uid;
	sx.stx_gid = k.gid;
	sx.stx_mode = (uint16_t)k.mode;
	sx.stx_ino = k.ino;
	sx.stx_size = (uint64_t)k.size;
	sx.stx_blocks = k.blocks;
	sx.stx_atime = stx_time(k.atime);
	sx.stx_btime = stx_time(k.btime);
	sx.stx_ctime = stx_time(k.ctime);
	sx.stx_mtime = stx_time(k.mtime);
	sx.stx_rdev_major = MAJOR(k.rdev);
	sx.stx_rdev_minor = MINOR(k.rdev);
	sx.stx_dev_major = MAJOR(k.dev);
	sx.stx_dev_minor = MINOR(k.dev);
	return arch_copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long put_statfs(uaddr_t u, const struct kstatfs *k)
{
	struct uapi_statfs64 s = {
		.f_type = (unsigned long)k->type, .f_bsize = (unsigned long)k->bsize,
		.f_blocks = k->blocks, .f_bfree = k->bfree, .f_bavail = k->bavail,
		.f_files = k->files, .f_ffree = k->ffree,
		.f_namelen = (unsigned long)k->namelen, .f_frsize = (unsigned long)k->frsize,
		.f_flags = (unsigned long)k->flags,
	};

	return arch_copy_to_user(u, &s, sizeof(s)) ? -EFAULT : 0;
}

/* statfs(path, buf) on LP64; statfs64(path, size, buf) on ILP32. */
SYSCALL_DEFINE3(statfs, uaddr_t, u, uaddr_t, a1, uaddr_t, a2)
{
	struct kstatfs k;
	uaddr_t ubuf = BITS_PER_LONG == 64 ? a1 : a2;
	long r;

	if (BITS_PER_LONG == 32 && a1 != sizeof(struct uapi_statfs64))
		return -EINVAL;
	r = WITH_NAME(n, u, vfs_statfs_at(AT_FDCWD, n, 0, &k));
	return r ? r : put_statfs(ubuf, &k);
}

SYSCALL_DEFINE3(fstatfs, int, fd, uaddr_t, a1, uaddr_t, a2)
{
	struct kstatfs k;
	uaddr_t ubuf = BITS_PER_LONG == 64 ? a1 : a2;
	long r;

	if (BITS_PER_LONG == 32 && a1 != sizeof(struct uapi_statfs64))
		return -EINVAL;
	r = vfs_statfs_at(fd, "", AT_EMPTY_PATH, &k);
	return r ? r : put_statfs(ubuf, &k);
}

SYSCALL_DEFINE_RAW(truncate)
{
	return WITH_NAME(n, a0, vfs_truncate_at(AT_FDCWD, n, (int64_t)SYSCALL_ARG64(a1, a2)));
}

SYSCALL_DEFINE4(utimensat, int, dfd, uaddr_t, u, uaddr_t, utimes, int, flags)
{
	struct timespec64 ts[2];
	int64_t raw[4]; /* struct __kernel_timespec: two 64-bit words each */

	if (utimes) {
		if (arch_copy_from_user(raw, utimes, sizeof(raw)))
			return -EFAULT;
		ts[0] = (struct timespec64){ raw[0], (long)raw[1] };
		ts[1] = (struct timespec64){ raw[2], (long)raw[3] };
	}
	if (!u) /* futimens: utimensat(fd, NULL, ...) */
		return vfs_utimens_at(dfd, "", utimes ? ts : NULL, flags | AT_EMPTY_PATH);
	return WITH_NAME(n, u, vfs_utimens_at(dfd, n, utimes ? ts : NULL, flags));
}

SYSCALL_DEFINE4(faccessat2, int, dfd, uaddr_t, u, int, mode, int, flags)
{
	return WITH_NAME(n, u, vfs_access_at(dfd, n, mode, flags));
}

SYSCALL_DEFINE3(faccessat, int, dfd, uaddr_t, u, int, mode)
{
	return WITH_NAME(n, u, vfs_access_at(dfd, n, mode, 0));
}

/* Linux's fchmodat takes no flags (fchmodat2 does): a fourth register is
 * whatever the caller left there. */
SYSCALL_DEFINE3(fchmodat, int, dfd, uaddr_t, u, mode_t, mode)
{
	return WITH_NAME(n, u, vfs_chmod_at(dfd, n, mode, 0));
}

SYSCALL_DEFINE5(fchownat, int, dfd, uaddr_t, u, uid_t, uid, gid_t, gid, int, flags)
{
	return WITH_NAME(n, u, vfs_chown_at(dfd, n, uid, gid, flags));
}

SYSCALL_DEFINE1(chdir, uaddr_t, u)
{
	return WITH_NAME(n, u, vfs_chdir_at(AT_FDCWD, n, 0));
}

SYSCALL_DEFINE1(chroot, uaddr_t, u)
{
	return WITH_NAME(n, u, vfs_chroot(n));
}

SYSCALL_DEFINE2(getcwd, uaddr_t, ubuf, size_t, len)
{
	char *kbuf = kmalloc(PATH_MAX);
	long r;

	if (!kbuf)
		return -ENOMEM;
	r = vfs_getcwd(kbuf, MIN(len, (size_t)PATH_MAX));
	if (r > 0 && arch_copy_to_user(ubuf, kbuf, (size_t)r))
		r = -EFAULT;
	kfree(kbuf);
	return r;
}

SYSCALL_DEFINE1(umask, mode_t, mask)
{
	struct fs_struct *fs = current ? current->fs : NULL;
	mode_t old;

	if (!fs)
		return 022;
	old = fs->umask;
	fs->umask = mask & 0777;
	return old;
}

SYSCALL_DEFINE5(mount, uaddr_t, usrc, uaddr_t, utarget, uaddr_t, utype,
		unsigned long, flags, uaddr_t, udata)
{
	char *src = usrc ? getname(usrc) : NULL, *type = NULL;
	long r = IS_ERR(src) ? PTR_ERR(src) : 0;

	if (!r && utype) {
		type = getname(utype);
		r = IS_ERR(type) ? PTR_ERR(type) : 0;
	}
	if (!r)
		r = WITH_NAME(t, utarget, vfs_mount(src, t, type, flags, NULL));
	if (src && !IS_ERR(src))
		kfree(src);
	if (type && !IS_ERR(type))
		kfree(type);
	return r;
}

SYSCALL_DEFINE2(umount2, uaddr_t, u, int, flags)
{
	return WITH_NAME(n, u, vfs_umount(n, flags));
}
