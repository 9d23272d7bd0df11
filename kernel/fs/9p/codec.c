/*
 * 9P2000.L codec: little-endian fields into request buffers, and bounds-
 * checked reads out of replies (see <janux/p9.h> for the contract).
 */
#include <janux/errno.h>
#include <janux/p9.h>
#include <janux/printk.h>
#include <janux/string.h>

void p9_msg_begin(struct p9_msg *m, void *buf, size_t cap, uint8_t type, uint16_t tag)
{
	m->buf = buf;
	m->cap = cap;
	m->pos = 0;
	m->overflow = false;
	p9_put32(m, 0); /* size, patched by p9_msg_end */
	p9_put8(m, type);
	p9_put16(m, tag);
}

/* Room for n more bytes? Marks overflow otherwise. */
static uint8_t *msg_room(struct p9_msg *m, size_t n)
{
	if (m->overflow || n > m->cap - m->pos) {
		m->overflow = true;
		return NULL;
	}
	m->pos += n;
	return m->buf + m->pos - n;
}

static void put_le(struct p9_msg *m, uint64_t v, size_t n)
{
	uint8_t *p = msg_room(m, n);

	for (size_t i = 0; p && i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void p9_put8(struct p9_msg *m, uint8_t v) { put_le(m, v, 1); }
void p9_put16(struct p9_msg *m, uint16_t v) { put_le(m, v, 2); }
void p9_put32(struct p9_msg *m, uint32_t v) { put_le(m, v, 4); }
void p9_put64(struct p9_msg *m, uint64_t v) { put_le(m, v, 8); }

void p9_put_bytes(struct p9_msg *m, const void *p, size_t len)
{
	uint8_t *d = msg_room(m, len);

	if (d && len)
		memcpy(d, p, len);
}

void p9_put_str(struct p9_msg *m, const char *s, size_t len)
{
	if (len > 0xffff) {
		m->overflow = true;
		return;
	}
	p9_put16(m, (uint16_t)len);
	p9_put_bytes(m, s, len);
}

long p9_msg_end(struct p9_msg *m)
{
	size_t len = m->pos;

	if (m->overflow || len > 0xffffffffu)
		return -EMSGSIZE;
	m->pos = 0;
	p9_put32(m, (uint32_t)len);
	m->pos = len;
	return (long)len;
}

/* Mark the reply bad (first problem only is reported later). */
static void rd_fail(struct p9_rd *r)
{
	r->bad = true;
}

/* The next n bytes of the reply, or NULL (bad) when fewer remain. */
static const uint8_t *rd_take(struct p9_rd *r, size_t n)
{
	if (r->bad || n > r->len - r->pos) {
		rd_fail(r);
		return NULL;
	}
	r->pos += n;
	return r->buf + r->pos - n;
}

static uint64_t get_le(struct p9_rd *r, size_t n)
{
	const uint8_t *p = rd_take(r, n);
	uint64_t v = 0;

	for (size_t i = 0; p && i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

uint8_t p9_get8(struct p9_rd *r) { return (uint8_t)get_le(r, 1); }
uint16_t p9_get16(struct p9_rd *r) { return (uint16_t)get_le(r, 2); }
uint32_t p9_get32(struct p9_rd *r) { return (uint32_t)get_le(r, 4); }
uint64_t p9_get64(struct p9_rd *r) { return get_le(r, 8); }

const void *p9_get_bytes(struct p9_rd *r, size_t n)
{
	return rd_take(r, n);
}

void p9_get_str(struct p9_rd *r, const char **s, uint16_t *len)
{
	uint16_t n = p9_get16(r);
	const uint8_t *p = rd_take(r, n);

	*s = p ? (const char *)p : "";
	*len = p ? n : 0;
}

void p9_get_qid(struct p9_rd *r, struct p9_qid *q)
{
	q->type = p9_get8(r);
	q->version = p9_get32(r);
	q->path = p9_get64(r);
}

/* Name of a message type for error messages. */
static const char *msg_name(uint8_t type)
{
	static const struct { uint8_t type; const char *name; } names[] = {
		{ P9_TSTATFS, "statfs" }, { P9_TLOPEN, "lopen" }, { P9_TLCREATE, "lcreate" },
		{ P9_TSYMLINK, "symlink" }, { P9_TMKNOD, "mknod" }, { P9_TREADLINK, "readlink" },
		{ P9_TGETATTR, "getattr" }, { P9_TSETATTR, "setattr" }, { P9_TREADDIR, "readdir" },
		{ P9_TFSYNC, "fsync" }, { P9_TLINK, "link" }, { P9_TMKDIR, "mkdir" },
		{ P9_TRENAMEAT, "renameat" }, { P9_TUNLINKAT, "unlinkat" },
		{ P9_TVERSION, "version" }, { P9_TATTACH, "attach" }, { P9_TWALK, "walk" },
		{ P9_TREAD, "read" }, { P9_TWRITE, "write" }, { P9_TCLUNK, "clunk" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type + 1 == type)
			return names[i].name;
	return "?";
}

/* Header problems: report and fail. */
static int rd_reject(struct p9_rd *r, const char *why)
{
	pr_err("9p: malformed R%s reply: %s\n", r->what, why);
	rd_fail(r);
	return -EIO;
}

/* An Rlerror body: the errno it carries (anything odd becomes -EIO). */
static int rd_lerror(struct p9_rd *r)
{
	uint32_t ecode = p9_get32(r);

	if (r->bad || r->pos != r->len)
		return rd_reject(r, "Rlerror of the wrong size");
	if (ecode == 0 || ecode > 4095) {
		pr_err("9p: R%s: Rlerror with errno %u\n", r->what, ecode);
		return -EIO;
	}
	return -(int)ecode;
}

int p9_rd_begin(struct p9_rd *r, const void *msg, size_t len, uint8_t type, uint16_t tag)
{
	uint32_t size;
	uint8_t got;

	r->buf = msg;
	r->len = len;
	r->pos = 0;
	r->bad = false;
	r->what = msg_name(type);
	if (len < P9_HDR)
		return rd_reject(r, "shorter than a header");
	size = p9_get32(r);
	if (size != len)
		return rd_reject(r, "size field disagrees with the bytes received");
	got = p9_get8(r);
	if (p9_get16(r) != tag)
		return rd_reject(r, "unexpected tag");
	if (got == P9_RLERROR)
		return rd_lerror(r);
	if (got != type)
		return rd_reject(r, "unexpected message type");
	return 0;
}

int p9_rd_end(struct p9_rd *r)
{
	if (!r->bad)
		return 0;
	pr_err("9p: malformed R%s reply: a field runs past its %zu bytes\n", r->what, r->len);
	return -EIO;
}

void p9_get_attr(struct p9_rd *r, struct p9_attr *a)
{
	a->valid = p9_get64(r);
	p9_get_qid(r, &a->qid);
	a->mode = p9_get32(r);
	a->uid = p9_get32(r);
	a->gid = p9_get32(r);
	a->nlink = p9_get64(r);
	a->rdev = p9_get64(r);
	a->size = p9_get64(r);
	a->blksize = p9_get64(r);
	a->blocks = p9_get64(r);
	a->atime_sec = p9_get64(r);
	a->atime_nsec = p9_get64(r);
	a->mtime_sec = p9_get64(r);
	a->mtime_nsec = p9_get64(r);
	a->ctime_sec = p9_get64(r);
	a->ctime_nsec = p9_get64(r);
	p9_get_bytes(r, 4 * 8); /* btime sec/nsec, gen, data_version: unused */
}

void p9_get_statfs(struct p9_rd *r, struct p9_statfs *s)
{
	s->type = p9_get32(r);
	s->bsize = p9_get32(r);
	s->blocks = p9_get64(r);
	s->bfree = p9_get64(r);
	s->bavail = p9_get64(r);
	s->files = p9_get64(r);
	s->ffree = p9_get64(r);
	s->fsid = p9_get64(r);
	s->namelen = p9_get32(r);
}

void p9_put_setattr(struct p9_msg *m, const struct p9_setattr *s)
{
	p9_put32(m, s->valid);
	p9_put32(m, s->mode);
	p9_put32(m, s->uid);
	p9_put32(m, s->gid);
	p9_put64(m, s->size);
	p9_put64(m, s->atime_sec);
	p9_put64(m, s->atime_nsec);
	p9_put64(m, s->mtime_sec);
	p9_put64(m, s->mtime_nsec);
}

int p9_dirent_next(const uint8_t **p, size_t *left, struct p9_dirent *d)
{
	struct p9_rd r = { .buf = *p, .len = *left, .what = "readdir" };

	if (*left == 0)
		return 0;
	p9_get_qid(&r, &d->qid);
	d->offset = p9_get64(&r);
	d->type = p9_get8(&r);
	p9_get_str(&r, &d->name, &d->len);
	if (p9_rd_end(&r))
		return -EIO;
	if (!d->len || d->len > 255 || memchr(d->name, '/', d->len) || memchr(d->name, '\0', d->len)) {
		pr_err("9p: malformed Rreaddir reply: a name that is not one path component\n");
		return -EIO;
	}
	*p += r.pos;
	*left -= r.pos;
	return 1;
}
