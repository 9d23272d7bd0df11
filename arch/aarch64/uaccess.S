/*
 * Byte copies between the kernel and the current user address space with
 * the unprivileged loads/stores (ldtrb/sttrb), so every byte is checked
 * against EL0's permissions: a kernel address faults like an unmapped one.
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
	cbz	x2, 2f
1:	ldtrb	w3, [x1]
	extable	1b, 2f
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, x2
	ret

/* size_t uaccess_copy_out(uaddr_t dst, const void *src, size_t n): bytes NOT copied. */
	.global uaccess_copy_out
uaccess_copy_out:
	cbz	x2, 2f
	ldrb	w3, [x1], #1
1:	sttrb	w3, [x0]
	extable	1b, 2f
	add	x0, x0, #1
	subs	x2, x2, #1
	b.eq	2f
	ldrb	w3, [x1], #1
	b	1b
2:	mov	x0, x2
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
