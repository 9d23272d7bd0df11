/* The boot console: bytes go straight to the host's console device. */
#include <arch.h>
#include <host_imports.h>

void arch_console_write(const char *buf, size_t len)
{
	host_console_write(buf, len);
}
