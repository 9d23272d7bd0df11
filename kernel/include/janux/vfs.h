/*
 * The virtual filesystem: inodes, superblocks, mounts, paths and the
 * kernel-side operations behind the file syscalls.
 *
 * Model. There is no dentry cache: a directory inode knows its parent
 * directory (i_parent; directories have exactly one name), which gives
 * ".." and getcwd. A path is (mount, inode). Filesystems keep their own
 * directory entries and answer lookups through inode_operations.
 *
 * References. inode->refs counts in-memory users (paths, open files,
 * mounts); directory entries are counted by nlink instead. When refs drops
 * to 0 the superblock's evict() decides whether to free it (tmpfs frees
 * when nlink is 0 too; procfs always frees).
 *
 * Credentials. Every operation acts for `current` (its cred and fs
 * context); with no current task (boot) it acts as root at the root mount.
 * Every function returning int or long returns 0/value or -errno.
 */
#ifndef JANUX_VFS_H
#define JANUX_VFS_H

#include <janux/file.h>
#include <janux/list.h>
#include <janux/stat.h>
#include <janux/types.h>

struct super_block;
struct pipe;
struct mount;

#define NAME_MAX 255
#define PATH_MAX 4096
#define MAXSYMLINKS 40

/* Types reported by getdents64 (d_type). */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_FROM_MODE(m) (((m) & S_IFMT) >> 12)

struct inode {
	unsigned int refs;
	unsigned int nlink;
	uint64_t ino;
	mode_t mode;
	uid_t uid;
	gid_t gid;
	dev_t rdev;
	int64_t size;
	struct timespec64 atime, mtime, ctime;
	struct super_block *sb;
	const struct inode_operations *iops;
	const struct file_operations *fops; /* for open(); devices: chrdev */
	struct inode *parent;               /* directories only; NULL when removed */
	void *private;                      /* the filesystem's */
	struct pipe *pipe;                  /* a FIFO's pipe while open (kernel/ipc) */
};

/*
 * Directory listing: ops->iterate emits entries from ctx->pos on, calling
 * ctx->emit for each with the position of the entry AFTER it; emit returns
 * false when the caller's buffer is full (pos is then left at that entry).
 * Positions are the filesystem's cookies: stable across removals.
 */
struct dir_context {
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len,
		     uint64_t ino, unsigned int dtype, loff_t next_pos);
	loff_t pos;
};

/* Attribute changes for inode_operations->setattr. */
#define ATTR_MODE 0x1
#define ATTR_UID 0x2
#define ATTR_GID 0x4
#define ATTR_SIZE 0x8
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20
struct iattr {
	unsigned int valid;
	mode_t mode;
	uid_t uid;
	gid_t gid;
	int64_t size;
	struct timespec64 atime, mtime;
};

/*
 * Operations on inodes, called by the VFS after it has checked names,
 * types and permissions (and that the mount is writable). Names are not
 * NUL-terminated (`name`, `len`), never "." or "..", at most NAME_MAX.
 * A missing hook means -EPERM for modifications, -ENOENT for lookup,
 * -EINVAL for readlink.
 */
struct inode_operations {
	/* The child `name` of dir with a new reference, or ERR_PTR(-ENOENT). */
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	/* Make a regular file, device, fifo, socket or directory (per mode's
	 * type; mode already has the umask applied); return it referenced in
	 * *out. The VFS has checked that name does not exist. */
	int (*create)(struct inode *dir, const char *name, size_t len,
		      mode_t mode, dev_t rdev, struct inode **out);
	int (*symlink)(struct inode *dir, const char *name, size_t len,
		       const char *target, struct inode **out);
	int (*link)(struct inode *old, struct inode *dir, const char *name, size_t len);
	/* Remove a non-directory entry. */
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	/* Remove an empty directory (-ENOTEMPTY otherwise). */
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/* Move/replace/exchange (flags: RENAME_*); the VFS checked types,
	 * loops and NOREPLACE; the fs checks ENOTEMPTY of a replaced dir. */
	int (*rename)(struct inode *odir, const char *oname, size_t olen,
		      struct inode *ndir, const char *nname, size_t nlen,
		      unsigned int flags);
	/* Copy the target into buf (not NUL-terminated); length or -errno. */
	ssize_t (*readlink)(struct inode *inode, char *buf, size_t len);
	/* Apply an attribute change; ATTR_SIZE needs the fs, the rest may be
	 * left to vfs_setattr_generic(). */
	int (*setattr)(struct inode *inode, const struct iattr *ia);
	/* Adjust what vfs_getattr filled from the inode (blocks, blksize). */
	void (*getattr)(struct inode *inode, struct kstat *st);
};

struct super_operations {
	/* inode->refs reached 0: free it if the fs no longer needs it. */
	void (*evict)(struct inode *inode);
	int (*statfs)(struct super_block *sb, struct kstatfs *st);
	/* Last mount gone: free the superblock's private data. */
	void (*put_super)(struct super_block *sb);
	/* Write back everything and flush the device (sync, syncfs). */
	int (*sync_fs)(struct super_block *sb);
	/* A read-only mount of sb is being remounted read-write: make the
	 * filesystem writable, or refuse (-EROFS). */
	int (*remount_rw)(struct super_block *sb);
};

/* Mount flags (mount(2) MS_*). */
#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_SILENT 32768
#define MS_RELATIME (1 << 21)
#define MS_STRICTATIME (1 << 24)
/* umount2(2) flags */
#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8

struct super_block {
	const struct fs_type *type;
	dev_t dev;
	unsigned int mounts;           /* mounts using this superblock */
	uint64_t next_ino;
	struct inode *root;            /* referenced */
	const struct super_operations *ops;
	void *private;
	long magic;                    /* statfs f_type */
};

struct fs_type {
	const char *name;
	bool nodev;                    /* "nodev" in /proc/filesystems */
	/* A superblock (root set) for `source` and `data`, or ERR_PTR. May
	 * return an existing one (devtmpfs is a singleton). */
	struct super_block *(*get_sb)(const char *source, unsigned long flags,
				      const void *data);
	struct list_head link;
};

struct mount {
	unsigned int refs;             /* paths and files into it */
	struct super_block *sb;
	struct inode *root;            /* referenced */
	struct mount *parent;          /* NULL for the root mount */
	struct inode *mountpoint;      /* referenced; in parent */
	unsigned long flags;           /* MS_RDONLY | MS_NOSUID | ... */
	char *source;                  /* first field of /proc/mounts */
	struct list_head link;         /* in the mount table, in mount order */
};

struct path {
	struct mount *mnt;
	struct inode *inode;
};

/* ---- Boot ------------------------------------------------------------ */

/*
 * Register the built-in filesystems and mount tmpfs as "/" (then
 * /dev devtmpfs and /proc proc when `with_dev_proc`, creating the
 * directories). Call once at boot before initramfs_unpack().
 */
int vfs_init(bool with_dev_proc);

/*
 * Mount devtmpfs on /dev and proc on /proc, creating the directories
 * unless they exist. Boot calls it after initramfs_unpack(), so device
 * nodes an archive carries in dev/ stay in the root tmpfs underneath
 * (as on Linux, where the archive is unpacked before devtmpfs appears).
 */
int vfs_mount_dev_proc(void);
/* Make a filesystem type known to mount(2) and /proc/filesystems. */
void vfs_register_fs(struct fs_type *t);
/* Text of /proc/filesystems into buf (cut to len); its full length. */
size_t vfs_filesystems_text(char *buf, size_t len);

/* ---- Inodes ------------------------------------------------------------ */

/* A fresh inode of sb with one reference, ino assigned, times now. */
struct inode *inode_alloc(struct super_block *sb, mode_t mode);
struct inode *inode_get(struct inode *i);
void inode_put(struct inode *i);
/* Wall-clock now for timestamps. */
struct timespec64 vfs_now(void);
/* Apply ATTR_MODE/UID/GID/ATIME/MTIME to the inode fields, set ctime. */
void vfs_setattr_generic(struct inode *i, const struct iattr *ia);
/* DAC: may the caller access inode with mask R_OK|W_OK|X_OK? 0/-EACCES. */
int inode_permission(struct inode *i, int mask);

/* ---- Paths and mounts ------------------------------------------------- */

void path_get(const struct path *p);
void path_put(struct path *p);
struct mount *mount_get(struct mount *m);
void mount_put(struct mount *m);

/* Lookup flags */
#define LOOKUP_FOLLOW 0x1      /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2   /* the result must be a directory */
#define LOOKUP_EMPTY 0x4       /* "" names dfd itself (AT_EMPTY_PATH) */

/*
 * Resolve `name` relative to dfd (AT_FDCWD: the cwd) into *out
 * (referenced; release with path_put). Errors: ENOENT, ENOTDIR, ELOOP
 * (more than 40 symlinks), ENAMETOOLONG (a component over NAME_MAX or the
 * name over PATH_MAX), EACCES (search permission), EBADF (dfd).
 */
int vfs_lookup_at(int dfd, const char *name, unsigned int flags, struct path *out);

/*
 * vfs_lookup_at that also hands back, when the result is not a directory,
 * the directory it was found in (*dir, referenced; left alone otherwise).
 */
int vfs_lookup_dir_at(int dfd, const char *name, unsigned int flags, struct path *out,
		      struct inode **dir);

/* The root of the root mount ("/" for the boot context), referenced. */
int vfs_root_path(struct path *out);

/*
 * The absolute name of p as seen from `root` into buf; returns the length
 * or -ENAMETOOLONG (buf too small), -ENOENT (removed directory), -ENOTDIR
 * (not a directory). A path outside root (after chroot), or root NULL,
 * reads as seen from the global root.
 */
long vfs_path_name(const struct path *p, const struct path *root, char *buf, size_t len);

/*
 * The name /proc shows for an open file (readlink of /proc/<pid>/fd/N and
 * exe): the absolute path as seen from the caller's root for a directory
 * or a file opened by name, else "pipe:[ino]", "socket:[ino]" or
 * "anon_inode:[ino]" (also for a file unlinked since). Length, or
 * -ENAMETOOLONG / -ENOMEM.
 */
long vfs_file_name(struct file *f, char *buf, size_t len);

int vfs_mount(const char *source, const char *target, const char *fstype,
	      unsigned long flags, const void *data);
int vfs_umount(const char *target, int flags);
/* Text of /proc/mounts into buf (cut to len); its full length. */
size_t vfs_mounts_text(char *buf, size_t len);

/* ---- Operations (the *at syscalls without the user copies) ------------ */

/* open(2): a referenced file or ERR_PTR. flags O_*; mode for O_CREAT. */
struct file *vfs_open_at(int dfd, const char *name, int flags, mode_t mode);
/* Open a resolved path (exec, /proc/<pid>/fd). */
struct file *vfs_open_path(const struct path *p, int flags);
int vfs_mknod_at(int dfd, const char *name, mode_t mode, dev_t dev);
int vfs_mkdir_at(int dfd, const char *name, mode_t mode);
int vfs_symlink_at(const char *target, int dfd, const char *name);
int vfs_link_at(int odfd, const char *oname, int ndfd, const char *nname, int flags);
int vfs_unlink_at(int dfd, const char *name, int flags);
int vfs_rename_at(int odfd, const char *oname, int ndfd, const char *nname,
		  unsigned int flags);
ssize_t vfs_readlink_at(int dfd, const char *name, char *buf, size_t len);
int vfs_stat_at(int dfd, const char *name, int flags, struct kstat *st);
int vfs_getattr(struct inode *i, struct kstat *st);
int vfs_chmod_at(int dfd, const char *name, mode_t mode, int flags);
int vfs_chown_at(int dfd, const char *name, uid_t uid, gid_t gid, int flags);
int vfs_truncate_at(int dfd, const char *name, int64_t size);
/* times[0] atime, times[1] mtime, with UTIME_NOW/UTIME_OMIT nsec; NULL = now. */
int vfs_utimens_at(int dfd, const char *name, const struct timespec64 *times, int flags);
int vfs_access_at(int dfd, const char *name, int mode, int flags);
int vfs_statfs_at(int dfd, const char *name, int flags, struct kstatfs *st);
int vfs_chdir_at(int dfd, const char *name, int flags);
int vfs_chroot(const char *name);
/* getcwd: absolute name of the cwd into buf; length incl. NUL or -errno. */
long vfs_getcwd(char *buf, size_t len);

/* Attribute changes on open files (fchmod, fchown, ftruncate). */
int vfs_chmod(const struct path *p, mode_t mode);
int vfs_chown(const struct path *p, uid_t uid, gid_t gid);
int vfs_ftruncate(struct file *f, int64_t size);
/* sync(2): every mounted filesystem written back; 0 or the first error. */
int vfs_sync_all(void);
/* syncfs(2) on the filesystem of f. */
int vfs_syncfs(struct file *f);
/* fsync(2)/fdatasync(2) on f: its ops->fsync, or nothing to do. */
int vfs_fsync(struct file *f, bool datasync);
/* getdents64 into a kernel buffer; bytes filled or -errno. */
long vfs_getdents64(struct file *f, void *buf, size_t len);

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

#endif
