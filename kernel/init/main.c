/* kernel_main: the portable boot sequence shared by every machine. */
#include <arch.h>
#include <janux/boot.h>
#include <janux/init.h>
#include <janux/printk.h>
#include <janux/version.h>

/* Console log level from `loglevel=N` or `quiet`, as Linux reads them. */
static void apply_loglevel(void)
{
	char v[8];

	if (cmdline_get("quiet", v, sizeof(v)))
		printk_set_console_level(CONSOLE_LOGLEVEL_QUIET);
	if (cmdline_get("loglevel", v, sizeof(v)) && v[0] >= '0' && v[0] <= '8')
		printk_set_console_level(v[0] - '0');
}

__noreturn void kernel_main(const char *cmdline)
{
	cmdline_set(cmdline);
	apply_loglevel();
	printk(KERN_NOTICE "Janux %s (%s, %s) %s\n", janux_version,
	       janux_git_hash, janux_build_date, arch_uname_machine);
	printk(KERN_INFO "Command line: %s\n", cmdline);
	boot_subsystems();                     /* VFS, initramfs, console tty */
	boot_start_init();                     /* pid 1; never returns */
}
