/*
 * execve of `\0asm` program modules (docs/wasm32-abi.md). The host
 * validates and compiles a module once; the kernel keeps the table of
 * compiled modules keyed by file identity (device, inode, size, mtime), so
 * executing the same file again costs no compilation. The new address
 * space maps [PAGE_SIZE, __heap_base) (stack, data, bss: page 0 stays
 * unmapped), the heap starts after it, mmap below the memory's maximum.
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
#include <janux/vfs.h>
#include <wasm32.h>

#define MODULE_CACHE_MAX 64
#define MODULE_FILE_MAX (64u << 20)
#define MSG_MAX 160
/* How far brk may grow before it meets the first mapping (mmap goes up
 * from there); past it musl's malloc, which takes only its metadata pages
 * from brk, falls back to mmap. Small, because a recycled memory is zeroed
 * up to its size, gap included, and in Chromium each first touch of a page
 * costs tens of microseconds (docs/wasm32.md, "Costs"). */
#define BRK_ROOM (64ul << 10)

/* One compiled module the host keeps, and the file it came from. */
struct wasm_module {
	struct list_head link; /* most recently used first */
	dev_t dev;
	uint64_t ino;
	int64_t size;
	struct timespec64 mtime;
	uint32_t id;
	struct host_module_info info;
};

/* What arch_exec_load hands arch_exec_start (img->arch). */
struct wasm_exec {
	struct mm *mm;
	uint32_t module;
};

static struct list_head modules = LIST_HEAD_INIT(modules);
static unsigned int nmodules;
static uint32_t next_module_id = 1;

static void module_drop(struct wasm_module *m)
{
	list_del(&m->link);
	nmodules--;
	host_exec_forget(m->id);
	kfree(m);
}

/* The cached module for `ino`'s file as it is now; a stale entry is dropped. */
static struct wasm_module *module_find(const struct inode *ino)
{
	struct wasm_module *m, *tmp;

	list_for_each_entry_safe(m, tmp, &modules, link) {
		if (m->dev != ino->sb->dev || m->ino != ino->ino)
			continue;
		if (m->size == ino->size && m->mtime.tv_sec == ino->mtime.tv_sec &&
		    m->mtime.tv_nsec == ino->mtime.tv_nsec) {
			list_del(&m->link);
			list_add(&m->link, &modules);
			return m;
		}
		module_drop(m);
	}
	return NULL;
}

/* Read the whole file into kernel pages and have the host compile it. */
static int module_compile(struct exec_image *img, struct wasm_module *m)
{
	size_t len = (size_t)m->size, npages = ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE;
	char msg[MSG_MAX] = "";
	char *buf;
	int err;

	if (m->size <= 0 || m->size > MODULE_FILE_MAX) {
		printk(KERN_NOTICE "exec: %s: bad wasm module: %lld bytes\n", img->filename,
		       (long long)m->size);
		return -ENOEXEC;
	}
	buf = arch_alloc_pages(npages);
	if (!buf)
		return -ENOMEM;
	err = exec_read(img, 0, buf, len) == (ssize_t)len ? 0 : -EIO;
	if (!err)
		err = host_exec_compile(m->id, buf, len, &m->info, msg, sizeof(msg));
	arch_free_pages(buf, npages);
	if (err == -ENOEXEC)
		printk(KERN_NOTICE "exec: %s: bad wasm module: %s\n", img->filename, msg);
	return err;
}

/* The compiled module for img's file: from the table or compiled now. */
static struct wasm_module *module_get(struct exec_image *img, int *err)
{
	const struct inode *ino = img->file->inode;
	struct wasm_module *m = module_find(ino);

	if (m)
		return m;
	m = kzalloc(sizeof(*m));
	if (!m) {
		*err = -ENOMEM;
		return NULL;
	}
	*m = (struct wasm_module){ .dev = ino->sb->dev, .ino = ino->ino, .size = ino->size,
				   .mtime = ino->mtime, .id = next_module_id++ };
	*err = module_compile(img, m);
	if (*err) {
		kfree(m);
		return NULL;
	}
	if (nmodules == MODULE_CACHE_MAX)
		module_drop(list_entry(modules.prev, struct wasm_module, link));
	list_add(&m->link, &modules);
	nmodules++;
	return m;
}

/* The new address space for module info `mi`. */
static int build_mm(struct exec_image *img, const struct host_module_info *mi, struct mm **out)
{
	struct mm *mm;
	long r;

	if (mi->stack_top <= PAGE_SIZE || mi->heap_base < mi->stack_top ||
	    mi->mem_max < ALIGN_UP(mi->heap_base, PAGE_SIZE) || mi->mem_min > mi->mem_max) {
		printk(KERN_NOTICE "exec: %s: bad wasm module: stack/heap outside its memory\n",
		       img->filename);
		return -ENOEXEC;
	}
	mm = mm_create();
	if (!mm)
		return -ENOMEM;
	/* mmap bottom-up from a little above the heap, so that the memory,
	 * which must cover the highest mapping, stays as small as what the
	 * process maps (docs/wasm32-abi.md, "Memory layout"). */
	mm->task_size = mi->mem_max;
	mm->mmap_base = MIN(ALIGN_UP(mi->heap_base, PAGE_SIZE) + BRK_ROOM, mi->mem_max);
	mm->mmap_up = true;
	r = mm_map(mm, PAGE_SIZE, ALIGN_UP(mi->heap_base, PAGE_SIZE) - PAGE_SIZE,
		   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	if (r >= 0)
		r = umem_ensure(mm, mi->mem_min);
	if (r < 0) {
		mm_put(mm);
		return (int)r;
	}
	if (current && current->proc)
		mm->stack_limit = current->proc->rlim[RLIMIT_STACK].cur;
	mm_set_brk_base(mm, mi->heap_base);
	*out = mm;
	return 0;
}

int arch_exec_load(struct exec_image *img)
{
	static const char magic[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	struct wasm_exec *x;
	struct wasm_module *m;
	int err;

	if (img->head_len < sizeof(magic) || memcmp(img->head, magic, sizeof(magic)))
		return -ENOEXEC;
	m = module_get(img, &err);
	if (!m)
		return err;
	x = kzalloc(sizeof(*x));
	if (!x)
		return -ENOMEM;
	err = build_mm(img, &m->info, &x->mm);
	if (err) {
		kfree(x);
		return err;
	}
	x->module = m->id;
	img->arch = x;
	img->word_size = 4;
	img->stack_top = m->info.stack_top;
	img->entry = img->phdr = img->base = 0;
	img->phent = img->phnum = img->hwcap = 0;
	return 0;
}

void arch_exec_abort(struct exec_image *img)
{
	struct wasm_exec *x = img->arch;

	mm_put(x->mm);
	kfree(x);
	img->arch = NULL;
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	struct wasm_task *a = t->arch ? t->arch : task_arch_alloc(t);
	struct wasm_exec *x = img->arch;
	struct mm *old;

	if (!a)
		return -ENOMEM;
	old = a->mm;
	a->mm = x->mm;
	img->arch = NULL;
	if (old)
		mm_put(old);
	a->start.mem = umem_id(a->mm);
	a->start.module = x->module;
	a->start.how = TASK_START_EXEC;
	a->start.sp = (uint32_t)(img->stack_top - img->stack_len);
	a->start.tls = 0;
	a->user_sp = a->start.sp;
	kfree(x);
	if (img->stack_len > img->stack_top - PAGE_SIZE ||
	    arch_mm_write(a->mm, a->start.sp, img->stack, img->stack_len))
		return -EFAULT;
	if (a->started)
		host_task_exec(a->start.module, a->start.mem, a->start.sp);
	return 0;
}
