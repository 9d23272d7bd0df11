/* panic(): report an unrecoverable kernel error and stop the machine. */
#include <arch.h>
#include <janux/printk.h>

__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	arch_irq_save();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic: %s\n", msg);
	arch_halt();
}
