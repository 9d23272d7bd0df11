/*
 * The console: output goes straight to the host's console device; keyboard
 * input and the terminal's size are taken from it when it raises
 * IRQ_CONSOLE and given to the console tty.
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/tty.h>
#include <wasm32.h>

void arch_console_write(const char *buf, size_t len)
{
	host_console_write(buf, len);
}

/* Adopt the host terminal's size when it is known (SIGWINCH on change). */
static void console_resize(void)
{
	uint32_t size = host_console_size();
	struct winsize_k ws = console_tty.winsize;

	if (size == 0)
		return;
	ws.ws_row = (uint16_t)(size >> 16);
	ws.ws_col = (uint16_t)size;
	tty_resize(&console_tty, &ws);
}

void console_irq(void)
{
	char buf[256];
	size_t n;

	console_resize();
	while ((n = host_console_read(buf, sizeof(buf))) > 0)
		tty_console_input(buf, n);
}
