/*
 * File modes and the stat family: mode bits, the kernel's struct kstat,
 * and the user-visible layouts (asm-generic struct stat for LP64, struct
 * statx for both word sizes, struct statfs/statfs64).
 */
#ifndef JANUX_STAT_H
#define JANUX_STAT_H

#include <janux/types.h>

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IRWXUGO 00777
#define S_IALLUGO 07777

#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* Device numbers: Linux's 32-bit kernel dev_t (12-bit major, 20-bit minor). */
typedef uint32_t dev_t;
#define MINORBITS 20
#define MKDEV(ma, mi) (((dev_t)(ma) << MINORBITS) | (dev_t)(mi))
#define MAJOR(d) ((unsigned int)((d) >> MINORBITS))
#define MINOR(d) ((unsigned int)((d) & ((1U << MINORBITS) - 1)))
/* The user-visible (glibc/musl) encoding used by struct stat's st_dev/st_rdev. */
static inline uint64_t dev_encode(dev_t d)
{
	uint64_t ma = MAJOR(d), mi = MINOR(d);

	return (mi & 0xff) | (ma << 8) | ((mi & ~0xffull) << 12);
}
/* The inverse of dev_encode (mknod(2)'s argument). */
static inline dev_t dev_decode(uint64_t u)
{
	unsigned int ma = (unsigned int)((u >> 8) & 0xfff);
	unsigned int mi = (unsigned int)((u & 0xff) | ((u >> 12) & 0xfff00));

	return MKDEV(ma, mi);
}

struct timespec64 {
	int64_t tv_sec;
	long tv_nsec;
};

/* What vfs_getattr() reports; converted to each user layout by sys/fs.c. */
struct kstat {
	uint64_t ino;
	dev_t dev, rdev;
	mode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	int64_t size;
	uint64_t blocks; /* 512-byte units */
	unsigned int blksize;
	struct timespec64 atime, mtime, ctime, btime;
};

/* asm-generic struct stat on 64-bit arches (aarch64). 128 bytes. */
struct uapi_stat64 {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t __pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t __pad2;
	int64_t st_blocks;
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t __unused4;
	uint32_t __unused5;
};

struct uapi_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

/* struct statx: the same 256-byte layout on every word size. */
struct uapi_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct uapi_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t __spare2[14];
};

#define STATX_TYPE 0x1U
#define STATX_MODE 0x2U
#define STATX_NLINK 0x4U
#define STATX_UID 0x8U
#define STATX_GID 0x10U
#define STATX_ATIME 0x20U
#define STATX_MTIME 0x40U
#define STATX_CTIME 0x80U
#define STATX_INO 0x100U
#define STATX_SIZE 0x200U
#define STATX_BLOCKS 0x400U
#define STATX_BASIC_STATS 0x7ffU
#define STATX_BTIME 0x800U
#define STATX__RESERVED 0x80000000U

/* Filesystem figures vfs_statfs() reports. */
struct kstatfs {
	long type;
	long bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	long namelen;
	long frsize;
	long flags;
};

/*
 * asm-generic struct statfs64 (what statfs64 fills on 32-bit arches); on
 * 64-bit arches struct statfs has the same layout because its `long`
 * fields are 64-bit there. 88 bytes on ILP32, 120 on LP64.
 */
struct uapi_statfs64 {
	unsigned long f_type;
	unsigned long f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	unsigned long f_namelen;
	unsigned long f_frsize;
	unsigned long f_flags;
	unsigned long f_spare[4];
};

#endif
