/*
 * The console: output goes straight to the host's console device; keyboard
 * input is taken from it when it raises IRQ_CONSOLE and fed to the tty.
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/tty.h>
#include <wasm32.h>

void arch_console_write(const char *buf, size_t len)
{
	host_console_write(buf, len);
}

void console_irq(void)
{
	char buf[256];
	size_t n;

	while ((n = host_console_read(buf, sizeof(buf))) > 0)
		tty_console_input(buf, n);
}
