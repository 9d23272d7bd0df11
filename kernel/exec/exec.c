/*
 * execve/execveat: fetch the arguments, open the program, follow `#!`
 * interpreters (in the core), let the arch load ELF or wasm, build the
 * stack, then the point of no return: close-on-exec, handler reset, name.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/stat.h>
#include <janux/string.h>
#include <janux/task.h>
#include <janux/vfs.h>

ssize_t exec_read(struct exec_image *img, loff_t off, void *buf, size_t len)
{
	loff_t pos = off;

	return vfs_read(img->file, buf, len, &pos);
}

/* Copy a user NULL-terminated array of string pointers into `s`. */
static int copy_strings(struct exec_strings *s, uaddr_t uvec)
{
	char *tmp;
	int err = 0;

	if (!uvec)
		return 0;
	tmp = kmalloc(MAX_ARG_STRLEN);
	if (!tmp)
		return -ENOMEM;
	for (size_t i = 0;; i++) {
		unsigned long p;
		long n;

		if (arch_copy_from_user(&p, uvec + i * sizeof(p), sizeof(p))) {
			err = -EFAULT;
			break;
		}
		if (!p)
			break;
		n = arch_strncpy_from_user(tmp, p, MAX_ARG_STRLEN);
		if (n < 0) {
			err = n == -ENAMETOOLONG ? -E2BIG : (int)n;
			break;
		}
		if ((err = exec_strings_add(s, tmp, (size_t)n)))
			break;
	}
	kfree(tmp);
	return err;
}

/* Open the program: a regular file the caller may execute. With
 * AT_EMPTY_PATH and an empty path, the file open at dfd. */
static struct file *exec_open(int dfd, const char *path, int flags)
{
	struct file *f;
	int err;

	if ((flags & AT_EMPTY_PATH) && !*path)
		f = current->files ? fd_get(current->files, dfd) : ERR_PTR(-EBADF);
	else
		f = vfs_open_at(dfd, path, O_RDONLY |
				((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0), 0);
	if (IS_ERR(f))
		return f;
	err = !S_ISREG(f->inode->mode) ? -EACCES : inode_permission(f->inode, X_OK);
	if (err) {
		file_put(f);
		return ERR_PTR(err);
	}
	return f;
}

/*
 * `#!interp [arg]`: the new argument list is interp, [arg], the script's
 * path, then the old argv without argv[0]. *interp receives the path to
 * open next (kmalloc'd). -ENOEXEC for a line without an end or a name.
 */
static int script_args(struct exec_image *img, const char *path, char **interp)
{
	char line[EXEC_HEAD];
	char *nl = memchr(img->head, '\n', img->head_len), *name, *arg, *end;
	struct exec_strings argv = { 0 };
	const char *old = img->argv.buf;
	int err;

	if (!nl && img->head_len == EXEC_HEAD)
		return -ENOEXEC;
	end = nl ? nl : img->head + img->head_len;
	memcpy(line, img->head + 2, (size_t)(end - img->head - 2));
	line[end - img->head - 2] = '\0';
	for (name = line; *name == ' ' || *name == '\t'; name++)
		;
	for (arg = name; *arg && *arg != ' ' && *arg != '\t'; arg++)
		;
	if (arg == name)
		return -ENOEXEC;
	if (*arg)
		*arg++ = '\0';
	while (*arg == ' ' || *arg == '\t')
		arg++;
	for (end = arg + strlen(arg); end > arg && (end[-1] == ' ' || end[-1] == '\t'); )
		*--end = '\0';
	err = exec_strings_add(&argv, name, strlen(name));
	if (!err && *arg)
		err = exec_strings_add(&argv, arg, strlen(arg));
	if (!err)
		err = exec_strings_add(&argv, path, strlen(path));
	for (unsigned int i = 1; !err && i < img->argv.count; i++) {
		old += strlen(old) + 1;
		err = exec_strings_add(&argv, old, strlen(old));
	}
	if (!err && !(*interp = kstrdup(name)))
		err = -ENOMEM;
	if (err) {
		kfree(argv.buf);
		return err;
	}
	kfree(img->argv.buf);
	img->argv = argv;
	return 0;
}

/* Open `path` and load it, following up to EXEC_MAX_INTERP_DEPTH `#!`s. */
static int exec_load(struct exec_image *img, int dfd, const char *path, int flags)
{
	char *owned = NULL;
	int err;

	for (int depth = 0;; depth++) {
		img->file = exec_open(dfd, path, flags);
		if (IS_ERR(img->file)) {
			err = (int)PTR_ERR(img->file);
			img->file = NULL;
			break;
		}
		err = (int)exec_read(img, 0, img->head, EXEC_HEAD);
		if (err < 0)
			break;
		img->head_len = (size_t)err;
		if (img->head_len < 2 || img->head[0] != '#' || img->head[1] != '!') {
			err = arch_exec_load(img);
			break;
		}
		if (depth == EXEC_MAX_INTERP_DEPTH) {
			err = -ELOOP;
			break;
		}
		char *interp = NULL;

		err = script_args(img, path, &interp);
		if (err)
			break;
		file_put(img->file);
		img->file = NULL;
		kfree(owned);
		path = owned = interp;
		dfd = AT_FDCWD;
		flags = 0;
	}
	kfree(owned);
	return err;
}

/* What changes in the process once the new program is in place. */
static void exec_commit(struct task *t, const char *path, const struct exec_image *img)
{
	const char *base = strrchr(path, '/');

	process_set_exe(t->proc, img->file, img->argv.buf, img->argv.len);
	if (t->files)
		files_close_on_exec(t->files);
	sig_exec_reset(t);
	task_set_comm(t, base ? base + 1 : path);
	t->proc->did_exec = true;
	task_vfork_done(t);
}

/*
 * Load `path` into `img` (argv/envp already filled), build the stack and
 * switch the current task to the new program. Frees nothing.
 */
static long exec_run(struct exec_image *img, int dfd, const char *path, int flags)
{
	struct task *t = current;
	uint8_t random[16];
	long err;

	img->filename = path;
	err = exec_load(img, dfd, path, flags);
	if (err < 0 || !img->file)
		return err < 0 ? err : -ENOEXEC;
	arch_get_entropy(random, sizeof(random));
	err = exec_build_stack(img, t->cred->uid, t->cred->euid, t->cred->gid,
			       t->cred->egid, random);
	if (err) {
		arch_exec_abort(img);
		return err;
	}
	/* past the point of no return: the old program is gone */
	if (arch_exec_start(t, img))
		task_exit_group(SIGSEGV);
	exec_commit(t, path, img);
	return 0;
}

long exec_execve(int dfd, uaddr_t upath, uaddr_t argv, uaddr_t envp, int flags)
{
	struct exec_image img = { 0 };
	char *path;
	long err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	path = kmalloc(4096);
	if (!path)
		return -ENOMEM;
	err = arch_strncpy_from_user(path, upath, 4096);
	if (err >= 0 && !*path && !(flags & AT_EMPTY_PATH))
		err = -ENOENT;
	if (err >= 0)
		err = copy_strings(&img.argv, argv);
	if (err >= 0)
		err = copy_strings(&img.envp, envp);
	if (err >= 0)
		err = exec_run(&img, dfd, path, flags);
	if (img.file)
		file_put(img.file);
	exec_image_free(&img);
	kfree(path);
	return err;
}

long exec_kernel(const char *path, const char *const *argv, const char *const *envp)
{
	struct exec_image img = { 0 };
	long err = 0;

	for (int i = 0; !err && argv[i]; i++)
		err = exec_strings_add(&img.argv, argv[i], strlen(argv[i]));
	for (int i = 0; !err && envp[i]; i++)
		err = exec_strings_add(&img.envp, envp[i], strlen(envp[i]));
	if (!err)
		err = exec_run(&img, AT_FDCWD, path, 0);
	if (img.file)
		file_put(img.file);
	exec_image_free(&img);
	return err;
}
