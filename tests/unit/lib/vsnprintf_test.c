/* kernel/lib/vsnprintf.c: conversions, flags, truncation. */
#include <string.h>

#include <janux/printk.h>
#include "ktest.h"

static const char *fmt(const char *f, ...)
{
	static char buf[128];
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

KTEST(vsnprintf, integers)
{
	KT_EQ_STR(fmt("%d %i %u", -42, 7, 3000000000u), "-42 7 3000000000");
	KT_EQ_STR(fmt("%x %X %o", 0xbeef, 0xbeef, 8), "beef BEEF 10");
	KT_EQ_STR(fmt("%lld %llu", -9223372036854775807LL - 1, 18446744073709551615ULL),
		  "-9223372036854775808 18446744073709551615");
	KT_EQ_STR(fmt("%hhd %hd %zu %ld", 300, 70000, (size_t)5, -1L), "44 4464 5 -1");
}

KTEST(vsnprintf, width_and_flags)
{
	KT_EQ_STR(fmt("[%5d][%-5d][%05d]", 42, 42, -42), "[   42][42   ][-0042]");
	KT_EQ_STR(fmt("[%+d][% d][%#x][%#o]", 5, 5, 255, 8), "[+5][ 5][0xff][010]");
	KT_EQ_STR(fmt("[%.3d][%8.3d][%.0d]", 7, 7, 0), "[007][     007][]");
	KT_EQ_STR(fmt("[%*d][%-*d]", 4, 1, 4, 1), "[   1][1   ]");
}

KTEST(vsnprintf, strings_chars_pointers)
{
	KT_EQ_STR(fmt("%s|%.2s|%5s|%-5s|", "abc", "abc", "ab", "ab"), "abc|ab|   ab|ab   |");
	KT_EQ_STR(fmt("%s", (char *)NULL), "(null)");
	KT_EQ_STR(fmt("%c%c%%", 'o', 'k'), "ok%");
	KT_EQ_STR(fmt("%p", (void *)0x1234), "0x1234");
}

KTEST(vsnprintf, truncation_returns_full_length)
{
	char buf[6];

	KT_EQ_INT(snprintf(buf, sizeof(buf), "hello world"), 11);
	KT_EQ_STR(buf, "hello");
	KT_EQ_INT(snprintf(buf, 0, "abc"), 3);
	KT_EQ_INT(snprintf(buf, 1, "abc"), 3);
	KT_EQ_STR(buf, "");
}
