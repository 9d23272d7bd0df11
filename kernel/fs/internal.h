/*
 * Private to kernel/fs: helpers shared by the VFS files (credentials and
 * context of the caller, path walking internals, the built-in filesystem
 * types). Not for use outside kernel/fs and kernel/sys/{file,fs}.c.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <janux/cred.h>
#include <janux/vfs.h>

/* Largest single read/write, as Linux (INT_MAX rounded down to a page). */
#define MAX_RW_COUNT ((size_t)0x7ffff000)

/*
 * lseek on `f` with SEEK_END measured from `end` (the file's size): sets
 * and returns the new offset, -EINVAL for a bad whence or a result below 0
 * or past INT64_MAX. For providers with their own notion of size.
 */
loff_t generic_llseek(struct file *f, loff_t off, int whence, loff_t end);

/* The caller's credentials; root's in kernel context (no current task). */
const struct cred *vfs_cred(void);

/* The caller's umask (022 without a task). */
mode_t vfs_umask(void);

/* The caller's root directory and cwd (referenced; path_put them). */
int vfs_get_root(struct path *out);
int vfs_get_cwd(struct path *out);

/* The root mount (NULL before vfs_init). */
struct mount *vfs_root_mount(void);

/*
 * Resolve all but the last component of `name` (from dfd) into *parent
 * and point *last and *len at the last component inside `name`. *last is
 * NULL when the name has no creatable last component ("/", ".", "a/..");
 * *parent is then the directory the whole name names, and *len the length
 * of the final dot component (0 for "/"). *trailing_slash: name ended
 * with a slash.
 */
int vfs_walk_parent(int dfd, const char *name, struct path *parent,
		    const char **last, size_t *len, bool *trailing_slash);

/*
 * Look up one name (not "." / "..") in dir; follows mounts. *out is
 * referenced. Checks search permission on dir.
 */
int vfs_lookup_one(const struct path *dir, const char *name, size_t len, struct path *out);

/* The mount stacked on (mnt, inode), or NULL. */
struct mount *vfs_mount_on(struct mount *mnt, struct inode *inode);

/* -EROFS when the mount is read-only. */
int vfs_mnt_want_write(struct mount *mnt);

/* A file for a resolved inode (consumes neither reference). */
struct file *vfs_file_alloc(const struct file_operations *ops, struct inode *i,
			    struct mount *mnt, unsigned int flags);

/* Create a node of mode's type in dir (umask already applied); *out referenced. */
int vfs_create_in(const struct path *dir, const char *name, size_t len,
		  mode_t mode, dev_t dev, struct inode **out);
/* May the caller add/remove names in dir (writable mount, w+x)? 0/-errno. */
int vfs_may_modify(const struct path *dir);
/* Sticky-directory rule for removing/renaming victim out of dir: 0/-EPERM. */
int vfs_sticky_ok(struct inode *dir, struct inode *victim);

/* Call sync_fs on the superblock of every mount; 0 or the first error. */
int vfs_each_sb_sync(void);

/* File systems built in. */
extern struct fs_type tmpfs_type, devtmpfs_type, procfs_type, ext2_type, v9fs_type;
/* Register /proc's system files (meminfo, uptime, ...). */
int procfs_sys_init(void);
/* Register /proc/sys (kernel/hostname, kernel/domainname). */
int procfs_sysctl_init(void);
/* Register /proc/self, /proc/thread-self and the pid directories. */
int procfs_pid_init(void);
int devmem_init(void);

/* True for a name that is "." or "..". */
static inline bool name_is_dot(const char *n, size_t len)
{
	return (len == 1 && n[0] == '.') || (len == 2 && n[0] == '.' && n[1] == '.');
}

#endif
