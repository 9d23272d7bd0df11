/* The big kernel lock on one CPU with a non-preemptible kernel: nothing
 * can contend, so it records ownership and catches recursion and
 * unbalanced unlocks. */
#include <arch.h>
#include <janux/printk.h>

static bool kernel_lock_held;

void arch_kernel_lock(void)
{
	BUG_ON(kernel_lock_held);
	kernel_lock_held = true;
}

void arch_kernel_unlock(void)
{
	BUG_ON(!kernel_lock_held);
	kernel_lock_held = false;
}
