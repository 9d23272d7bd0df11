/* kernel/init/cmdline.c: key lookup, bare words, later words winning. */
#include <string.h>

#include <janux/init.h>
#include "ktest.h"

KTEST(cmdline, values_bare_words_and_overrides)
{
	char v[16];

	cmdline_set("console=ttyAMA0 quiet  loglevel=3 init=/bin/sh loglevel=7");
	KT_EXPECT(cmdline_get("init", v, sizeof(v)));
	KT_EQ_STR(v, "/bin/sh");
	KT_EXPECT(cmdline_get("quiet", v, sizeof(v)));
	KT_EQ_STR(v, "");
	KT_EXPECT(cmdline_get("loglevel", v, sizeof(v)));
	KT_EQ_STR(v, "7");
	KT_EXPECT(!cmdline_get("root", v, sizeof(v)));
	KT_EXPECT(!cmdline_get("log", v, sizeof(v)));  /* no prefix matches */
	KT_EXPECT(!cmdline_get("console=tty", v, sizeof(v)));
}

KTEST(cmdline, long_values_are_cut)
{
	char v[4];

	cmdline_set("init=/sbin/init");
	KT_EXPECT(cmdline_get("init", v, sizeof(v)));
	KT_EQ_STR(v, "/sb");
	KT_EQ_STR(cmdline_text(), "init=/sbin/init");
}
