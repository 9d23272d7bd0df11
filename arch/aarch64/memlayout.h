/*
 * aarch64 memory layout and MMU register values, shared by the assembly
 * boot code and C (constants only, no C syntax).
 */
#ifndef AARCH64_MEMLAYOUT_H
#define AARCH64_MEMLAYOUT_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

/* 39-bit virtual addresses: TTBR1 covers the top 512 GiB. Physical address
 * PA is mapped at PA + KERNEL_VOFFSET (RAM linear map, kernel image and
 * devices alike), so kernel VA <-> PA is one addition. */
#define VA_BITS 39
#define KERNEL_VOFFSET UL(0xffffff8000000000)
#define KERNEL_LOAD_PA 0x40200000 /* QEMU passes a DTB only at/above this */

#define BOOT_STACK_SIZE 16384

/* Memory attribute indexes in MAIR_EL1. */
#define MT_DEVICE 0    /* Device-nGnRE */
#define MT_NORMAL 1    /* Normal, write-back read/write-allocate */
#define MAIR_VALUE 0xff04

/* TCR_EL1 without IPS (set from ID_AA64MMFR0_EL1.PARange at boot):
 * T0SZ=T1SZ=25, 4 KiB granules, write-back inner-shareable walks. */
#define TCR_TXSZ (64 - VA_BITS)
#define TCR_WALK_ATTRS 0x3500 /* IRGN=01 ORGN=01 SH=11 (shift 8) */
#define TCR_VALUE (TCR_TXSZ | (TCR_TXSZ << 16) | TCR_WALK_ATTRS | \
		   (TCR_WALK_ATTRS << 16) | (2 << 30))
#define TCR_EPD0 (1 << 7)  /* no TTBR0 walks (no user space yet) */
#define TCR_IPS_SHIFT 32

/* SCTLR_EL1: architecturally-one bits of ARMv8.0, then MMU/caches on. */
#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_EL1_ON (SCTLR_EL1_RES1 | 1 | (1 << 2) | (1 << 3) | (1 << 12))

/* Translation table descriptor bits (level 1-3, 4 KiB granule). */
#define PTE_VALID 1
#define PTE_TABLE 3        /* level 1/2 table, level 3 page */
#define PTE_BLOCK 1        /* level 1/2 block */
#define PTE_ATTR(mt) ((mt) << 2)
#define PTE_RDONLY (1 << 7)  /* AP[2] */
#define PTE_SH_INNER (3 << 8)
#define PTE_AF (1 << 10)
#define PTE_PXN (UL(1) << 53)
#define PTE_UXN (UL(1) << 54)

#endif
