/*
 * Signal frames laid out as Linux arm64's struct rt_sigframe: siginfo
 * (128 bytes), then a ucontext whose sigcontext holds x0-x30, sp, pc,
 * pstate and, in its reserved area, an fpsimd_context record and the end
 * marker; a {fp, lr} frame record follows. Handlers without SA_RESTORER
 * return through the trampoline page elf.c maps at USER_STACK_TOP.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/signal.h>
#include <janux/string.h>
#include <janux/task.h>
#include "sched.h"
#include "uvm.h"

#define UC_OFF 128                 /* ucontext in rt_sigframe */
#define UC_STACK (UC_OFF + 16)     /* stack_t: sp, flags, size */
#define UC_SIGMASK (UC_OFF + 40)
#define MC_OFF (UC_OFF + 176)      /* sigcontext, 16-aligned */
#define MC_FAULT (MC_OFF + 0)
#define MC_REGS (MC_OFF + 8)
#define MC_SP (MC_OFF + 256)
#define MC_PC (MC_OFF + 264)
#define MC_PSTATE (MC_OFF + 272)
#define MC_RESERVED (MC_OFF + 288) /* 4096 bytes of records */
#define FPSIMD_MAGIC 0x46508001u
#define FPSIMD_SIZE 528
#define SIGFRAME_SIZE (MC_RESERVED + 4096)
#define FRAME_SIZE (SIGFRAME_SIZE + 16) /* + {fp, lr} record */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define PSTATE_NZCV 0xf0000000UL

static void put64(unsigned char *f, size_t off, uint64_t v) { memcpy(f + off, &v, 8); }
static void put32(unsigned char *f, size_t off, uint32_t v) { memcpy(f + off, &v, 4); }
static uint64_t get64(const unsigned char *f, size_t off) { uint64_t v; memcpy(&v, f + off, 8); return v; }
static uint32_t get32(const unsigned char *f, size_t off) { uint32_t v; memcpy(&v, f + off, 4); return v; }

/* The whole user context of `a` into the ucontext of frame f. */
static void save_context(unsigned char *f, struct a64_task *a, const struct pt_regs *r,
			 const struct siginfo_k *info)
{
	put64(f, MC_FAULT, info ? info->addr : 0);
	memcpy(f + MC_REGS, r->x, sizeof(r->x));
	put64(f, MC_SP, r->sp);
	put64(f, MC_PC, r->elr);
	put64(f, MC_PSTATE, r->spsr);
	fpsimd_save(&a->fp);
	put32(f, MC_RESERVED, FPSIMD_MAGIC);
	put32(f, MC_RESERVED + 4, FPSIMD_SIZE);
	put32(f, MC_RESERVED + 8, (uint32_t)a->fp.fpsr);
	put32(f, MC_RESERVED + 12, (uint32_t)a->fp.fpcr);
	memcpy(f + MC_RESERVED + 16, a->fp.v, sizeof(a->fp.v));
	/* end marker {0, 0} follows: the buffer is zeroed */
}

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top)
{
	struct a64_task *a = t->arch;
	struct pt_regs *r = task_regs(a);
	uaddr_t sp = ((sp_top ? sp_top : r->sp) - FRAME_SIZE) & ~15UL;
	unsigned char *f = kzalloc(FRAME_SIZE);
	long err;

	if (!f)
		return -EFAULT;
	if (info)
		siginfo_to_bytes(info, f);
	put64(f, UC_STACK, t->altstack_sp);
	put32(f, UC_STACK + 8, t->altstack_size ? (sp_top ? SS_ONSTACK : 0) : SS_DISABLE);
	put64(f, UC_STACK + 16, t->altstack_size);
	put64(f, UC_SIGMASK, *oldmask);
	save_context(f, a, r, info);
	put64(f, SIGFRAME_SIZE, r->x[29]);
	put64(f, SIGFRAME_SIZE + 8, r->x[30]);
	err = arch_copy_to_user(sp, f, FRAME_SIZE);
	kfree(f);
	if (err)
		return -EFAULT;
	r->x[0] = (uint64_t)sig;
	r->x[1] = sp;
	r->x[2] = sp + UC_OFF;
	r->x[29] = sp + SIGFRAME_SIZE;
	r->x[30] = ka->flags & SA_RESTORER ? ka->restorer : USER_STACK_TOP;
	r->sp = sp;
	r->elr = ka->handler;
	return 0;
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	struct a64_task *a = t->arch;
	struct pt_regs *r = task_regs(a);
	unsigned char *f = kmalloc(SIGFRAME_SIZE);
	long ret = -EFAULT;

	if (!f)
		return -EFAULT;
	if (r->sp % 16 || arch_copy_from_user(f, r->sp, SIGFRAME_SIZE) ||
	    get32(f, MC_RESERVED) != FPSIMD_MAGIC || get32(f, MC_RESERVED + 4) != FPSIMD_SIZE)
		goto out;
	memcpy(r->x, f + MC_REGS, sizeof(r->x));
	r->sp = get64(f, MC_SP);
	r->elr = get64(f, MC_PC);
	r->spsr = get64(f, MC_PSTATE) & PSTATE_NZCV; /* EL0t, nothing masked */
	a->fp.fpsr = get32(f, MC_RESERVED + 8);
	a->fp.fpcr = get32(f, MC_RESERVED + 12);
	memcpy(a->fp.v, f + MC_RESERVED + 16, sizeof(a->fp.v));
	fpsimd_load(&a->fp);
	*mask = get64(f, UC_SIGMASK);
	ret = (long)r->x[0];
out:
	kfree(f);
	return ret;
}
