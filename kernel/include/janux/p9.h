/*
 * 9P2000.L wire protocol: message numbers, constants and the codec the
 * client uses to build requests and take replies apart. Every multi-byte
 * field is little-endian; strings are a 2-byte length then bytes (no NUL).
 *
 * Requests are built with p9_msg_* (overflow is sticky and reported once by
 * p9_msg_end). Replies are read with p9_rd_*: every read is checked against
 * the bytes the message really holds, so a short or lying reply sets a
 * sticky error and reads yield zeros, never bytes beyond the buffer;
 * p9_rd_end() then turns it into -EIO with a printk.
 */
#ifndef JANUX_P9_H
#define JANUX_P9_H

#include <janux/types.h>

/* Message types (T = request, R = reply = T + 1). */
enum {
	P9_RLERROR = 7,
	P9_TSTATFS = 8, P9_TLOPEN = 12, P9_TLCREATE = 14, P9_TSYMLINK = 16,
	P9_TMKNOD = 18, P9_TREADLINK = 22, P9_TGETATTR = 24, P9_TSETATTR = 26,
	P9_TREADDIR = 40, P9_TFSYNC = 50, P9_TLINK = 70, P9_TMKDIR = 72,
	P9_TRENAMEAT = 74, P9_TUNLINKAT = 76, P9_TVERSION = 100,
	P9_TATTACH = 104, P9_TWALK = 110, P9_TREAD = 116, P9_TWRITE = 118,
	P9_TCLUNK = 120,
};

#define P9_HDR 7            /* size[4] type[1] tag[2] */
#define P9_NOTAG 0xffff
#define P9_NOFID 0xffffffffu
#define P9_MAXWELEM 16      /* names per Twalk */
#define P9_QTDIR 0x80
#define P9_QTSYMLINK 0x02
#define P9_READ_HDR 11      /* Rread: header + count[4] */
#define P9_WRITE_HDR 23     /* Twrite: header + fid, offset, count */
#define P9_VERSION "9P2000.L"

/* Tlopen/Tlcreate flags: Linux's generic open flags, whatever the arch. */
#define P9_DOTL_RDONLY 0
#define P9_DOTL_WRONLY 1
#define P9_DOTL_RDWR 2
#define P9_DOTL_CREATE 0100
#define P9_DOTL_EXCL 0200
#define P9_DOTL_TRUNC 01000
#define P9_DOTL_APPEND 02000
#define P9_DOTL_DIRECTORY 0200000
#define P9_DOTL_NOFOLLOW 0400000

#define P9_AT_REMOVEDIR 0x200  /* Tunlinkat flags */

/* Tgetattr request mask: the basic stat fields. */
#define P9_GETATTR_BASIC 0x7ffull

/* Tsetattr valid bits. */
#define P9_SETATTR_MODE 0x1
#define P9_SETATTR_UID 0x2
#define P9_SETATTR_GID 0x4
#define P9_SETATTR_SIZE 0x8
#define P9_SETATTR_ATIME 0x10
#define P9_SETATTR_MTIME 0x20
#define P9_SETATTR_CTIME 0x40
#define P9_SETATTR_ATIME_SET 0x80
#define P9_SETATTR_MTIME_SET 0x100

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

/* Rgetattr, the fields the client keeps. */
struct p9_attr {
	uint64_t valid;
	struct p9_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

/* Tsetattr's payload. */
struct p9_setattr {
	uint32_t valid, mode, uid, gid;
	uint64_t size, atime_sec, atime_nsec, mtime_sec, mtime_nsec;
};

struct p9_statfs {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree, fsid;
	uint32_t namelen;
};

/* One Rreaddir entry; name points into the reply (not NUL-terminated). */
struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset;
	uint8_t type;
	const char *name;
	uint16_t len;
};

/* ---- Building requests ------------------------------------------------ */

struct p9_msg {
	uint8_t *buf;
	size_t cap, pos;
	bool overflow;
};

/* Start message `type` with `tag` in buf (cap bytes); size is filled by end. */
void p9_msg_begin(struct p9_msg *m, void *buf, size_t cap, uint8_t type, uint16_t tag);
void p9_put8(struct p9_msg *m, uint8_t v);
void p9_put16(struct p9_msg *m, uint16_t v);
void p9_put32(struct p9_msg *m, uint32_t v);
void p9_put64(struct p9_msg *m, uint64_t v);
/* A string field: len bytes of s (len must fit 16 bits, else overflow). */
void p9_put_str(struct p9_msg *m, const char *s, size_t len);
/* Raw bytes (Twrite data after its count). */
void p9_put_bytes(struct p9_msg *m, const void *p, size_t len);
/* Seal the message: its length, or -EMSGSIZE if anything did not fit. */
long p9_msg_end(struct p9_msg *m);

/* ---- Reading replies -------------------------------------------------- */

struct p9_rd {
	const uint8_t *buf;
	size_t len, pos;    /* len: the size field, checked against the buffer */
	bool bad;
	const char *what;   /* the reply's name, for the error message */
};

/*
 * Open reply `msg` (len bytes received) expecting type `type` and `tag`.
 * Returns 0, -errno carried by an Rlerror (values outside 1..4095 give
 * -EIO), or -EIO with a printk when the header is malformed: fewer than 7
 * bytes, a size field that is not the number of bytes received, another
 * tag or another type.
 */
int p9_rd_begin(struct p9_rd *r, const void *msg, size_t len, uint8_t type, uint16_t tag);
uint8_t p9_get8(struct p9_rd *r);
uint16_t p9_get16(struct p9_rd *r);
uint32_t p9_get32(struct p9_rd *r);
uint64_t p9_get64(struct p9_rd *r);
void p9_get_qid(struct p9_rd *r, struct p9_qid *q);
/* A string field: *s points into the reply, *len its length ("" if bad). */
void p9_get_str(struct p9_rd *r, const char **s, uint16_t *len);
/* n raw bytes: a pointer into the reply, or NULL (and bad) if short. */
const void *p9_get_bytes(struct p9_rd *r, size_t n);
/* 0 when every read fit, else -EIO with a printk naming the reply. */
int p9_rd_end(struct p9_rd *r);

/* ---- Whole-message helpers ---------------------------------------------- */

void p9_get_attr(struct p9_rd *r, struct p9_attr *a);
void p9_get_statfs(struct p9_rd *r, struct p9_statfs *s);
void p9_put_setattr(struct p9_msg *m, const struct p9_setattr *s);

/*
 * Next entry of Rreaddir data (*p, *left bytes; both advance). Returns 1
 * with *d filled, 0 at the end of the data, or -EIO (printk) for an entry
 * that does not fit what is left or whose name is not one path component
 * (empty, over 255 bytes, with '/' or NUL).
 */
int p9_dirent_next(const uint8_t **p, size_t *left, struct p9_dirent *d);

#endif
