/*
 * Kernel entry from QEMU's loader: MMU off, at EL2 or EL1, x0 = DTB
 * physical address (0 when none was passed). Drops to EL1, clears .bss,
 * maps two 1 GiB blocks (the low device GiB and the GiB holding the kernel)
 * in a boot table used for both TTBR0 (identity) and TTBR1 (upper half),
 * enables the MMU, moves to the upper-half address and calls
 * aarch64_boot(dtb_pa, entry_el). mmu.c replaces the boot table with the real one.
 */
#include "memlayout.h"

/* PC-relative address of a symbol, +-4 GiB (physical before the MMU). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .text.boot, "ax"
/* arm64 Image header (Linux Documentation/arch/arm64/booting.rst), so the
 * same bytes boot as an ELF (QEMU: x0 = 0, no initrd) or, copied out
 * with objcopy -O binary, as an Image (x0 = DTB, -initrd honoured). */
	.global _start
_start:
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	KERNEL_LOAD_PA - 0x40000000	/* text_offset from 2 MiB-aligned RAM base */
	.quad	_kernel_size		/* image_size, .bss included */
	.quad	2			/* flags: little-endian, 4 KiB pages, near RAM base */
	.quad	0, 0, 0
	.ascii	"ARM\x64"		/* magic */
	.long	0

entry:
	adr_l	x1, _start		/* loaded where linked? (VA = PA + offset) */
	ldr	x2, =KERNEL_LOAD_PA
	cmp	x1, x2
	b.ne	stuck			/* no console yet: nothing better to do */
	mov	x19, x0			/* DTB physical address */
	mrs	x20, CurrentEL
	lsr	x20, x20, #2		/* exception level we were entered at */
	cmp	x20, #2
	b.ne	1f
	bl	el2_to_el1
1:	adr_l	x0, _bss_start		/* physical: the MMU is off */
	adr_l	x1, _bss_end
2:	cmp	x0, x1
	b.hs	3f
	stp	xzr, xzr, [x0], #16
	b	2b
3:	bl	boot_map
	bl	mmu_on
	ldr	x1, =upper_half		/* link-time (upper-half) address */
	br	x1

upper_half:
	ldr	x1, =boot_stack + BOOT_STACK_SIZE
	mov	sp, x1
	ldr	x1, =vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	mov	x1, x20
	bl	aarch64_boot
stuck:	wfi				/* aarch64_boot never returns */
	b	stuck

/* EL2 -> EL1h with DAIF masked: AArch64 EL1, no EL2 traps of the timer,
 * the FP unit or GICv3 system registers, virtual counter offset 0. */
el2_to_el1:
	mov	x1, #(1 << 31)		/* HCR_EL2.RW: EL1 is AArch64 */
	msr	hcr_el2, x1
	mrs	x1, cnthctl_el2
	orr	x1, x1, #3		/* EL1PCTEN | EL1PCEN */
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #0x33ff		/* CPTR_EL2: RES1 bits, no traps */
	msr	cptr_el2, x1
	msr	hstr_el2, xzr
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #24, #4		/* GIC system register interface? */
	cbz	x1, 5f
	mrs	x1, icc_sre_el2
	mov	x2, #0x9		/* SRE | Enable (EL1 may use ICC_SRE_EL1) */
	orr	x1, x1, x2
	msr	icc_sre_el2, x1
5:	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el2, x1
	msr	elr_el2, x30
	isb
	eret

/* Fill boot_l1 (physical, MMU off): [0, 1 GiB) as device memory, the GiB
 * holding the kernel as normal memory. VA index == PA index for both TTBRs
 * because KERNEL_VOFFSET is a multiple of 512 GiB. */
boot_map:
	adr_l	x0, boot_l1
	ldr	x1, =(PTE_BLOCK | PTE_ATTR(MT_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)
	str	x1, [x0]
	adr_l	x2, _start
	lsr	x2, x2, #30		/* GiB index of the kernel */
	lsl	x3, x2, #30
	ldr	x1, =(PTE_BLOCK | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF)
	orr	x1, x1, x3
	str	x1, [x0, x2, lsl #3]
	dmb	sy
	mrs	x2, ctr_el0		/* invalidate the table's cache lines */
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x2, x3, x2		/* line size in bytes */
	add	x3, x0, #4096
6:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	6b
	dsb	sy
	ret

/* Program MAIR/TCR/TTBRs and turn on the MMU and caches. */
mmu_on:
	ldr	x1, =MAIR_VALUE
	msr	mair_el1, x1
	ldr	x1, =TCR_VALUE
	mrs	x2, id_aa64mmfr0_el1
	and	x2, x2, #7		/* PARange -> IPS */
	orr	x1, x1, x2, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x1
	adr_l	x1, boot_l1
	msr	ttbr0_el1, x1
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	ldr	x1, =SCTLR_EL1_ON
	msr	sctlr_el1, x1
	isb
	ret

	.bss
	.balign 4096
	.global boot_l1
boot_l1:
	.space	4096
	.balign 16
	.global boot_stack
boot_stack:
	.space	BOOT_STACK_SIZE
