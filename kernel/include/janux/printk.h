/*
 * Kernel log: printk() formats a message into the log ring (read back by
 * syslog(2) / dmesg) and echoes it to the console when its level is below
 * the console log level.
 */
#ifndef JANUX_PRINTK_H
#define JANUX_PRINTK_H

#include <stdarg.h>
#include <janux/compiler.h>
#include <janux/types.h>

/* Level prefixes, as in Linux: printk(KERN_INFO "x\n"). */
#define KERN_EMERG "<0>"
#define KERN_ALERT "<1>"
#define KERN_CRIT "<2>"
#define KERN_ERR "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE "<5>"
#define KERN_INFO "<6>"
#define KERN_DEBUG "<7>"

#define LOGLEVEL_DEFAULT 4 /* level of a message with no prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7 /* messages below this reach the console */
#define CONSOLE_LOGLEVEL_QUIET 4

/*
 * Log a message. A leading "<N>" selects the level (0 = most severe); the
 * rest is formatted by vsnprintf. Messages longer than 1 KiB are cut.
 * May be called from any context, with or without the kernel lock.
 * Returns the number of characters stored (without the level prefix).
 */
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/* Messages with level < `level` are echoed to the console (clamped 0..8). */
void printk_set_console_level(int level);
int printk_console_level(void);

/*
 * Copy the most recent log text, oldest first, into buf (at most len bytes,
 * whole records only). Each record reads "<L>[ssss.uuuuuu] text\n" as Linux
 * presents it to syslog(2). Returns the bytes copied.
 */
size_t printk_read_all(char *buf, size_t len);

/* Bytes of log text printk_read_all() would return with an unbounded buf. */
size_t printk_log_size(void);

/* Forget the logged records (syslog(2) SYSLOG_ACTION_CLEAR). */
void printk_clear(void);

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...) printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...) printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...) printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)

/*
 * Format into buf like C's vsnprintf: %d %i %u %x %X %o %c %s %p %% with
 * flags "-0+ #", width, precision and the length modifiers hh h l ll z t j.
 * Always NUL-terminates when size > 0; returns the length the full output
 * would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Stop the machine after logging "Kernel panic: <message>" at KERN_EMERG.
 * Never returns. Callable from any context.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* Panic with the failed condition's text and place when `cond` is false. */
#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (unlikely(cond))                                         \
			panic("BUG: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
