/*
 * File-control constants of the Linux ABI: open(2) flags, *at() flags,
 * fcntl(2) commands, renameat2(2) flags. Values are asm-generic; an arch
 * whose Linux ABI differs (arm64 moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT
 * and O_LARGEFILE for AArch32 compatibility) supplies <asm/fcntl.h> with
 * its own values, found by file presence on the include path.
 */
#ifndef JANUX_FCNTL_H
#define JANUX_FCNTL_H

#if __has_include(<asm/fcntl.h>)
#include <asm/fcntl.h>
#endif

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000
#define O_ASYNC 00020000
#ifndef O_DIRECT
#define O_DIRECT 00040000
#endif
#ifndef O_LARGEFILE
#define O_LARGEFILE 00100000
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 00200000
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 00400000
#endif
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_SYNC_BIT 04000000 /* O_SYNC is O_SYNC_BIT | O_DSYNC */
#define O_PATH 010000000
#define O_TMPFILE_BIT 020000000

/* Flags F_SETFL may change; the rest of f_flags is fixed at open. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

/* *at() */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200 /* faccessat: effective ids */
#define AT_REMOVEDIR 0x200 /* unlinkat */
#define AT_SYMLINK_FOLLOW 0x400 /* linkat */
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

/* fcntl(2) */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_GETLK64 12 /* ILP32 */
#define F_SETLK64 13
#define F_SETLKW64 14
#define F_SETOWN 8
#define F_GETOWN 9
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* renameat2(2) */
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#define RENAME_WHITEOUT (1 << 2)

/* lseek(2) */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* faccessat(2) modes; the permission masks of inode_permission(). */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* close_range(2) */
#define CLOSE_RANGE_UNSHARE (1U << 1)
#define CLOSE_RANGE_CLOEXEC (1U << 2)

#endif
