/*
 * The initial user stack of a new program (argc, argv, envp, auxv), laid
 * out once for both word sizes. Addresses are computed from
 * img->stack_top; the image is copied there by arch_exec_start().
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/task.h>
#include <janux/timer.h>

#define NAUXV 17 /* entries written below, AT_NULL included */

int exec_strings_add(struct exec_strings *s, const char *str, size_t len)
{
	if (len + 1 > MAX_ARG_STRLEN)
		return -E2BIG;
	if (s->len + len + 1 > s->cap) {
		size_t cap = MAX(s->cap * 2, s->len + len + 1 + 256);
		char *n = kmalloc(cap);

		if (!n)
			return -ENOMEM;
		memcpy(n, s->buf, s->len);
		kfree(s->buf);
		s->buf = n;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, str, len);
	s->buf[s->len + len] = '\0';
	s->len += len + 1;
	s->count++;
	return 0;
}

/* Store one word of img->word_size bytes at byte offset `off`. */
static void put_word(struct exec_image *img, size_t off, uint64_t v)
{
	if (img->word_size == 8) {
		memcpy(img->stack + off, &v, 8);
	} else {
		uint32_t w = (uint32_t)v;

		memcpy(img->stack + off, &w, 4);
	}
}

/* Write the pointers to each string of `s` (which starts at address
 * `addr`), then NULL; returns the next offset. */
static size_t put_vector(struct exec_image *img, size_t off,
			 const struct exec_strings *s, uaddr_t addr)
{
	size_t pos = 0;

	for (unsigned int i = 0; i < s->count; i++) {
		put_word(img, off, addr + pos);
		off += img->word_size;
		pos += strlen(s->buf + pos) + 1;
	}
	put_word(img, off, 0);
	return off + img->word_size;
}

/* The auxiliary vector; `random`/`execfn` are the user addresses. */
static void put_auxv(struct exec_image *img, size_t off, const uint64_t *ids,
		     uaddr_t random, uaddr_t execfn)
{
	const uint64_t av[NAUXV][2] = {
		{ AT_PHDR, img->phdr }, { AT_PHENT, img->phent },
		{ AT_PHNUM, img->phnum }, { AT_PAGESZ, PAGE_SIZE },
		{ AT_BASE, img->base }, { AT_FLAGS, 0 }, { AT_ENTRY, img->entry },
		{ AT_UID, ids[0] }, { AT_EUID, ids[1] }, { AT_GID, ids[2] },
		{ AT_EGID, ids[3] }, { AT_HWCAP, img->hwcap },
		{ AT_CLKTCK, USER_HZ }, { AT_SECURE, ids[0] != ids[1] || ids[2] != ids[3] },
		{ AT_RANDOM, random }, { AT_EXECFN, execfn }, { AT_NULL, 0 },
	};

	for (int i = 0; i < NAUXV; i++) {
		put_word(img, off, av[i][0]);
		put_word(img, off + img->word_size, av[i][1]);
		off += 2 * img->word_size;
	}
}

/* Bytes allowed for strings: a quarter of the stack limit, at least 128 KiB. */
static size_t arg_max(void)
{
	uint64_t lim = current->proc->rlim[RLIMIT_STACK].cur / 4;

	return (size_t)MIN(MAX(lim, 32ull * PAGE_SIZE), 1ull << 30);
}

int exec_build_stack(struct exec_image *img, uid_t uid, uid_t euid, gid_t gid,
		     gid_t egid, const uint8_t random[16])
{
	size_t fnlen = strlen(img->filename) + 1;
	size_t strings = img->argv.len + img->envp.len + fnlen;
	size_t W = img->word_size;
	size_t nwords = 1 + img->argv.count + 1 + img->envp.count + 1 + 2 * NAUXV;
	uint64_t ids[4] = { uid, euid, gid, egid };
	uaddr_t top = img->stack_top, str_at, random_at, sp;
	size_t off;

	if (strings > arg_max())
		return -E2BIG;
	str_at = top - 8 - strings;             /* argv, envp, execfn */
	random_at = ALIGN_DOWN(str_at - 16, 16);
	sp = ALIGN_DOWN(random_at - nwords * W, 16);
	img->stack_len = top - sp;
	img->stack = kzalloc(img->stack_len);
	if (!img->stack)
		return -ENOMEM;
	off = str_at - sp;
	memcpy(img->stack + off, img->argv.buf, img->argv.len);
	memcpy(img->stack + off + img->argv.len, img->envp.buf, img->envp.len);
	memcpy(img->stack + off + img->argv.len + img->envp.len, img->filename, fnlen);
	memcpy(img->stack + (random_at - sp), random, 16);
	put_word(img, 0, img->argv.count);
	off = put_vector(img, W, &img->argv, str_at);
	off = put_vector(img, off, &img->envp, str_at + img->argv.len);
	put_auxv(img, off, ids, random_at, str_at + img->argv.len + img->envp.len);
	return 0;
}

void exec_image_free(struct exec_image *img)
{
	kfree(img->argv.buf);
	kfree(img->envp.buf);
	kfree(img->stack);
	img->argv = img->envp = (struct exec_strings){ 0 };
	img->stack = NULL;
}
