/* kernel/exec: argument copying, #! scripts, the stack layout, exec effects. */
#include <string.h>

#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/fs_struct.h>
#include <janux/pipe.h>
#include <janux/vfs.h>
#include "ktest.h"
#include "task/fixture.h"

enum { NR_execve = 221, NR_execveat = 281 };

static void boot_with_fs(void)
{
	KT_ASSERT(vfs_init(true) == 0);
	init_task = task_create_init(fs_struct_alloc(), files_alloc());
}

static void make_file(const char *path, const char *text, mode_t mode)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_CREAT | O_WRONLY, mode);

	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT(vfs_write(f, text, strlen(text), NULL) == (ssize_t)strlen(text));
	file_put(f);
}

static uaddr_t ustr(const char *s)
{
	uaddr_t u = host_user_alloc(strlen(s) + 1);

	memcpy(host_user_ptr(u), s, strlen(s) + 1);
	return u;
}

/* A user NULL-terminated vector of strings. */
static uaddr_t uvec(const char **v)
{
	int n = 0;

	while (v[n])
		n++;
	uaddr_t u = host_user_alloc((size_t)(n + 1) * sizeof(long));
	unsigned long *w = host_user_ptr(u);

	for (int i = 0; i < n; i++)
		w[i] = ustr(v[i]);
	w[n] = 0;
	return u;
}

/* Word i of the new stack (word size of the loaded image). */
static uint64_t sw(int i)
{
	unsigned char *p = host_user_ptr(host_exec.sp + (uaddr_t)i * host_exec.word_size);
	uint64_t v = 0;

	memcpy(&v, p, host_exec.word_size);
	return v;
}

static const char *sstr(uint64_t addr)
{
	return host_user_ptr((uaddr_t)addr);
}

/* The value of auxv entry `type` (starting after envp's NULL at word i). */
static uint64_t aux(int i, uint64_t type)
{
	for (; sw(i) != AT_NULL; i += 2)
		if (sw(i) == type)
			return sw(i + 1);
	return (uint64_t)-1;
}

static void check_layout(void)
{
	int i;

	KT_EQ_INT(host_exec.sp % 16, 0);
	KT_EQ_INT(sw(0), 2);
	KT_EQ_STR(sstr(sw(1)), "prog");
	KT_EQ_STR(sstr(sw(2)), "-x");
	KT_EQ_INT(sw(3), 0);
	KT_EQ_STR(sstr(sw(4)), "A=1");
	KT_EQ_INT(sw(5), 0);
	i = 6;
	KT_EQ_INT(aux(i, AT_PAGESZ), 4096);
	KT_EQ_INT(aux(i, AT_ENTRY), 0x400000);
	KT_EQ_INT(aux(i, AT_PHNUM), 3);
	KT_EQ_INT(aux(i, AT_UID), 0);
	KT_EQ_INT(aux(i, AT_SECURE), 0);
	KT_EQ_STR(sstr(aux(i, AT_EXECFN)), "/bin/prog");
	KT_EXPECT(aux(i, AT_RANDOM) > host_exec.sp);
	KT_EXPECT(aux(i, AT_RANDOM) + 16 <= HOST_USER_BASE + HOST_USER_SIZE);
}

KTEST(exec, stack_layout_lp64)
{
	const char *argv[] = { "prog", "-x", NULL }, *envp[] = { "A=1", NULL };

	boot_with_fs();
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/bin", 0755) == 0);
	make_file("/bin/prog", "HOSTEXE8 program", 0755);
	KT_EQ_INT(SYS3(NR_execve, ustr("/bin/prog"), uvec(argv), uvec(envp)), 0);
	KT_EQ_INT(host_exec.word_size, 8);
	check_layout();
	KT_EQ_STR(init_task->comm, "prog");
}

KTEST(exec, stack_layout_ilp32)
{
	const char *argv[] = { "prog", "-x", NULL }, *envp[] = { "A=1", NULL };

	boot_with_fs();
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/bin", 0755) == 0);
	make_file("/bin/prog", "HOSTEXE4", 0755);
	KT_EQ_INT(SYS3(NR_execve, ustr("/bin/prog"), uvec(argv), uvec(envp)), 0);
	KT_EQ_INT(host_exec.word_size, 4);
	check_layout();
}

KTEST(exec, shebang_rewrites_argv)
{
	const char *argv[] = { "s.sh", "x", NULL };

	boot_with_fs();
	make_file("/prog", "HOSTEXE8", 0755);
	make_file("/s.sh", "#!  /prog  -a b \necho hi\n", 0755);
	KT_EQ_INT(SYS3(NR_execve, ustr("/s.sh"), uvec(argv), 0), 0);
	KT_EQ_INT(sw(0), 4);
	KT_EQ_STR(sstr(sw(1)), "/prog");
	KT_EQ_STR(sstr(sw(2)), "-a b");
	KT_EQ_STR(sstr(sw(3)), "/s.sh");
	KT_EQ_STR(sstr(sw(4)), "x");
	KT_EQ_INT(sw(5), 0);
}

KTEST(exec, errors)
{
	const char *argv[] = { "x", NULL };
	static char big[MAX_ARG_STRLEN + 2];

	boot_with_fs();
	make_file("/loop", "#!/loop\n", 0755);
	make_file("/text", "just text\n", 0755);
	make_file("/bad", "HOSTBAD!", 0755);
	make_file("/noint", "#!\n", 0755);
	KT_EQ_INT(SYS3(NR_execve, ustr("/loop"), uvec(argv), 0), -ELOOP);
	KT_EQ_INT(SYS3(NR_execve, ustr("/text"), uvec(argv), 0), -ENOEXEC);
	KT_EQ_INT(SYS3(NR_execve, ustr("/noint"), uvec(argv), 0), -ENOEXEC);
	KT_EQ_INT(SYS3(NR_execve, ustr("/bad"), uvec(argv), 0), -EIO);
	KT_EQ_INT(SYS3(NR_execve, ustr("/missing"), uvec(argv), 0), -ENOENT);
	KT_EQ_INT(SYS3(NR_execve, ustr("/"), uvec(argv), 0), -EACCES);
	KT_EQ_INT(SYS3(NR_execve, ustr(""), uvec(argv), 0), -ENOENT);
	KT_EQ_INT(SYS3(NR_execve, ustr("/text"), 8, 0), -EFAULT);
	KT_EQ_INT(sys(NR_execveat, (unsigned long)AT_FDCWD, ustr("/text"), 0, 0, 0x4, 0), -EINVAL);
	memset(big, 'a', MAX_ARG_STRLEN + 1);
	big[MAX_ARG_STRLEN + 1] = '\0';
	const char *bigv[] = { big, NULL };
	KT_EQ_INT(SYS3(NR_execve, ustr("/text"), uvec(bigv), 0), -E2BIG);
	KT_EQ_INT(host_exec.starts, 0);
}

KTEST(exec, closes_cloexec_and_resets_handlers)
{
	struct file *rd, *wr;
	int keep, gone;

	boot_with_fs();
	make_file("/prog", "HOSTEXE8", 0755);
	KT_ASSERT(pipe_create(0, &rd, &wr) == 0);
	keep = fd_install(init_task->files, rd, 0, false);
	gone = fd_install(init_task->files, wr, 0, true);
	init_task->sighand->action[SIGINT - 1].handler = 0x4000;
	init_task->sighand->action[SIGQUIT - 1].handler = SIG_IGN;
	KT_EQ_INT(sys(NR_execveat, (unsigned long)AT_FDCWD, ustr("/prog"), 0, 0, 0, 0), 0);
	KT_EXPECT(!IS_ERR(fget(keep)));
	KT_EXPECT(fget(gone) == ERR_PTR(-EBADF));
	KT_EQ_INT(init_task->sighand->action[SIGINT - 1].handler, SIG_DFL);
	KT_EQ_INT(init_task->sighand->action[SIGQUIT - 1].handler, SIG_IGN);
	KT_EXPECT(init_task->proc->did_exec);
	KT_EQ_INT(sw(0), 0); /* argc 0 with a NULL argv */
}

KTEST(exec, execveat_empty_path_runs_the_open_file)
{
	struct file *f;
	int fd;

	boot_with_fs();
	make_file("/prog", "HOSTEXE8", 0755);
	f = vfs_open_at(AT_FDCWD, "/prog", O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	fd = fd_install(init_task->files, f, 0, false);
	KT_EQ_INT(sys(NR_execveat, (unsigned long)fd, ustr(""), 0, 0, AT_EMPTY_PATH, 0), 0);
	KT_EQ_INT(host_exec.starts, 1);
	KT_EQ_INT(sys(NR_execveat, 77, ustr(""), 0, 0, AT_EMPTY_PATH, 0), -EBADF);
}
