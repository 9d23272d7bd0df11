/*
 * arch hooks the aarch64 machine does not implement yet: Linux arm64
 * signal frames, and exec (the ELF loader is in elf.c; these wait for the
 * core's struct exec_image). Each panics with its own name so a caller is
 * found at once.
 */
#include <arch.h>
#include <janux/printk.h>

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top)
{
	panic("unported: arch_sig_setup_frame");
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	panic("unported: arch_sig_return");
}

int arch_exec_load(struct exec_image *img)
{
	panic("unported: arch_exec_load");
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	panic("unported: arch_exec_start");
}

void arch_exec_abort(struct exec_image *img)
{
	panic("unported: arch_exec_abort");
}
