/*
 * Copies between the kernel and the current user address space with the
 * unprivileged loads/stores (ldtr/sttr), so every access is checked
 * against EL0's permissions: a kernel address faults like an unmapped one.
 * 32 bytes per step in 8-byte accesses while that much is left, then
 * bytes. A fault in a step goes on byte by byte from that step's start
 * (nothing of it was stored on the kernel side; user bytes it stored are
 * stored again), so the byte that faults is the one reported.
 * Each user access has an __ex_table entry {insn, fixup}; the EL1 fault
 * handler resumes at the fixup when the fault cannot be resolved.
 */
.macro extable insn, fixup
	.pushsection __ex_table, "a"
	.balign 8
	.quad	\insn, \fixup
	.popsection
.endm

/* One step: four 8-byte user accesses `op` (ldtr or sttr) of x3-x6 at
 * [base], [base+8], [base+16], [base+24], each faulting to `fixup`. */
.macro user_step op, base, fixup
1:	\op	x3, [\base]
	extable	1b, \fixup
2:	\op	x4, [\base, #8]
	extable	2b, \fixup
3:	\op	x5, [\base, #16]
	extable	3b, \fixup
4:	\op	x6, [\base, #24]
	extable	4b, \fixup
.endm

/* Advance dst (x0), src (x1) and the count (x2) past one step; flags from
 * comparing what is left with a step. */
.macro next_step
	add	x0, x0, #32
	add	x1, x1, #32
	sub	x2, x2, #32
	cmp	x2, #32
.endm

	.text
/* size_t uaccess_copy_in(void *dst, uaddr_t src, size_t n): bytes NOT copied. */
	.global uaccess_copy_in
uaccess_copy_in:
	cmp	x2, #32
	b.lo	15f
10:	user_step ldtr, x1, 15f
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	next_step
	b.hs	10b
15:	cbz	x2, 17f
16:	ldtrb	w3, [x1]
	extable	16b, 17f
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	16b
17:	mov	x0, x2
	ret

/* size_t uaccess_copy_out(uaddr_t dst, const void *src, size_t n): bytes NOT copied. */
	.global uaccess_copy_out
uaccess_copy_out:
	cmp	x2, #32
	b.lo	15f
10:	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
	user_step sttr, x0, 15f
	next_step
	b.hs	10b
15:	cbz	x2, 17f
	ldrb	w3, [x1], #1
16:	sttrb	w3, [x0]
	extable	16b, 17f
	add	x0, x0, #1
	subs	x2, x2, #1
	b.eq	17f
	ldrb	w3, [x1], #1
	b	16b
17:	mov	x0, x2
	ret

/* long uaccess_strncpy(char *dst, uaddr_t src, size_t max): the string's
 * length, max when no NUL came within max bytes, -14 (EFAULT) on a fault. */
	.global uaccess_strncpy
uaccess_strncpy:
	mov	x4, #0
1:	cmp	x4, x2
	b.eq	3f
2:	ldtrb	w3, [x1]
	extable	2b, 4f
	strb	w3, [x0, x4]
	cbz	w3, 3f
	add	x1, x1, #1
	add	x4, x4, #1
	b	1b
3:	mov	x0, x4
	ret
4:	mov	x0, #-14
	ret
