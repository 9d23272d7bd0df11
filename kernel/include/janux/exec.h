/*
 * execve: the portable half (kernel/exec/). The core reads the file's
 * first bytes, handles `#!` itself, and hands ELF / `\0asm` images to the
 * arch loader (arch_exec_load); one shared helper lays out argc, argv,
 * envp and auxv on the new user stack exactly as Linux does.
 */
#ifndef JANUX_EXEC_H
#define JANUX_EXEC_H

#include <janux/types.h>

struct file;

#define EXEC_HEAD 256             /* Linux's BINPRM_BUF_SIZE */
#define MAX_ARG_STRLEN (32 * 4096) /* one argument or environment string */
#define EXEC_MAX_INTERP_DEPTH 4   /* nested #! scripts; deeper is -ELOOP */

/* auxv types (Linux uapi auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

/* Argument and environment strings, packed "a\0b\0" in one buffer. */
struct exec_strings {
	char *buf;
	size_t len, cap;
	unsigned int count;
};

/* Everything an exec carries from the core to the arch loader and back. */
struct exec_image {
	struct file *file;          /* the program (for exec_read) */
	char head[EXEC_HEAD];       /* its first bytes */
	size_t head_len;
	const char *filename;       /* as given: AT_EXECFN */
	struct exec_strings argv, envp;
	/* filled by arch_exec_load */
	unsigned int word_size;     /* 4 (wasm32) or 8 (aarch64) */
	uaddr_t entry, stack_top, phdr, base;
	unsigned long phent, phnum, hwcap;
	void *arch;                 /* the new user memory, the arch's */
	/* filled by exec_build_stack */
	unsigned char *stack;       /* image of the top of the new stack */
	size_t stack_len;           /* it ends at stack_top */
};

/* Read `len` bytes of the program at `off` (kernel buffer); bytes or -errno. */
ssize_t exec_read(struct exec_image *img, loff_t off, void *buf, size_t len);

/*
 * Lay out the initial stack below img->stack_top for a word size of
 * img->word_size, as Linux's create_elf_tables: from the top, an 8-byte
 * end marker, the AT_EXECFN string, envp and argv strings, 16 AT_RANDOM
 * bytes, then (16-byte aligned at argc) argc, argv[], NULL, envp[], NULL,
 * auxv pairs ending with AT_NULL. Fills img->stack/stack_len (kmalloc'd;
 * freed by exec_image_free). Returns 0, -E2BIG (does not fit the stack
 * rlimit's quarter), -ENOMEM.
 */
int exec_build_stack(struct exec_image *img, uid_t uid, uid_t euid, gid_t gid,
		     gid_t egid, const uint8_t random[16]);

/* Append one string (copied) to a list; -E2BIG past MAX_ARG_STRLEN, -ENOMEM. */
int exec_strings_add(struct exec_strings *s, const char *str, size_t len);

/* Free what an image holds (strings, stack image; not the file). */
void exec_image_free(struct exec_image *img);

/*
 * execveat for the current task: `path` relative to `dfd` (AT_EMPTY_PATH:
 * the file open at dfd), user argv/envp arrays (NULL pointer: empty).
 * Returns -errno; on success it does not return to the old program: the
 * result is 0 and the arch resumes the task at the new entry point.
 */
long exec_execve(int dfd, uaddr_t path, uaddr_t argv, uaddr_t envp, int flags);

/* execve from the kernel (starting init): kernel strings, NULL-ended. */
long exec_kernel(const char *path, const char *const *argv, const char *const *envp);

#endif
