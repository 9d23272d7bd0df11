/* Boot: the portable half of bringing the kernel up. */
#ifndef JANUX_INIT_H
#define JANUX_INIT_H

#include <janux/compiler.h>
#include <janux/types.h>

/*
 * The core's entry point, called once by the arch boot code after it has a
 * console, kernel pages and a clock, with interrupts masked and the kernel
 * lock held. `cmdline` is the kernel command line (may be empty, not NULL).
 * Prints the boot banner, applies the command line, initialises the core
 * and starts init. Never returns.
 */
__noreturn void kernel_main(const char *cmdline);

/*
 * The value of `key=` on the kernel command line, copied into buf (NUL-
 * terminated, cut to len-1 bytes). Returns true when the key was present.
 * A bare word (`quiet`) is present with an empty value. Later words win.
 */
bool cmdline_get(const char *key, char *buf, size_t len);

/* Remember the command line for cmdline_get() and /proc/cmdline. */
void cmdline_set(const char *cmdline);

/* The whole command line as given at boot. */
const char *cmdline_text(void);

#endif
