/* wasm32 start-up (static programs only: nothing for the dynamic-linker
   crt files, which define SHARED). The kernel starts _start with
   __stack_pointer at argc (docs/wasm32-abi.md), so the stack pointer is
   _start_c's argument. crt1.o comes first in every link, so the function
   whose address _start takes gets table slot 1 (slot 0 is null): no real
   handler then equals SIG_DFL (0) or SIG_IGN (1), and a call of slot 1
   does nothing; _start checks the slot rather than trusting the order.
   clang renames a wasm `main` by its parameters: main(argc, argv) is
   __main_argc_argv, main(void) is __main_void (libc.a then supplies a
   __main_argc_argv calling it). crt1's main is a shim with the three
   parameters __libc_start_main passes. */
#ifndef SHARED
void _start_c(long *p);

int __main_argc_argv(int, char **);

static int __janux_main(int argc, char **argv, char **envp)
{
	return __main_argc_argv(argc, argv);
}
#define main __janux_main

static void __sig_ign_slot(void)
{
}

__attribute__((__visibility__("default")))
void _start(void)
{
	long *p;
	if ((unsigned long)__sig_ign_slot != 1) __builtin_trap();
	__asm__ __volatile__ (
		".globaltype __stack_pointer, i32\n\t"
		"global.get __stack_pointer\n\t"
		"local.set %0"
		: "=r"(p));
	_start_c(p);
}
#endif
