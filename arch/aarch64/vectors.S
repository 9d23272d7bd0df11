/*
 * EL1 exception vector table. Every entry saves a full register frame
 * (struct pt_regs in traps.h) on the kernel stack and calls C: EL1 sync
 * and IRQ and EL0 sync (svc, faults) and IRQ return through the frame;
 * everything else is reported by trap_unexpected(), which panics.
 */
#define FRAME 288	/* sizeof(struct pt_regs) */

/* Save x0-x30, the interrupted sp, ELR, SPSR, ESR and FAR; x0 = frame. */
.macro save_frame el
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if \el == 0
	mrs	x21, sp_el0
	.else
	add	x21, sp, #FRAME
	.endif
	stp	x30, x21, [sp, #16 * 15]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #16 * 16]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #16 * 17]
	mov	x0, sp
.endm

/* Return through a frame (C may have changed ELR/SPSR/registers). */
.macro restore_frame el
	ldp	x22, x23, [sp, #16 * 16]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.if \el == 0
	ldr	x21, [sp, #16 * 15 + 8]
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #16 * 15]
	add	sp, sp, #FRAME
	eret
.endm

/* An entry that cannot be handled: frame, kind number, trap_unexpected. */
.macro unexpected kind, el
	.balign	128
	save_frame \el
	mov	x1, #\kind
	b	trap_unexpected
.endm

	.text
	.balign	2048
	.global vectors
vectors:
	unexpected 0, 1		/* EL1 with SP_EL0: sync */
	unexpected 1, 1		/* irq */
	unexpected 2, 1		/* fiq */
	unexpected 3, 1		/* serror */
	.balign	128
	b	el1_sync	/* EL1 with SP_EL1: sync */
	.balign	128
	b	el1_irq		/* irq */
	unexpected 6, 1		/* fiq */
	unexpected 7, 1		/* serror */
	.balign	128
	b	el0_sync	/* EL0 AArch64: sync (svc, faults) */
	.balign	128
	b	el0_irq		/* irq */
	unexpected 10, 0	/* fiq */
	unexpected 11, 0	/* serror */
	unexpected 12, 0	/* EL0 AArch32: sync */
	unexpected 13, 0	/* irq */
	unexpected 14, 0	/* fiq */
	unexpected 15, 0	/* serror */

el1_sync:
	save_frame 1
	bl	trap_el1_sync
	restore_frame 1

el1_irq:
	save_frame 1
	bl	trap_irq
	restore_frame 1

el0_sync:
	save_frame 0
	bl	trap_el0_sync
	b	ret_to_user

el0_irq:
	save_frame 0
	bl	trap_el0_irq
/* Back to EL0 through the frame at the top of the task's kernel stack. */
	.global ret_to_user
ret_to_user:
	restore_frame 0
