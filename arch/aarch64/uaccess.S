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

	.text
/* size_t uaccess_copy_in(void *dst, uaddr_t src, size_t n): bytes NOT copied. */
	.global uaccess_copy_in
uaccess_copy_in:
	cmp	x2, #32
	b.lo	5f
1:	ldtr	x3, [x1]
	extable	1b, 5f
2:	ldtr	x4, [x1, #8]
	extable	2b, 5f
3:	ldtr	x5, [x1, #16]
	extable	3b, 5f
4:	ldtr	x6, [x1, #24]
	extable	4b, 5f
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	add	x0, x0, #32
	add	x1, x1, #32
	sub	x2, x2, #32
	cmp	x2, #32
	b.hs	1b
5:	cbz	x2, 7f
6:	ldtrb	w3, [x1]
	extable	6b, 7f
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	6b
7:	mov	x0, x2
	ret

/* size_t uaccess_copy_out(uaddr_t dst, const void *src, size_t n): bytes NOT copied. */
	.global uaccess_copy_out
uaccess_copy_out:
	cmp	x2, #32
	b.lo	5f
	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
1:	sttr	x3, [x0]
	extable	1b, 5f
2:	sttr	x4, [x0, #8]
	extable	2b, 5f
3:	sttr	x5, [x0, #16]
	extable	3b, 5f
4:	sttr	x6, [x0, #24]
	extable	4b, 5f
	add	x0, x0, #32
	add	x1, x1, #32
	sub	x2, x2, #32
	cmp	x2, #32
	b.lo	5f
	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
	b	1b
5:	cbz	x2, 7f
	ldrb	w3, [x1], #1
6:	sttrb	w3, [x0]
	extable	6b, 7f
	add	x0, x0, #1
	subs	x2, x2, #1
	b.eq	7f
	ldrb	w3, [x1], #1
	b	6b
7:	mov	x0, x2
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
