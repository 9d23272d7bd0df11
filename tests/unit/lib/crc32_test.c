/* crc32_update: published check values, and every entry of its four
 * tables against the bit-at-a-time definition (reflected 0xedb88320). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <janux/inflate.h>
#include "ktest.h"

/* The definition: one bit at a time, register preset and result inverted. */
static uint32_t crc_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

KTEST(crc32, check_values)
{
	const char *fox = "The quick brown fox jumps over the lazy dog";

	KT_EQ_INT(crc32_update(0, "123456789", 9), 0xCBF43926u);
	KT_EQ_INT(crc32_update(crc32_update(0, "1234", 4), "56789", 5), 0xCBF43926u);
	KT_EQ_INT(crc32_update(0, "", 0), 0);
	KT_EQ_INT(crc32_update(0, "a", 1), 0xE8B7BE43u);
	KT_EQ_INT(crc32_update(0, fox, strlen(fox)), 0x414FA339u);
}

/* A 4-byte step indexes table 3 - k with byte k of the message (xored
 * with the preset register): varying one byte at a time reaches all
 * 4 x 256 entries; single bytes reach table 0 through the byte loop. */
KTEST(crc32, every_table_entry)
{
	uint8_t buf[4];
	int bad = 0;

	for (int pos = 0; pos < 4; pos++) {
		for (int v = 0; v < 256; v++) {
			memset(buf, 0x5a, sizeof(buf));
			buf[pos] = (uint8_t)v;
			bad += crc32_update(0, buf, 4) != crc_bitwise(0, buf, 4);
			bad += crc32_update(0, buf + pos, 1) != crc_bitwise(0, buf + pos, 1);
		}
	}
	KT_EQ_INT(bad, 0);
}

KTEST(crc32, any_length_alignment_and_split)
{
	static uint8_t data[300];
	int bad = 0;

	srand(4242);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)rand();
	for (size_t off = 0; off < 8; off++) {
		for (size_t len = 0; len + off <= sizeof(data); len += 7) {
			uint32_t want = crc_bitwise(0, data + off, len), half = len / 3;

			bad += crc32_update(0, data + off, len) != want;
			bad += crc32_update(crc32_update(0, data + off, half),
					    data + off + half, len - half) != want;
		}
	}
	KT_EQ_INT(bad, 0);
}
