/*
 * memcpy and memset for the aarch64 kernel, overriding the portable C ones
 * of kernel/lib/string.c (weak there). Under QEMU TCG every guest load or
 * store costs a software TLB lookup, so moving 16 bytes per ldp/stp and
 * zeroing a whole cache block per `dc zva` cuts page copies and page
 * zeroing by several times. Normal (cacheable) memory only, MMU on:
 * unaligned ldp/stp are allowed there (SCTLR_EL1.A is clear).
 */
	.text

/* void *memcpy(void *dst, const void *src, size_t n): forward, 64 bytes a
 * round (all loaded before any stored), so memmove may use it when dst is
 * below src. */
	.global memcpy
	.type memcpy, %function
memcpy:
	mov	x3, x0
	cmp	x2, #64
	b.lo	2f
1:	ldp	x4, x5, [x1]
	ldp	x6, x7, [x1, #16]
	ldp	x8, x9, [x1, #32]
	ldp	x10, x11, [x1, #48]
	add	x1, x1, #64
	stp	x4, x5, [x3]
	stp	x6, x7, [x3, #16]
	stp	x8, x9, [x3, #32]
	stp	x10, x11, [x3, #48]
	add	x3, x3, #64
	sub	x2, x2, #64
	cmp	x2, #64
	b.hs	1b
2:	cmp	x2, #16
	b.lo	3f
	ldp	x4, x5, [x1], #16
	stp	x4, x5, [x3], #16
	sub	x2, x2, #16
	b	2b
3:	cbz	x2, 4f
	ldrb	w4, [x1], #1
	strb	w4, [x3], #1
	sub	x2, x2, #1
	b	3b
4:	ret
	.size memcpy, . - memcpy

/* void *memset(void *dst, int c, size_t n): zero runs of 256 bytes or more
 * use `dc zva` per block (DCZID_EL0 gives its size, or forbids it). */
	.global memset
	.type memset, %function
memset:
	mov	x3, x0
	and	x1, x1, #0xff
	orr	x1, x1, x1, lsl #8
	orr	x1, x1, x1, lsl #16
	orr	x1, x1, x1, lsl #32
	cbnz	x1, 3f
	cmp	x2, #256
	b.lo	3f
	mrs	x4, dczid_el0
	tbnz	x4, #4, 3f		/* DZP: dc zva prohibited */
	and	x4, x4, #15
	mov	x5, #4
	lsl	x5, x5, x4		/* block size in bytes */
	sub	x6, x5, #1
1:	tst	x3, x6			/* bytes up to a block boundary */
	b.eq	2f
	strb	w1, [x3], #1
	sub	x2, x2, #1
	b	1b
2:	cmp	x2, x5
	b.lo	3f
	dc	zva, x3
	add	x3, x3, x5
	sub	x2, x2, x5
	b	2b
3:	cmp	x2, #16
	b.lo	4f
	stp	x1, x1, [x3], #16
	sub	x2, x2, #16
	b	3b
4:	cbz	x2, 5f
	strb	w1, [x3], #1
	sub	x2, x2, #1
	b	4b
5:	ret
	.size memset, . - memset
