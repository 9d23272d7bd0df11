/*
 * The 9P2000.L client: one function per request, each building the
 * message, doing one exchange over the channel and decoding the reply.
 * Requests are serialized per client (one buffer pair, one tag). Every
 * function returns 0/value or -errno: the server's Rlerror, the
 * transport's error, or -EIO for a malformed reply.
 */
#ifndef FS_9P_CLIENT_H
#define FS_9P_CLIENT_H

#include <janux/p9.h>
#include <janux/p9_trans.h>
#include <janux/wait.h>

#define P9_MSIZE_DEFAULT (128u * 1024)
#define P9_MSIZE_MIN 4096u

struct p9_client {
	struct p9_chan *chan;
	uint32_t msize;        /* negotiated */
	uint32_t next_fid;
	bool busy;             /* a request is in flight */
	struct waitqueue idle; /* woken when busy clears */
	uint8_t *tx, *rx;      /* msize bytes each */
};

/* Claim ch, negotiate the version with msize at most `msize`; *out. */
int p9_client_open(struct p9_chan *ch, uint32_t msize, struct p9_client **out);
/* Release the channel and free the client (fids are the caller's). */
void p9_client_close(struct p9_client *c);
/* A fid number not used before by this client. */
uint32_t p9_fid_new(struct p9_client *c);
/* Largest read/write payload per request. */
uint32_t p9_iounit(const struct p9_client *c);

int p9_attach(struct p9_client *c, uint32_t fid, uint32_t uid, struct p9_qid *q);
/* Walk fid to newfid through name (NULL: clone). Binds newfid or -errno. */
int p9_walk1(struct p9_client *c, uint32_t fid, uint32_t newfid,
	     const char *name, size_t len, struct p9_qid *q);
int p9_clunk(struct p9_client *c, uint32_t fid);
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags);
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len,
	       uint32_t flags, uint32_t mode, uint32_t gid);
/* Bytes read into buf (0 at EOF) / written from buf. */
ssize_t p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len);
ssize_t p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t len);
/* Rreaddir data copied to buf (at most len, see p9_dirent_next). */
ssize_t p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len);
int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a);
int p9_setattr(struct p9_client *c, uint32_t fid, const struct p9_setattr *s);
int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode, uint32_t gid);
int p9_mknod(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode, uint32_t major, uint32_t minor, uint32_t gid);
int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	       const char *target, uint32_t gid);
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len);
int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t flags);
int p9_renameat(struct p9_client *c, uint32_t odfid, const char *oname, size_t olen,
		uint32_t ndfid, const char *nname, size_t nlen);
/* The link's target into buf (not NUL-terminated): its length. */
ssize_t p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len);
int p9_fsync(struct p9_client *c, uint32_t fid, bool datasync);
int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *s);

#endif
