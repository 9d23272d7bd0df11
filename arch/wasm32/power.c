/*
 * Ending the machine: the host's power device stops every worker and exits
 * (0 for power-off, non-zero after a panic, with the panic message).
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/printk.h>
#include <janux/string.h>

__noreturn void arch_poweroff(void)
{
	host_power_off();
}

__noreturn void arch_reboot(void)
{
	host_power_reboot();
}

/* The text of the newest log record, without its "<L>[time] " prefix. */
static size_t last_log_text(char *buf, size_t len)
{
	size_t n = printk_read_all(buf, len);
	char *start, *end, *bracket;

	if (n == 0)
		return 0;
	end = buf + n - 1; /* the record's newline */
	*end = '\0';
	start = strrchr(buf, '\n');
	start = start ? start + 1 : buf;
	bracket = *start == '<' ? strchr(start, ']') : NULL;
	if (bracket && bracket[1] == ' ')
		start = bracket + 2;
	memmove(buf, start, (size_t)(end - start));
	return (size_t)(end - start);
}

/*
 * After a panic: hand the host the panic message (the last log record,
 * which panic() has just written) so it can report it and exit non-zero.
 */
__noreturn void arch_halt(void)
{
	char msg[512];

	host_power_halt(msg, last_log_text(msg, sizeof(msg)));
}
