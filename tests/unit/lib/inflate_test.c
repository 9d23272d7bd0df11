/* inflate/gzip: known vectors, stored blocks, checks, truncation, corruption. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/inflate.h>
#include "inflate_vectors.h"
#include "ktest.h"

/* The plain text both vectors encode; returns its length. */
static size_t vector_text(char *buf, size_t cap)
{
	size_t n = 0;

	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(buf + n, cap - n, "line %d of the janux inflate test\n", i);
	return n;
}

static char want[16384], got[16384];

KTEST(inflate, gzip_dynamic_vector)
{
	size_t n = vector_text(want, sizeof(want));

	KT_EQ_INT(gzip_claimed_size(gz_text, sizeof(gz_text)), n);
	KT_EQ_INT(gzip_decompress(gz_text, sizeof(gz_text), got, sizeof(got)), n);
	KT_EQ_MEM(got, want, n);
	KT_EQ_INT(gzip_decompress(gz_text, sizeof(gz_text), got, n - 1), -ENOSPC);
}

/* Two members back to back, as a concatenated initramfs: each decodes,
 * and the first reports exactly its own length as used. */
KTEST(inflate, gzip_member_then_more)
{
	size_t n = vector_text(want, sizeof(want)), used = 0;
	unsigned char *two = malloc(2 * sizeof(gz_text));

	memcpy(two, gz_text, sizeof(gz_text));
	memcpy(two + sizeof(gz_text), gz_text, sizeof(gz_text));
	KT_EQ_INT(gzip_decompress_member(two, 2 * sizeof(gz_text), got, sizeof(got), &used), n);
	KT_EQ_INT(used, sizeof(gz_text));
	KT_EQ_INT(gzip_decompress_member(two + used, 2 * sizeof(gz_text) - used, got,
					 sizeof(got), &used), n);
	KT_EQ_MEM(got, want, n);
	KT_EQ_INT(used, sizeof(gz_text));
	free(two);
}

KTEST(inflate, raw_fixed_vector)
{
	size_t n = vector_text(want, sizeof(want)), used = 0;

	KT_EQ_INT(inflate_raw(raw_fixed, sizeof(raw_fixed), got, sizeof(got), &used), n);
	KT_EQ_MEM(got, want, n);
	KT_EQ_INT(used, sizeof(raw_fixed));
}

/* A raw stream of stored blocks of at most `blk` bytes each. */
static size_t make_stored(const char *src, size_t n, size_t blk, unsigned char *out)
{
	size_t o = 0;

	for (size_t at = 0; at < n || at == 0;) {
		size_t len = n - at < blk ? n - at : blk;

		out[o++] = at + len >= n ? 1 : 0;
		out[o++] = len & 0xff;
		out[o++] = len >> 8;
		out[o++] = ~len & 0xff;
		out[o++] = (~len >> 8) & 0xff;
		memcpy(out + o, src + at, len);
		o += len;
		at += len;
		if (!n)
			break;
	}
	return o;
}

KTEST(inflate, stored_blocks_and_bad_nlen)
{
	static unsigned char raw[20000];
	size_t n = vector_text(want, sizeof(want)), r = make_stored(want, n, 1000, raw);

	KT_EQ_INT(inflate_raw(raw, r, got, sizeof(got), NULL), n);
	KT_EQ_MEM(got, want, n);
	raw[3] ^= 1; /* NLEN no longer the complement of LEN */
	KT_EQ_INT(inflate_raw(raw, r, got, sizeof(got), NULL), -EINVAL);
	raw[0] = 0x07; /* BTYPE 3: reserved */
	KT_EQ_INT(inflate_raw(raw, r, got, sizeof(got), NULL), -EINVAL);
}

KTEST(inflate, gzip_checks)
{
	unsigned char *g = malloc(sizeof(gz_text));

	memcpy(g, gz_text, sizeof(gz_text));
	g[sizeof(gz_text) - 8] ^= 1; /* CRC32 */
	KT_EQ_INT(gzip_decompress(g, sizeof(gz_text), got, sizeof(got)), -EINVAL);
	memcpy(g, gz_text, sizeof(gz_text));
	g[sizeof(gz_text) - 1] ^= 1; /* ISIZE */
	KT_EQ_INT(gzip_decompress(g, sizeof(gz_text), got, sizeof(got)), -EINVAL);
	memcpy(g, gz_text, sizeof(gz_text));
	g[2] = 7; /* method */
	KT_EQ_INT(gzip_decompress(g, sizeof(gz_text), got, sizeof(got)), -EINVAL);
	g[2] = 8;
	g[3] = 0x80; /* reserved flag */
	KT_EQ_INT(gzip_decompress(g, sizeof(gz_text), got, sizeof(got)), -EINVAL);
	g[3] = 0x08; /* FNAME with no NUL anywhere after: runs off the end? */
	KT_EXPECT(gzip_decompress(g, sizeof(gz_text), got, sizeof(got)) < 0);
	KT_EQ_INT(gzip_claimed_size(g, 5), -EINVAL);
	KT_EXPECT(!gzip_is_gzip("PK", 2));
	free(g);
}

KTEST(inflate, every_truncation_fails_cleanly)
{
	size_t n = vector_text(want, sizeof(want));

	for (size_t len = 0; len < sizeof(gz_text); len++) {
		unsigned char *cut = malloc(len ? len : 1); /* ASan sees overreads */
		long r;

		memcpy(cut, gz_text, len);
		r = gzip_decompress(cut, len, got, sizeof(got));
		free(cut);
		if (!KT_EXPECT(r < 0))
			break;
	}
	for (size_t len = 0; len < sizeof(raw_fixed) - 1; len++) {
		unsigned char *cut = malloc(len ? len : 1);
		long r;

		memcpy(cut, raw_fixed, len);
		r = inflate_raw(cut, len, got, sizeof(got), NULL);
		free(cut);
		if (!KT_EXPECT(r < 0 || (size_t)r < n))
			break;
	}
}

KTEST(inflate, corruption_never_crashes)
{
	size_t n = vector_text(want, sizeof(want));
	unsigned char *g = malloc(sizeof(gz_text));
	int wrong = 0;

	srand(12345);
	for (int round = 0; round < 3000; round++) {
		long r;

		memcpy(g, gz_text, sizeof(gz_text));
		for (int k = 0; k < 1 + round % 4; k++)
			g[rand() % sizeof(gz_text)] ^= (unsigned char)(1 + rand() % 255);
		r = gzip_decompress(g, sizeof(gz_text), got, sizeof(got));
		/* Either rejected, or (header bytes like MTIME changed) intact. */
		if (r >= 0 && ((size_t)r != n || memcmp(got, want, n)))
			wrong++;
		inflate_raw(g, sizeof(gz_text), got, sizeof(got), NULL);
	}
	free(g);
	KT_EQ_INT(wrong, 0);
}
