/* 9P2000.L codec: exact request bytes, and replies that are short, lying or
 * malformed in every field give -EIO (never a read past the buffer: each
 * reply lives in a heap block of exactly its size, so ASan would see one). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/p9.h>
#include <janux/printk.h>
#include "ktest.h"

/* A reply of `len` bytes copied into a heap block of exactly that size. */
static uint8_t *exact(const uint8_t *src, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

/* Build a reply with the codec's writer (size patched). */
static size_t build(uint8_t *buf, size_t cap, uint8_t type, void (*body)(struct p9_msg *))
{
	struct p9_msg m;

	p9_msg_begin(&m, buf, cap, type, 1);
	body(&m);
	return (size_t)p9_msg_end(&m);
}

static void getattr_body(struct p9_msg *m)
{
	p9_put64(m, P9_GETATTR_BASIC);
	p9_put8(m, 0);             /* qid */
	p9_put32(m, 7);
	p9_put64(m, 0x1122334455667788ull);
	p9_put32(m, 0100644);      /* mode */
	p9_put32(m, 1000);
	p9_put32(m, 100);
	p9_put64(m, 1);            /* nlink */
	p9_put64(m, 0);
	p9_put64(m, 12345);        /* size */
	for (int i = 0; i < 12; i++) /* blksize .. data_version */
		p9_put64(m, (uint64_t)i);
}

static int decode_getattr(const uint8_t *msg, size_t len, struct p9_attr *a)
{
	struct p9_rd r;
	int err = p9_rd_begin(&r, msg, len, P9_TGETATTR + 1, 1);

	if (err)
		return err;
	p9_get_attr(&r, a);
	return p9_rd_end(&r);
}

KTEST(p9_codec, twalk_bytes)
{
	static const uint8_t want[] = {
		24, 0, 0, 0, P9_TWALK, 5, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0,
		1, 0, 'a', 2, 0, 'b', 'c',
	};
	uint8_t buf[64];
	struct p9_msg m;

	p9_msg_begin(&m, buf, sizeof(buf), P9_TWALK, 5);
	p9_put32(&m, 1);
	p9_put32(&m, 2);
	p9_put16(&m, 2);
	p9_put_str(&m, "a", 1);
	p9_put_str(&m, "bc", 2);
	KT_EQ_INT(p9_msg_end(&m), sizeof(want));
	KT_EXPECT(!memcmp(buf, want, sizeof(want)));
}

KTEST(p9_codec, request_overflow_is_emsgsize)
{
	uint8_t buf[16];
	struct p9_msg m;

	p9_msg_begin(&m, buf, sizeof(buf), P9_TWALK, 5);
	p9_put32(&m, 1);
	p9_put_str(&m, "toolongname", 11);
	p9_put8(&m, 1); /* after an overflow nothing is written either */
	KT_EQ_INT(p9_msg_end(&m), -EMSGSIZE);
	p9_msg_begin(&m, buf, sizeof(buf), P9_TWALK, 5);
	p9_put_str(&m, "x", 70000); /* a string over 16 bits */
	KT_EQ_INT(p9_msg_end(&m), -EMSGSIZE);
}

KTEST(p9_codec, getattr_decodes)
{
	uint8_t buf[256];
	size_t len = build(buf, sizeof(buf), P9_TGETATTR + 1, getattr_body);
	uint8_t *msg = exact(buf, len);
	struct p9_attr a;

	KT_EQ_INT(len, 7 + 153);
	KT_EQ_INT(decode_getattr(msg, len, &a), 0);
	KT_EQ_INT(a.qid.path, 0x1122334455667788ull);
	KT_EQ_INT(a.mode, 0100644);
	KT_EQ_INT(a.uid, 1000);
	KT_EQ_INT(a.size, 12345);
	KT_EQ_INT(a.ctime_nsec, 7);
	free(msg);
}

/* Every truncation, with an honest size field or a lying one, is -EIO. */
KTEST(p9_codec, getattr_every_truncation_is_eio)
{
	uint8_t buf[256];
	size_t len = build(buf, sizeof(buf), P9_TGETATTR + 1, getattr_body);
	struct p9_attr a;

	for (size_t n = 0; n < len; n++) {
		uint8_t *msg = exact(buf, n);

		KT_EQ_INT(decode_getattr(msg, n, &a), -EIO); /* size says len */
		if (n >= 4) {
			msg[0] = (uint8_t)n; /* size agrees with n: body too short */
			KT_EQ_INT(decode_getattr(msg, n, &a), -EIO);
		}
		free(msg);
	}
}

KTEST(p9_codec, header_errors)
{
	uint8_t buf[256];
	size_t len = build(buf, sizeof(buf), P9_TGETATTR + 1, getattr_body);
	struct p9_attr a;
	char log[4096];

	printk_clear();
	buf[0]++; /* size larger than the bytes received */
	KT_EQ_INT(decode_getattr(buf, len, &a), -EIO);
	buf[0] -= 2; /* smaller */
	KT_EQ_INT(decode_getattr(buf, len, &a), -EIO);
	buf[0]++;
	buf[5] = 2; /* another tag */
	KT_EQ_INT(decode_getattr(buf, len, &a), -EIO);
	buf[5] = 1;
	buf[4] = P9_TWALK + 1; /* another type */
	KT_EQ_INT(decode_getattr(buf, len, &a), -EIO);
	buf[4] = P9_TGETATTR + 1;
	KT_EQ_INT(decode_getattr(buf, len, &a), 0);
	printk_read_all(log, sizeof(log));
	KT_EXPECT(strstr(log, "9p: malformed Rgetattr reply: size field") != NULL);
	KT_EXPECT(strstr(log, "unexpected tag") && strstr(log, "unexpected message type"));
}

KTEST(p9_codec, rlerror)
{
	uint8_t ok[] = { 11, 0, 0, 0, P9_RLERROR, 1, 0, 2, 0, 0, 0 };
	uint8_t zero[] = { 11, 0, 0, 0, P9_RLERROR, 1, 0, 0, 0, 0, 0 };
	uint8_t huge[] = { 11, 0, 0, 0, P9_RLERROR, 1, 0, 0, 0, 1, 0 };
	uint8_t longer[] = { 12, 0, 0, 0, P9_RLERROR, 1, 0, 2, 0, 0, 0, 0 };
	uint8_t shorter[] = { 9, 0, 0, 0, P9_RLERROR, 1, 0, 2, 0 };
	struct p9_rd r;

	KT_EQ_INT(p9_rd_begin(&r, ok, sizeof(ok), P9_TWALK + 1, 1), -ENOENT);
	KT_EQ_INT(p9_rd_begin(&r, zero, sizeof(zero), P9_TWALK + 1, 1), -EIO);
	KT_EQ_INT(p9_rd_begin(&r, huge, sizeof(huge), P9_TWALK + 1, 1), -EIO);
	KT_EQ_INT(p9_rd_begin(&r, longer, sizeof(longer), P9_TWALK + 1, 1), -EIO);
	KT_EQ_INT(p9_rd_begin(&r, shorter, sizeof(shorter), P9_TWALK + 1, 1), -EIO);
}

/* A string whose length field runs past the message. */
KTEST(p9_codec, string_length_lies)
{
	uint8_t raw[] = { 12, 0, 0, 0, P9_TREADLINK + 1, 1, 0, 100, 0, 'a', 'b', 'c' };
	uint8_t *msg = exact(raw, sizeof(raw));
	const char *s;
	uint16_t n;
	struct p9_rd r;

	KT_EQ_INT(p9_rd_begin(&r, msg, sizeof(raw), P9_TREADLINK + 1, 1), 0);
	p9_get_str(&r, &s, &n);
	KT_EQ_INT(n, 0);
	KT_EQ_INT(p9_rd_end(&r), -EIO);
	msg[7] = 3; /* now honest */
	KT_EQ_INT(p9_rd_begin(&r, msg, sizeof(raw), P9_TREADLINK + 1, 1), 0);
	p9_get_str(&r, &s, &n);
	KT_EQ_INT(p9_rd_end(&r), 0);
	KT_EXPECT(n == 3 && !memcmp(s, "abc", 3));
	free(msg);
}

/* Rread's count beyond the data: p9_get_bytes refuses it. */
KTEST(p9_codec, read_count_lies)
{
	uint8_t raw[] = { 14, 0, 0, 0, P9_TREAD + 1, 1, 0, 9, 0, 0, 0, 'x', 'y', 'z' };
	uint8_t *msg = exact(raw, sizeof(raw));
	struct p9_rd r;

	KT_EQ_INT(p9_rd_begin(&r, msg, sizeof(raw), P9_TREAD + 1, 1), 0);
	KT_EXPECT(p9_get_bytes(&r, p9_get32(&r)) == NULL);
	KT_EQ_INT(p9_rd_end(&r), -EIO);
	free(msg);
}

static size_t dirent(uint8_t *p, const char *name, uint64_t off)
{
	struct p9_msg m;
	size_t n = strlen(name);

	m = (struct p9_msg){ .buf = p, .cap = 64 };
	p9_put8(&m, P9_QTDIR);
	p9_put32(&m, 0);
	p9_put64(&m, 42);
	p9_put64(&m, off);
	p9_put8(&m, 4);
	p9_put_str(&m, name, n);
	return m.pos;
}

KTEST(p9_codec, dirents_and_their_truncations)
{
	uint8_t buf[128];
	size_t len = dirent(buf, "one", 1);
	struct p9_dirent d;

	len += dirent(buf + len, "two", 2);
	for (size_t n = 0; n <= len; n++) {
		uint8_t *data = exact(buf, n);
		const uint8_t *p = data;
		size_t left = n;
		int r, count = 0;

		while ((r = p9_dirent_next(&p, &left, &d)) == 1)
			count++;
		if (n == len) {
			KT_EQ_INT(r, 0);
			KT_EQ_INT(count, 2);
			KT_EXPECT(d.len == 3 && !memcmp(d.name, "two", 3) && d.offset == 2);
		} else {
			KT_EQ_INT(r, (n == 0 || n == len / 2) ? 0 : -EIO);
		}
		free(data);
	}
}

/* Names a server must not send: they are not one path component. */
KTEST(p9_codec, dirent_names_must_be_components)
{
	static const char *const bad[] = { "a/b", "", "/" };
	uint8_t buf[128];
	struct p9_dirent d;

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		size_t len = dirent(buf, bad[k], 1);
		const uint8_t *p = buf;

		KT_EQ_INT(p9_dirent_next(&p, &len, &d), -EIO);
	}
	{
		size_t len = dirent(buf, "okay", 1);
		const uint8_t *p = buf;

		buf[len - 2] = '\0'; /* "ok\0y" */
		KT_EQ_INT(p9_dirent_next(&p, &len, &d), -EIO);
	}
}
