/*
 * 9P2000.L client requests over a channel (see client.h): version and msize
 * negotiation, then one function per message. One request in flight per
 * client: a busy flag and a wait queue serialize callers, who may sleep in
 * the transport.
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "client.h"

#define TAG 1

static void client_lock(struct p9_client *c)
{
	wait_event(&c->idle, !c->busy, 0, WAIT_FOREVER);
	c->busy = true;
}

static void client_unlock(struct p9_client *c)
{
	c->busy = false;
	wake_up_one(&c->idle);
}

/* Take the client and start a request of `type`. */
static void req(struct p9_client *c, struct p9_msg *m, uint8_t type)
{
	client_lock(c);
	p9_msg_begin(m, c->tx, c->msize, type, type == P9_TVERSION ? P9_NOTAG : TAG);
}

/* Send the request, open its reply; on failure the client is released. */
static int exchange(struct p9_client *c, struct p9_msg *m, struct p9_rd *r)
{
	uint8_t type = c->tx[4];
	long len = p9_msg_end(m);
	ssize_t n = len;
	int err;

	if (len >= 0)
		n = c->chan->ops->rpc(c->chan, c->tx, (size_t)len, c->rx, c->msize);
	if (n < 0)
		err = (int)n;
	else if ((size_t)n > c->msize)
		err = -EIO; /* a transport bug; the codec would not see it */
	else
		err = p9_rd_begin(r, c->rx, (size_t)n, type + 1, type == P9_TVERSION ? P9_NOTAG : TAG);
	if (err)
		client_unlock(c);
	return err;
}

/* Done reading the reply: release the client; -EIO if it was short. */
static int done(struct p9_client *c, struct p9_rd *r)
{
	int err = p9_rd_end(r);

	client_unlock(c);
	return err;
}

/* A request whose reply has no body. */
static int simple(struct p9_client *c, struct p9_msg *m)
{
	struct p9_rd r;
	int err = exchange(c, m, &r);

	return err ? err : done(c, &r);
}

/* Tversion: agree on 9P2000.L and an msize no larger than ours. */
static int p9_version(struct p9_client *c)
{
	struct p9_msg m;
	struct p9_rd r;
	const char *v;
	uint16_t vlen;
	uint32_t msize;
	int err;

	req(c, &m, P9_TVERSION);
	p9_put32(&m, c->msize);
	p9_put_str(&m, P9_VERSION, strlen(P9_VERSION));
	if ((err = exchange(c, &m, &r)))
		return err;
	msize = p9_get32(&r);
	p9_get_str(&r, &v, &vlen);
	if ((err = done(c, &r)))
		return err;
	if (vlen != strlen(P9_VERSION) || memcmp(v, P9_VERSION, vlen)) {
		pr_err("9p: server does not speak " P9_VERSION "\n");
		return -EIO;
	}
	if (msize < P9_MSIZE_MIN || msize > c->msize) {
		pr_err("9p: server offers msize %u (asked for at most %u)\n", msize, c->msize);
		return -EIO;
	}
	c->msize = msize;
	return 0;
}

int p9_client_open(struct p9_chan *ch, uint32_t msize, struct p9_client **out)
{
	struct p9_client *c;
	int err;

	if (ch->in_use)
		return -EBUSY;
	if (msize > ch->max_msize)
		msize = (uint32_t)ch->max_msize;
	if (msize < P9_MSIZE_MIN)
		return -EINVAL;
	c = kzalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->chan = ch;
	c->msize = msize;
	c->next_fid = 1;
	waitqueue_init(&c->idle);
	c->tx = kmalloc(msize);
	c->rx = kmalloc(msize);
	ch->in_use = true;
	err = c->tx && c->rx ? p9_version(c) : -ENOMEM;
	if (err) {
		p9_client_close(c);
		return err;
	}
	*out = c;
	return 0;
}

void p9_client_close(struct p9_client *c)
{
	c->chan->in_use = false;
	kfree(c->tx);
	kfree(c->rx);
	kfree(c);
}

uint32_t p9_fid_new(struct p9_client *c)
{
	if (c->next_fid == P9_NOFID)
		c->next_fid = 1;
	return c->next_fid++;
}

uint32_t p9_iounit(const struct p9_client *c)
{
	return c->msize - P9_WRITE_HDR - 1;
}

int p9_attach(struct p9_client *c, uint32_t fid, uint32_t uid, struct p9_qid *q)
{
	struct p9_msg m;
	struct p9_rd r;
	int err;

	req(c, &m, P9_TATTACH);
	p9_put32(&m, fid);
	p9_put32(&m, P9_NOFID);
	p9_put_str(&m, "root", 4);
	p9_put_str(&m, "", 0);
	p9_put32(&m, uid);
	if ((err = exchange(c, &m, &r)))
		return err;
	p9_get_qid(&r, q);
	return done(c, &r);
}

int p9_walk1(struct p9_client *c, uint32_t fid, uint32_t newfid,
	     const char *name, size_t len, struct p9_qid *q)
{
	struct p9_msg m;
	struct p9_rd r;
	uint16_t want = name ? 1 : 0, n;
	int err;

	req(c, &m, P9_TWALK);
	p9_put32(&m, fid);
	p9_put32(&m, newfid);
	p9_put16(&m, want);
	if (name)
		p9_put_str(&m, name, len);
	if ((err = exchange(c, &m, &r)))
		return err;
	n = p9_get16(&r);
	if (n > want)
		r.bad = true;
	else if (n)
		p9_get_qid(&r, q);
	err = done(c, &r);
	return err ? err : n == want ? 0 : -ENOENT;
}

/* Requests made of one fid and nothing else. */
static int fid_only(struct p9_client *c, uint8_t type, uint32_t fid)
{
	struct p9_msg m;

	req(c, &m, type);
	p9_put32(&m, fid);
	return simple(c, &m);
}

int p9_clunk(struct p9_client *c, uint32_t fid)
{
	return fid_only(c, P9_TCLUNK, fid);
}

/* Replies of a qid the caller does not need (Rmkdir, Rsymlink, Rmknod:
 * it walks next), followed by an iounit for Rlopen/Rlcreate (unused: ours
 * is never larger). */
static int qid_reply(struct p9_client *c, struct p9_msg *m, bool iounit)
{
	struct p9_rd r;
	struct p9_qid q;
	int err = exchange(c, m, &r);

	if (err)
		return err;
	p9_get_qid(&r, &q);
	if (iounit)
		p9_get32(&r);
	return done(c, &r);
}

int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags)
{
	struct p9_msg m;

	req(c, &m, P9_TLOPEN);
	p9_put32(&m, fid);
	p9_put32(&m, flags);
	return qid_reply(c, &m, true);
}

int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len,
	       uint32_t flags, uint32_t mode, uint32_t gid)
{
	struct p9_msg m;

	req(c, &m, P9_TLCREATE);
	p9_put32(&m, fid);
	p9_put_str(&m, name, len);
	p9_put32(&m, flags);
	p9_put32(&m, mode);
	p9_put32(&m, gid);
	return qid_reply(c, &m, true);
}

/* Tread/Treaddir: count bytes of data copied out (at most len). */
static ssize_t read_like(struct p9_client *c, uint8_t type, uint32_t fid, uint64_t off,
			 void *buf, size_t len)
{
	struct p9_msg m;
	struct p9_rd r;
	uint32_t n;
	const void *data;
	int err;

	if (len > p9_iounit(c))
		len = p9_iounit(c);
	req(c, &m, type);
	p9_put32(&m, fid);
	p9_put64(&m, off);
	p9_put32(&m, (uint32_t)len);
	if ((err = exchange(c, &m, &r)))
		return err;
	n = p9_get32(&r);
	data = p9_get_bytes(&r, n);
	if (n > len)
		r.bad = true; /* more than asked for */
	else if (data)
		memcpy(buf, data, n);
	err = done(c, &r);
	return err ? err : (ssize_t)n;
}

ssize_t p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len)
{
	return read_like(c, P9_TREAD, fid, off, buf, len);
}

ssize_t p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len)
{
	return read_like(c, P9_TREADDIR, fid, off, buf, len);
}

ssize_t p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t len)
{
	struct p9_msg m;
	struct p9_rd r;
	uint32_t n;
	int err;

	if (len > p9_iounit(c))
		len = p9_iounit(c);
	req(c, &m, P9_TWRITE);
	p9_put32(&m, fid);
	p9_put64(&m, off);
	p9_put32(&m, (uint32_t)len);
	p9_put_bytes(&m, buf, len);
	if ((err = exchange(c, &m, &r)))
		return err;
	n = p9_get32(&r);
	if (n > len)
		r.bad = true;
	err = done(c, &r);
	return err ? err : (ssize_t)n;
}

int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a)
{
	struct p9_msg m;
	struct p9_rd r;
	int err;

	req(c, &m, P9_TGETATTR);
	p9_put32(&m, fid);
	p9_put64(&m, P9_GETATTR_BASIC);
	if ((err = exchange(c, &m, &r)))
		return err;
	p9_get_attr(&r, a);
	return done(c, &r);
}

int p9_setattr(struct p9_client *c, uint32_t fid, const struct p9_setattr *s)
{
	struct p9_msg m;

	req(c, &m, P9_TSETATTR);
	p9_put32(&m, fid);
	p9_put_setattr(&m, s);
	return simple(c, &m);
}

/* The common start of requests on a directory entry: dfid, name. */
static void req_entry(struct p9_client *c, struct p9_msg *m, uint8_t type,
		      uint32_t dfid, const char *name, size_t len)
{
	req(c, m, type);
	p9_put32(m, dfid);
	p9_put_str(m, name, len);
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode, uint32_t gid)
{
	struct p9_msg m;

	req_entry(c, &m, P9_TMKDIR, dfid, name, len);
	p9_put32(&m, mode);
	p9_put32(&m, gid);
	return qid_reply(c, &m, false);
}

int p9_mknod(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode, uint32_t major, uint32_t minor, uint32_t gid)
{
	struct p9_msg m;

	req_entry(c, &m, P9_TMKNOD, dfid, name, len);
	p9_put32(&m, mode);
	p9_put32(&m, major);
	p9_put32(&m, minor);
	p9_put32(&m, gid);
	return qid_reply(c, &m, false);
}

int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	       const char *target, uint32_t gid)
{
	struct p9_msg m;

	req_entry(c, &m, P9_TSYMLINK, dfid, name, len);
	p9_put_str(&m, target, strlen(target));
	p9_put32(&m, gid);
	return qid_reply(c, &m, false);
}

int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len)
{
	struct p9_msg m;

	req(c, &m, P9_TLINK);
	p9_put32(&m, dfid);
	p9_put32(&m, fid);
	p9_put_str(&m, name, len);
	return simple(c, &m);
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t flags)
{
	struct p9_msg m;

	req_entry(c, &m, P9_TUNLINKAT, dfid, name, len);
	p9_put32(&m, flags);
	return simple(c, &m);
}

int p9_renameat(struct p9_client *c, uint32_t odfid, const char *oname, size_t olen,
		uint32_t ndfid, const char *nname, size_t nlen)
{
	struct p9_msg m;

	req_entry(c, &m, P9_TRENAMEAT, odfid, oname, olen);
	p9_put32(&m, ndfid);
	p9_put_str(&m, nname, nlen);
	return simple(c, &m);
}

ssize_t p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len)
{
	struct p9_msg m;
	struct p9_rd r;
	const char *s;
	uint16_t n;
	int err;

	req(c, &m, P9_TREADLINK);
	p9_put32(&m, fid);
	if ((err = exchange(c, &m, &r)))
		return err;
	p9_get_str(&r, &s, &n);
	if (n > len)
		n = (uint16_t)len;
	memcpy(buf, s, n);
	err = done(c, &r);
	return err ? err : (ssize_t)n;
}

int p9_fsync(struct p9_client *c, uint32_t fid, bool datasync)
{
	struct p9_msg m;

	req(c, &m, P9_TFSYNC);
	p9_put32(&m, fid);
	p9_put32(&m, datasync);
	return simple(c, &m);
}

int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *s)
{
	struct p9_msg m;
	struct p9_rd r;
	int err;

	req(c, &m, P9_TSTATFS);
	p9_put32(&m, fid);
	if ((err = exchange(c, &m, &r)))
		return err;
	p9_get_statfs(&r, s);
	return done(c, &r);
}
