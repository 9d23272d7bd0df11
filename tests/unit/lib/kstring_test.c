/* kernel/lib/kstring.c: strlcpy truncation contract. */
#include <string.h>

#include <janux/string.h>
#include "ktest.h"

KTEST(kstring, strlcpy_truncates_and_reports_source_length)
{
	char buf[4];

	KT_EQ_INT(strlcpy(buf, "abcdef", sizeof(buf)), 6);
	KT_EQ_STR(buf, "abc");
	KT_EQ_INT(strlcpy(buf, "ab", sizeof(buf)), 2);
	KT_EQ_STR(buf, "ab");
	buf[0] = 'x';
	KT_EQ_INT(strlcpy(buf, "ab", 0), 2);
	KT_EXPECT(buf[0] == 'x');
}
