/*
 * arch hooks wasm32 does not implement yet, in one place; each panics with
 * its own name. They all need user processes (one WebAssembly.Memory and
 * one worker per task), which come in the next phase (docs/wasm32.md).
 */
#include <arch.h>
#include <janux/printk.h>

#define UNPORTED() panic("%s: not ported to wasm32 yet", __func__)

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	UNPORTED();
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	UNPORTED();
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	UNPORTED();
}

void arch_task_wait(struct task *t)
{
	UNPORTED();
}

void arch_task_wake(struct task *t)
{
	UNPORTED();
}

int arch_task_clone(struct task *child, struct task *parent,
	unsigned long flags, uaddr_t stack, uaddr_t tls)
{
	UNPORTED();
}

const void *arch_task_mm(struct task *t)
{
	UNPORTED();
}

void arch_task_start(struct task *t)
{
	UNPORTED();
}

__noreturn void arch_task_exit(struct task *t)
{
	UNPORTED();
}

void arch_task_release(struct task *t)
{
	UNPORTED();
}

void arch_syscall_set_result(struct task *t, long ret)
{
	UNPORTED();
}

void arch_syscall_restart(struct task *t)
{
	UNPORTED();
}

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
	const struct siginfo_k *info, const uint64_t *oldmask, uaddr_t sp_top)
{
	UNPORTED();
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	UNPORTED();
}

int arch_exec_load(struct exec_image *img)
{
	UNPORTED();
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	UNPORTED();
}

void arch_exec_abort(struct exec_image *img)
{
	UNPORTED();
}

int arch_mm_init(struct mm *mm)
{
	UNPORTED();
}

void arch_mm_destroy(struct mm *mm)
{
	UNPORTED();
}

int arch_mm_map(struct mm *mm, uaddr_t start, size_t len, int prot,
	bool populate)
{
	UNPORTED();
}

void arch_mm_unmap(struct mm *mm, uaddr_t start, size_t len)
{
	UNPORTED();
}

void arch_mm_protect(struct mm *mm, uaddr_t start, size_t len, int prot)
{
	UNPORTED();
}

int arch_mm_copy(struct mm *dst, struct mm *src, uaddr_t start, size_t len,
	bool shared)
{
	UNPORTED();
}

int arch_mm_move(struct mm *mm, uaddr_t old, uaddr_t new_start, size_t len)
{
	UNPORTED();
}

int arch_mm_write(struct mm *mm, uaddr_t dst, const void *src, size_t len)
{
	UNPORTED();
}

struct mm *arch_task_get_mm(struct task *t)
{
	UNPORTED();
}

/* Device hooks (arch.h "Devices"): only the virtio-mmio transport calls
 * them, and wasm32 declares no virtio-mmio slots; its own shared-memory
 * virtio transport will replace them. */
uint32_t arch_mmio_read(const volatile void *addr, unsigned int width)
{
	UNPORTED();
}

void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width)
{
	UNPORTED();
}

uint64_t arch_dma_addr(const void *p)
{
	UNPORTED();
}

int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg)
{
	UNPORTED();
}
