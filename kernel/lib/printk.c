/*
 * printk: the kernel log ring (syslog(2)/dmesg) and its console echo.
 * Records are stored as the text syslog(2) returns: "<L>[ssss.uuuuuu] msg\n".
 */
#include <arch.h>
#include <janux/printk.h>
#include <janux/spinlock.h>
#include <janux/string.h>

#define LOG_BUF_SIZE (64 * 1024)
#define LINE_MAX 1024

/* The ring holds whole records; the oldest are dropped to make room. */
static char log_buf[LOG_BUF_SIZE];
static size_t log_head; /* offset of the oldest byte */
static size_t log_len;  /* bytes held */
static int console_level = CONSOLE_LOGLEVEL_DEFAULT;
static spinlock_t log_lock = SPINLOCK_INIT;

void printk_set_console_level(int level)
{
	console_level = level < 0 ? 0 : level > 8 ? 8 : level;
}

int printk_console_level(void)
{
	return console_level;
}

/* Drop whole records from the front until `need` more bytes fit. */
static void log_make_room(size_t need)
{
	while (log_len && LOG_BUF_SIZE - log_len < need) {
		char c;
		do {
			c = log_buf[log_head];
			log_head = (log_head + 1) % LOG_BUF_SIZE;
			log_len--;
		} while (c != '\n' && log_len);
	}
}

static void log_append(const char *s, size_t n)
{
	log_make_room(n);
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + log_len + i) % LOG_BUF_SIZE] = s[i];
	log_len += n;
}

/* Split "<N>" off the front of fmt; returns the level or the default. */
static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == '<' && f[1] >= '0' && f[1] <= '7' && f[2] == '>') {
		*fmt = f + 3;
		return f[1] - '0';
	}
	return LOGLEVEL_DEFAULT;
}

int vprintk(const char *fmt, va_list ap)
{
	char line[LINE_MAX + 40];
	char text[LINE_MAX];
	int level = parse_level(&fmt);
	uint64_t ns = arch_clock_monotonic_ns();
	unsigned long flags;
	int n, hdr, total;

	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n >= (int)sizeof(text))
		n = sizeof(text) - 1;
	hdr = snprintf(line, sizeof(line), "<%d>[%5llu.%06llu] ", level,
		       (unsigned long long)(ns / 1000000000u),
		       (unsigned long long)(ns % 1000000000u / 1000u));
	memcpy(line + hdr, text, (size_t)n);
	total = hdr + n;
	if (total == hdr || line[total - 1] != '\n')
		line[total++] = '\n';

	flags = spin_lock_irqsave(&log_lock);
	log_append(line, (size_t)total);
	if (level < console_level)
		arch_console_write(line + 3, (size_t)total - 3);
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

size_t printk_log_size(void)
{
	return log_len;
}

size_t printk_read_all(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	size_t skip = 0, n;

	/* Skip whole records from the oldest end until the rest fits. */
	while (log_len - skip > len) {
		while (skip < log_len &&
		       log_buf[(log_head + skip) % LOG_BUF_SIZE] != '\n')
			skip++;
		skip++;
	}
	n = log_len - skip;
	for (size_t i = 0; i < n; i++)
		buf[i] = log_buf[(log_head + skip + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

void printk_clear(void)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	log_head = 0;
	log_len = 0;
	spin_unlock_irqrestore(&log_lock, flags);
}
