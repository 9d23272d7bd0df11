/* The fake user-memory machine of the mm tests (fake_uvm.c). */
#ifndef TESTS_UNIT_MM_FAKE_UVM_H
#define TESTS_UNIT_MM_FAKE_UVM_H

#include <janux/mm.h>

#define FAKE_TASK_SIZE 0x10000000UL
#define FAKE_MMAP_BASE 0x08000000UL

/* What arch_task_get_mm() returns (the "current" address space). */
extern struct mm *fake_current_mm;
/* Address spaces initialised and not yet destroyed. */
extern int fake_live_spaces;

/* The bytes / PROT_* of the page at `page` in mm, NULL / -1 when unmapped. */
unsigned char *fake_page_data(struct mm *mm, uaddr_t page);
int fake_page_prot(struct mm *mm, uaddr_t page);

#endif
