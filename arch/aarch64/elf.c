/*
 * The ELF loader behind arch_exec_load/start/abort: static AArch64
 * executables, ET_EXEC at their own addresses and static-PIE (ET_DYN
 * without PT_INTERP) at ELF_PIE_BASE. PT_LOAD segments are mapped with
 * their own protections, file bytes copied in, the rest (bss) zero. A
 * 128 KiB stack that grows down ends at USER_STACK_TOP; the page above it
 * holds the rt_sigreturn trampoline for handlers without SA_RESTORER.
 * A malformed file is -ENOEXEC with a log line, never a crash.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/mm.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/task.h>
#include "machine.h"
#include "sched.h"
#include "sysreg.h"
#include "textcache.h"
#include "uvm.h"

#define EM_AARCH64 183
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define MAX_PHNUM 64
#define ELF_PIE_BASE 0x5555550000UL
#define STACK_INITIAL (128 * 1024)
#define HWCAP_FP (1 << 0)
#define HWCAP_ASIMD (1 << 1)

struct elf64_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

/* mov x8, #139 (rt_sigreturn); svc #0 */
static const uint32_t sigreturn_code[] = { 0xd2801168, 0xd4000001 };

static int bad(struct exec_image *img, const char *why)
{
	printk(KERN_NOTICE "exec: %s: malformed ELF: %s\n", img->filename, why);
	return -ENOEXEC;
}

static int prot_of(uint32_t pf)
{
	return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
	       (pf & PF_X ? PROT_EXEC : 0);
}

/* Map file page `off` at `to` from the text cache; false if not there. */
static bool from_cache(struct exec_image *img, struct mm *mm, uaddr_t to, uint64_t off)
{
	uint64_t pa = textcache_find(img->file->inode, off);

	return pa && !uvm_map_page(mm, to, pa);
}

/* Read n file bytes at `off` to `to` (within one page), straight into the
 * page; a whole page of a never-writable range goes to the text cache. */
static int read_page(struct exec_image *img, struct mm *mm, uaddr_t to, uint64_t off, size_t n)
{
	size_t pg = to % PAGE_SIZE;
	char *page = uvm_load_page(mm, to - pg, pg, n);
	ssize_t got;

	if (!page)
		return -ENOMEM;
	got = exec_read(img, (loff_t)off, page + pg, n);
	if (got != (ssize_t)n)
		return got < 0 ? (int)got : bad(img, "segment past the end of the file");
	if (n == PAGE_SIZE && !(mm_find_vma(mm, to)->prot & PROT_WRITE))
		textcache_add(img->file->inode, off, virt_to_phys(page));
	return 0;
}

/* Load file bytes [off, off+len) at user address `to` of mm: whole pages
 * of a read-only segment from the text cache when it has them, the rest
 * read from the file. A short read leaves stale bytes in a page of the
 * new space, which arch_exec_abort() then discards with it. */
static int copy_in(struct exec_image *img, struct mm *mm, uaddr_t to, uint64_t off, uint64_t len,
		   bool ro)
{
	while (len) {
		size_t n = MIN(len, PAGE_SIZE - to % PAGE_SIZE);
		int err = ro && n == PAGE_SIZE && from_cache(img, mm, to, off) ? 0 :
			  read_page(img, mm, to, off, n);

		if (err)
			return err;
		to += n;
		off += n;
		len -= n;
	}
	return 0;
}

/* Map one PT_LOAD at base + vaddr; a first page shared with the previous
 * segment keeps its contents and gets both protections. */
static int load_segment(struct exec_image *img, struct mm *mm, const struct elf64_phdr *ph,
			uaddr_t base)
{
	uaddr_t start = base + ph->vaddr, pstart = start & ~(PAGE_SIZE - 1);
	uaddr_t end = ALIGN_UP(start + ph->memsz, PAGE_SIZE);
	int prot = prot_of(ph->flags);
	struct vma *v;
	long r;

	if (ph->filesz > ph->memsz || ph->vaddr % PAGE_SIZE != ph->offset % PAGE_SIZE ||
	    start < base || start + ph->memsz < start || end > USER_STACK_TOP - STACK_INITIAL ||
	    pstart < PAGE_SIZE)
		return bad(img, "PT_LOAD out of range");
	v = mm_find_vma(mm, pstart);
	if (v) {
		mm_protect(mm, pstart, PAGE_SIZE, v->prot | prot);
		pstart += PAGE_SIZE;
	}
	if (pstart < end) {
		r = mm_map(mm, pstart, end - pstart, prot, MAP_PRIVATE | MAP_ANONYMOUS |
			   MAP_FIXED_NOREPLACE, NULL, 0);
		if (r < 0)
			return r == -EEXIST ? bad(img, "overlapping PT_LOAD") : (int)r;
	}
	return copy_in(img, mm, start, ph->offset, ph->filesz, !(ph->flags & PF_W));
}

/* Stack, sigreturn trampoline page, break after the highest segment. */
static int map_stack(struct mm *mm, uaddr_t brk)
{
	long r = mm_map(mm, USER_STACK_TOP - STACK_INITIAL, STACK_INITIAL,
			PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
			MAP_GROWSDOWN, NULL, 0);

	if (r >= 0)
		r = mm_map(mm, USER_STACK_TOP, PAGE_SIZE, PROT_READ | PROT_EXEC,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	if (r >= 0)
		r = arch_mm_write(mm, USER_STACK_TOP, sigreturn_code, sizeof(sigreturn_code));
	if (current && current->proc)
		mm->stack_limit = current->proc->rlim[RLIMIT_STACK].cur;
	mm_set_brk_base(mm, brk);
	return r < 0 ? (int)r : 0;
}

/* Header checks; -ENOEXEC without a message when it is not ours at all. */
static int check_header(struct exec_image *img, const struct elf64_ehdr *eh)
{
	if (img->head_len < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->ident[4] != 2 || eh->ident[5] != 1 || eh->machine != EM_AARCH64)
		return bad(img, "not a little-endian 64-bit AArch64 file");
	if (eh->type != ET_EXEC && eh->type != ET_DYN)
		return bad(img, "neither ET_EXEC nor ET_DYN");
	if (eh->phentsize != sizeof(struct elf64_phdr) || !eh->phnum || eh->phnum > MAX_PHNUM)
		return bad(img, "bad program header table");
	return 0;
}

/* Load every segment; fills the image's addresses. */
static int load_all(struct exec_image *img, struct mm *mm, const struct elf64_ehdr *eh,
		    const struct elf64_phdr *ph)
{
	uaddr_t base = eh->type == ET_DYN ? ELF_PIE_BASE : 0, brk = 0;
	int err = 0, loads = 0;

	img->phdr = 0;
	for (int i = 0; i < eh->phnum && !err; i++) {
		if (ph[i].type == PT_INTERP)
			return bad(img, "dynamically linked (PT_INTERP): only static programs run");
		if (ph[i].type == PT_PHDR)
			img->phdr = base + ph[i].vaddr;
		if (ph[i].type != PT_LOAD)
			continue;
		err = load_segment(img, mm, &ph[i], base);
		brk = MAX(brk, base + ph[i].vaddr + ph[i].memsz);
		if (!img->phdr && eh->phoff >= ph[i].offset &&
		    eh->phoff < ph[i].offset + ph[i].filesz)
			img->phdr = base + ph[i].vaddr + (eh->phoff - ph[i].offset);
		loads++;
	}
	if (!err && !loads)
		err = bad(img, "no PT_LOAD segment");
	if (!err)
		err = map_stack(mm, brk);
	img->entry = base + eh->entry;
	return err;
}

int arch_exec_load(struct exec_image *img)
{
	const struct elf64_ehdr *eh = (const void *)img->head;
	struct elf64_phdr *ph;
	struct mm *mm;
	size_t phlen;
	int err = check_header(img, eh);

	if (err)
		return err;
	phlen = eh->phnum * sizeof(*ph);
	ph = kmalloc(phlen);
	mm = ph ? mm_create() : NULL;
	if (!mm) {
		kfree(ph);
		return -ENOMEM;
	}
	if (exec_read(img, (loff_t)eh->phoff, ph, phlen) != (ssize_t)phlen)
		err = bad(img, "program headers past the end of the file");
	else
		err = load_all(img, mm, eh, ph);
	kfree(ph);
	if (err) {
		mm_put(mm);
		return err;
	}
	img->arch = mm;
	img->word_size = 8;
	img->stack_top = USER_STACK_TOP;
	img->phent = sizeof(*ph);
	img->phnum = eh->phnum;
	img->base = 0;
	img->hwcap = HWCAP_FP | HWCAP_ASIMD;
	return 0;
}

void arch_exec_abort(struct exec_image *img)
{
	mm_put(img->arch);
	img->arch = NULL;
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	struct a64_task *a = t->arch ? t->arch : sched_task_alloc(t);
	struct mm *old;
	struct pt_regs *r;

	if (!a)
		return -ENOMEM;
	old = a->mm;
	a->mm = img->arch;
	img->arch = NULL;
	if (t == current)
		uvm_activate(a->mm);
	if (old)
		mm_put(old);
	if (arch_mm_write(a->mm, img->stack_top - img->stack_len, img->stack, img->stack_len))
		return -EFAULT;
	r = task_regs(a);
	memset(r, 0, sizeof(*r));
	r->elr = img->entry;
	r->sp = img->stack_top - img->stack_len;
	r->spsr = 0; /* EL0t, interrupts unmasked */
	memset(&a->fp, 0, sizeof(a->fp));
	a->tpidr = 0;
	if (t == current) {
		fpsimd_load(&a->fp);
		write_sysreg(tpidr_el0, 0);
	}
	return 0;
}
