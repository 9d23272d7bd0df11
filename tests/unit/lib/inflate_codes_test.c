/*
 * inflate's table-driven decoder on streams this file encodes itself, so
 * each code length, copy and error is chosen rather than left to zlib:
 * codes of every length 1..15, overlapping copies, mixed block types with
 * trailing data, incomplete and over-subscribed codes, bad distances.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/inflate.h>
#include "ktest.h"

struct huff {
	uint8_t len[288];
	uint16_t code[288];
};

/* A DEFLATE stream being written, and the bytes it must decode to. */
struct enc {
	uint8_t buf[16384];
	size_t len;          /* bytes started */
	int used;            /* bits used in the last one, 0 = start another */
	struct huff lit, dist;
	uint8_t want[65536];
	size_t nwant;
};

/* Append `n` bits of v, least significant first (RFC 1951 3.1.1). */
static void put_bits(struct enc *e, uint32_t v, int n)
{
	for (int i = 0; i < n; i++) {
		if (e->used == 0)
			e->buf[e->len++] = 0;
		e->buf[e->len - 1] |= (uint8_t)(((v >> i) & 1) << e->used);
		e->used = (e->used + 1) & 7;
	}
}

/* Append a Huffman code: most significant bit first. */
static void put_code(struct enc *e, uint32_t code, int len)
{
	for (int i = len - 1; i >= 0; i--)
		put_bits(e, code >> i, 1);
}

/* Canonical codes from code lengths (RFC 1951 3.2.2). */
static void huff_set(struct huff *h, const uint8_t *lens, int n)
{
	int count[16] = { 0 }, next[16], code = 0;

	memset(h, 0, sizeof(*h));
	memcpy(h->len, lens, (size_t)n);
	for (int i = 0; i < n; i++)
		count[lens[i]]++;
	count[0] = 0;
	for (int b = 1; b < 16; b++) {
		code = (code + count[b - 1]) << 1;
		next[b] = code;
	}
	for (int i = 0; i < n; i++)
		if (lens[i])
			h->code[i] = (uint16_t)next[lens[i]]++;
}

static void put_sym(struct enc *e, const struct huff *h, int sym)
{
	KT_ASSERT(h->len[sym] != 0);
	put_code(e, h->code[sym], h->len[sym]);
}

static void put_lit(struct enc *e, uint8_t c)
{
	put_sym(e, &e->lit, c);
	e->want[e->nwant++] = c;
}

/* Symbol, extra-bit count and base for a length (3..258) or distance
 * (1..32768), derived from the pattern of RFC 1951 3.2.5's tables. */
static void length_code(int len, int *sym, int *nextra, int *base)
{
	*base = 3;
	for (int i = 0; i < 28; i++) {
		int x = i < 8 ? 0 : i / 4 - 1;

		if (len < *base + (1 << x) && len != 258) {
			*sym = 257 + i, *nextra = x;
			return;
		}
		*base += 1 << x;
	}
	*sym = 285, *nextra = 0, *base = 258;
}

static void dist_code(int dist, int *sym, int *nextra, int *base)
{
	*base = 1;
	for (int i = 0; i < 30; i++) {
		int x = i < 4 ? 0 : i / 2 - 1;

		if (dist < *base + (1 << x)) {
			*sym = i, *nextra = x;
			return;
		}
		*base += 1 << x;
	}
	KT_ASSERT(!"distance out of range");
}

/* Append a length/distance pair; the expected output repeats a byte at a time. */
static void put_match(struct enc *e, int len, int dist)
{
	int sym, nextra, base;

	length_code(len, &sym, &nextra, &base);
	put_sym(e, &e->lit, sym);
	put_bits(e, (uint32_t)(len - base), nextra);
	dist_code(dist, &sym, &nextra, &base);
	put_sym(e, &e->dist, sym);
	put_bits(e, (uint32_t)(dist - base), nextra);
	for (int i = 0; i < len; i++, e->nwant++)
		e->want[e->nwant] = dist <= (int)e->nwant ? e->want[e->nwant - dist] : 0;
}

/* A fixed-code block header (RFC 1951 3.2.6) and its codes. */
static void start_fixed(struct enc *e, bool last)
{
	uint8_t lens[288];

	memset(lens, 8, 144);
	memset(lens + 144, 9, 112);
	memset(lens + 256, 7, 24);
	memset(lens + 280, 8, 8);
	huff_set(&e->lit, lens, 288);
	memset(lens, 5, 30);
	huff_set(&e->dist, lens, 30);
	put_bits(e, last, 1);
	put_bits(e, 1, 2);
}

/* A dynamic block header sending the code lengths plainly: the code-length
 * code gives each of 0..15 a 4-bit code (so symbol s is sent as s). */
static void start_dynamic(struct enc *e, bool last, const uint8_t *lit, int nlit,
			  const uint8_t *dist, int ndist)
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

	put_bits(e, last, 1);
	put_bits(e, 2, 2);
	put_bits(e, (uint32_t)(nlit - 257), 5);
	put_bits(e, (uint32_t)(ndist - 1), 5);
	put_bits(e, 19 - 4, 4);
	for (int i = 0; i < 19; i++)
		put_bits(e, order[i] < 16 ? 4 : 0, 3);
	for (int i = 0; i < nlit; i++)
		put_code(e, lit[i], 4);
	for (int i = 0; i < ndist; i++)
		put_code(e, dist[i], 4);
	huff_set(&e->lit, lit, nlit);
	huff_set(&e->dist, dist, ndist);
}

static void end_block(struct enc *e)
{
	put_sym(e, &e->lit, 256);
}

/*
 * Literal/length lengths 1..15 (complete): 'a'..'m' get 1..13 bits, the
 * length-3 symbol 257 14 bits, 'n' and end-of-block 15 bits. Distances
 * 0..15 get 1..15 bits (symbols 14 and 15 both 15): every length in use.
 */
static void every_length_code(uint8_t *lit, uint8_t *dist)
{
	memset(lit, 0, 258);
	memset(dist, 0, 16);
	for (int i = 0; i < 13; i++)
		lit['a' + i] = (uint8_t)(i + 1);
	lit[257] = 14;
	lit['n'] = 15;
	lit[256] = 15;
	for (int i = 0; i < 15; i++)
		dist[i] = (uint8_t)(i + 1);
	dist[15] = 15;
}

/* One dynamic block over every_length_code(): literals of every length and
 * length-3 copies at distances of every distance code (1..256). */
static void put_every_length_block(struct enc *e, bool last)
{
	uint8_t lit[258], dist[16];

	every_length_code(lit, dist);
	start_dynamic(e, last, lit, 258, dist, 16);
	for (int i = 0; i < 600; i++) {
		if (i % 3 == 2 && e->nwant >= 256) {
			put_match(e, 3, 1 + (i * 37) % 256);
			continue;
		}
		put_lit(e, (uint8_t)('a' + (i * 5) % 14)); /* 'a'..'n' */
	}
	end_block(e);
}

static struct enc enc;
static uint8_t got[70000];

KTEST(inflate_codes, every_code_length_1_to_15)
{
	size_t used = 0;

	memset(&enc, 0, sizeof(enc));
	put_every_length_block(&enc, true);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), &used), enc.nwant);
	KT_EQ_MEM(got, enc.want, enc.nwant);
	KT_EQ_INT(used, enc.len);
	for (size_t cut = 0; cut < enc.len; cut++) { /* ends inside long codes too */
		uint8_t *p = malloc(cut ? cut : 1);
		long r;

		memcpy(p, enc.buf, cut);
		r = inflate_raw(p, cut, got, sizeof(got), NULL);
		free(p);
		if (!KT_EXPECT(r == -ENODATA))
			break;
	}
}

KTEST(inflate_codes, blocks_mixed_with_trailing_data)
{
	size_t used = 0, end, at;
	long n;

	memset(&enc, 0, sizeof(enc));
	put_every_length_block(&enc, false);
	put_bits(&enc, 0, 3); /* stored, not last */
	enc.used = 0;         /* to a byte boundary */
	at = enc.len;
	enc.buf[enc.len++] = 5, enc.buf[enc.len++] = 0;
	enc.buf[enc.len++] = 0xfa, enc.buf[enc.len++] = 0xff;
	memcpy(enc.buf + enc.len, "hello", 5);
	memcpy(enc.want + enc.nwant, "hello", 5);
	enc.len += 5, enc.nwant += 5;
	start_fixed(&enc, true);
	put_lit(&enc, '!');
	put_match(&enc, 40, 6);
	end_block(&enc);
	end = enc.len;
	memset(enc.buf + end, 0xa5, 13); /* the next thing in memory */
	n = inflate_raw(enc.buf, end + 13, got, sizeof(got), &used);
	KT_EQ_INT(n, enc.nwant);
	KT_EQ_MEM(got, enc.want, enc.nwant);
	KT_EQ_INT(used, end);
	enc.buf[at + 2] ^= 1; /* NLEN no longer LEN's complement */
	KT_EQ_INT(inflate_raw(enc.buf, end + 13, got, sizeof(got), NULL), -EINVAL);
}

KTEST(inflate_codes, overlapping_and_far_copies)
{
	static const int copies[][2] = {
		{ 10, 1 }, { 258, 2 }, { 20, 3 }, { 100, 8 }, { 37, 7 },
		{ 30, 40 }, { 258, 1 }, { 5, 9 }, { 258, 300 }, { 9, 8 },
	};
	uint8_t *exact;

	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	for (const char *p = "ab0123456789"; *p; p++)
		put_lit(&enc, (uint8_t)*p);
	for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++)
		put_match(&enc, copies[i][0], copies[i][1]);
	end_block(&enc);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), enc.nwant);
	KT_EQ_MEM(got, enc.want, enc.nwant);
	exact = malloc(enc.nwant); /* no slack at the end: ASan sees any overrun */
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, exact, enc.nwant, NULL), enc.nwant);
	KT_EQ_MEM(exact, enc.want, enc.nwant);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, exact, enc.nwant - 1, NULL), -ENOSPC);
	free(exact);
}

KTEST(inflate_codes, distance_past_the_start)
{
	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	put_lit(&enc, 'x');
	put_lit(&enc, 'y');
	put_match(&enc, 3, 2); /* just fits: "xyxyx" */
	end_block(&enc);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), 5);
	KT_EQ_MEM(got, "xyxyx", 5);

	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	put_lit(&enc, 'x');
	put_match(&enc, 3, 2);
	end_block(&enc);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), -EINVAL);

	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	put_match(&enc, 3, 1); /* nothing to copy from yet */
	end_block(&enc);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), -EINVAL);
}

/* Emit a code's bit pattern the table does not contain, then padding. */
static long decode_unused(const uint8_t *lit, uint32_t code, int len)
{
	uint8_t dist[1] = { 1 };

	memset(&enc, 0, sizeof(enc));
	start_dynamic(&enc, true, lit, 257, dist, 1);
	put_code(&enc, code, len);
	put_bits(&enc, 0, 32);
	return inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL);
}

KTEST(inflate_codes, bad_codes_rejected)
{
	uint8_t lit[257];

	memset(lit, 0, sizeof(lit));
	lit['a'] = 2, lit[256] = 2; /* codes 00 and 01: 1x unused */
	KT_EQ_INT(decode_unused(lit, 3, 2), -EINVAL);
	KT_EQ_INT(decode_unused(lit, 2, 2), -EINVAL);

	/* 1..13 bits for 'a'..'m', 14 for end-of-block, one 15-bit code
	 * (111111111111110): 111111111111111 is unused. */
	for (int i = 0; i < 13; i++)
		lit['a' + i] = (uint8_t)(i + 1);
	lit[256] = 14, lit['n'] = 15;
	KT_EQ_INT(decode_unused(lit, 0x7fff, 15), -EINVAL);

	memset(lit, 0, sizeof(lit));
	lit['a'] = 1, lit['b'] = 1, lit[256] = 1; /* over-subscribed */
	KT_EQ_INT(decode_unused(lit, 0, 1), -EINVAL);

	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	put_lit(&enc, 'a');
	put_sym(&enc, &enc.lit, 286); /* a fixed code with no meaning */
	put_bits(&enc, 0, 32);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), -EINVAL);

	memset(&enc, 0, sizeof(enc));
	start_fixed(&enc, true);
	put_lit(&enc, 'a');
	put_sym(&enc, &enc.lit, 257);
	put_code(&enc, 30, 5); /* distance symbol 30: not in the code */
	put_bits(&enc, 0, 32);
	KT_EQ_INT(inflate_raw(enc.buf, enc.len, got, sizeof(got), NULL), -EINVAL);
}
