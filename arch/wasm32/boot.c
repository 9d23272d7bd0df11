/*
 * Boot on wasm32: the host's boot worker instantiates kernel.wasm over the
 * shared kernel memory and calls kernel_boot(). It runs on the linker's
 * boot stack; its TLS block is static here. Then the core takes over.
 */
#include <arch.h>
#include <host_imports.h>
#include <janux/boot.h>
#include <janux/init.h>
#include <janux/printk.h>
#include <wasm32.h>

#define BOOT_TLS_MAX 256
#define CMDLINE_MAX 1024

const char arch_uname_machine[] = "wasm32";

extern void __wasm_init_tls(void *block);

static char boot_tls[BOOT_TLS_MAX] __attribute__((aligned(16)));
static char cmdline[CMDLINE_MAX];

/* Copy the host's initramfs (if any) into kernel pages for the core. */
static void initrd_load(void)
{
	size_t len = host_boot_initrd_size();
	void *buf;

	if (!len)
		return;
	buf = arch_alloc_pages(ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE);
	if (!buf)
		panic("wasm32: no memory for the %zu-byte initramfs", len);
	host_boot_initrd_read(buf);
	initrd_set(buf, len);
}

/*
 * Entry for the boot worker (see host_imports.h): set up this instance's
 * TLS, kernel pages and the interrupt worker, then run the core with the
 * kernel lock held and interrupts masked. Never returns.
 */
__attribute__((export_name("kernel_boot"))) __noreturn void kernel_boot(void)
{
	size_t n;

	if (__builtin_wasm_tls_size() > sizeof(boot_tls))
		__builtin_trap(); /* no console worth trusting yet: fail loudly */
	__wasm_init_tls(boot_tls);
	cpu_set_id(0);
	arch_irq_save();
	arch_kernel_lock();
	pages_init();
	irq_init();
	n = host_boot_cmdline(cmdline, sizeof(cmdline) - 1);
	cmdline[n < sizeof(cmdline) ? n : sizeof(cmdline) - 1] = '\0';
	initrd_load();
	devices_declare();
	kernel_main(cmdline);
}
