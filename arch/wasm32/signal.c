/*
 * Signal frames on wasm32 (docs/wasm32-abi.md, "Signals"): siginfo, then a
 * ucontext (uc_flags, uc_link, uc_stack, mcontext, uc_sigmask) written
 * below the caller's __stack_pointer. The host runs the handler through
 * the function table and issues rt_sigreturn itself, with the frame as the
 * stack pointer; there is no trampoline and sa_restorer is not used.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/signal.h>
#include <janux/string.h>
#include <janux/task.h>
#include <wasm32.h>

#define UC_OFF 128                 /* ucontext after the 128-byte siginfo */
#define UC_STACK (UC_OFF + 8)      /* stack_t: ss_sp, ss_flags, ss_size */
#define MC_OFF (UC_OFF + 20)       /* mcontext: 8 words */
#define MC_SP (MC_OFF + 0)         /* __stack_pointer when the signal came */
#define MC_RESULT (MC_OFF + 4)     /* the interrupted syscall's result */
#define MC_RESTART (MC_OFF + 8)    /* 1: that syscall is to be issued again */
#define MC_MAGIC (MC_OFF + 12)
#define UC_SIGMASK (MC_OFF + 32)   /* 8 bytes used of 128 (libc's sigset_t) */
#define FRAME_SIZE 320             /* UC_SIGMASK + 128, 16-byte multiple */
#define FRAME_MAGIC 0x6a6e7831u    /* "jnx1" */
#define SS_ONSTACK 1
#define SS_DISABLE 2

static void put32(unsigned char *f, size_t off, uint32_t v) { memcpy(f + off, &v, 4); }
static uint32_t get32(const unsigned char *f, size_t off) { uint32_t v; memcpy(&v, f + off, 4); return v; }

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top)
{
	struct wasm_task *a = t->arch;
	uaddr_t user_sp = task_user_sp(a);
	uaddr_t top = sp_top ? sp_top : user_sp; /* an alternate stack may lie above */
	uaddr_t sp = (top - FRAME_SIZE) & ~(uaddr_t)15;
	unsigned char f[FRAME_SIZE] = { 0 };

	if (info)
		siginfo_to_bytes(info, f);
	put32(f, UC_STACK, (uint32_t)t->altstack_sp);
	put32(f, UC_STACK + 4, t->altstack_size ? (sp_top ? SS_ONSTACK : 0) : SS_DISABLE);
	put32(f, UC_STACK + 8, (uint32_t)t->altstack_size);
	put32(f, MC_SP, (uint32_t)user_sp);
	put32(f, MC_RESULT, (uint32_t)a->ret);
	put32(f, MC_RESTART, a->restart);
	put32(f, MC_MAGIC, FRAME_MAGIC);
	memcpy(f + UC_SIGMASK, oldmask, sizeof(*oldmask));
	if (sp < PAGE_SIZE || sp > top || arch_copy_to_user(sp, f, FRAME_SIZE))
		return -EFAULT;
	a->restart = false; /* the frame remembers it: rt_sigreturn restarts */
	host_task_frame((uint32_t)ka->handler, sig, (uint32_t)sp, (uint32_t)sp + UC_OFF,
			(uint32_t)sp);
	return 0;
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	struct wasm_task *a = t->arch;
	unsigned char f[FRAME_SIZE];

	uaddr_t sp = task_user_sp(a);

	if (sp % 16 || arch_copy_from_user(f, sp, FRAME_SIZE) ||
	    get32(f, MC_MAGIC) != FRAME_MAGIC)
		return -EFAULT;
	memcpy(mask, f + UC_SIGMASK, sizeof(*mask));
	/* A pending restart goes back to the core as the syscall's result. */
	return get32(f, MC_RESTART) ? -ERESTARTSYS : (long)(int32_t)get32(f, MC_RESULT);
}
