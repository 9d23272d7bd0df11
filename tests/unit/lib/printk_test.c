/* kernel/lib/printk.c: levels, console echo, the syslog ring. */
#include <stdlib.h>
#include <string.h>

#include <host_machine.h>
#include <janux/printk.h>
#include "ktest.h"

KTEST(printk, record_format_and_console_echo)
{
	char buf[256];
	size_t n;

	host_clock_set_ns(1234567891ull);
	printk(KERN_INFO "hello %d\n", 7);
	n = printk_read_all(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KT_EQ_STR(buf, "<6>[    1.234567] hello 7\n");
	KT_EQ_STR(host_console_text(), "[    1.234567] hello 7\n");
}

KTEST(printk, console_level_filters_echo_not_log)
{
	char buf[256];
	size_t n;

	printk_set_console_level(4);
	printk(KERN_DEBUG "quiet");   /* logged, not echoed; newline added */
	printk(KERN_ERR "loud\n");
	n = printk_read_all(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KT_EXPECT(strstr(buf, "<7>[    0.000000] quiet\n") != NULL);
	KT_EXPECT(strstr(host_console_text(), "quiet") == NULL);
	KT_EXPECT(strstr(host_console_text(), "loud") != NULL);
	KT_EQ_INT(printk(KERN_ERR "%s", ""), 0);
}

KTEST(printk, ring_drops_oldest_whole_records)
{
	static char buf[128 * 1024];
	size_t n;

	printk_set_console_level(0);
	for (int i = 0; i < 5000; i++)
		printk(KERN_INFO "message number %05d with some padding text\n", i);
	n = printk_read_all(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KT_EXPECT(n <= 64 * 1024);
	KT_EXPECT(n == printk_log_size());
	KT_EXPECT(strncmp(buf, "<6>[", 4) == 0);   /* starts at a record */
	KT_EXPECT(strstr(buf, "number 04999") != NULL);
	KT_EXPECT(strstr(buf, "number 00000") == NULL);
}

KTEST(printk, read_all_into_small_buffer_keeps_newest)
{
	char buf[64];
	size_t n;

	printk(KERN_INFO "first record\n");
	printk(KERN_INFO "second\n");
	n = printk_read_all(buf, 40);
	buf[n] = '\0';
	KT_EQ_STR(buf, "<6>[    0.000000] second\n");
	printk_clear();
	KT_EQ_INT(printk_read_all(buf, sizeof(buf)), 0);
}
