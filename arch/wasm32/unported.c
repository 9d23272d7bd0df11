/*
 * arch hooks wasm32 cannot honestly implement yet, in one place; each
 * panics with its own name. User-memory copies need processes (each with
 * its own WebAssembly.Memory); the timer needs the core's timer_interrupt().
 */
#include <arch.h>
#include <janux/printk.h>

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	panic("arch_copy_from_user: not ported to wasm32 yet");
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	panic("arch_copy_to_user: not ported to wasm32 yet");
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	panic("arch_strncpy_from_user: not ported to wasm32 yet");
}

void arch_timer_arm(uint64_t deadline_ns)
{
	panic("arch_timer_arm: not ported to wasm32 yet");
}
