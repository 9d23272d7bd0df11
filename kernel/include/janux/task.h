/*
 * Tasks and processes. Each user thread is a struct task; the tasks of one
 * process (a thread group, CLONE_THREAD) share a struct process holding the
 * pid, the family links, the process group and session, rlimits, shared
 * pending signals and the exit status. Tasks sharing memory, files or the
 * fs context do so through the arch (CLONE_VM) and kernel/fs (files, fs).
 * Everything here is protected by the kernel lock.
 */
#ifndef JANUX_TASK_H
#define JANUX_TASK_H

#include <janux/cred.h>
#include <janux/list.h>
#include <janux/signal.h>
#include <janux/timer.h>
#include <janux/types.h>
#include <janux/wait.h>

struct fs_struct;    /* root, cwd, umask: kernel/fs */
struct files_struct; /* descriptor table: kernel/fs */
struct tty;
struct file;

#define PID_MAX 32768   /* pids are 1 .. PID_MAX-1, as Linux's default */
#define TASK_COMM_LEN 16

enum task_state {
	TASK_RUNNING,         /* in user mode or kernel, not sleeping */
	TASK_INTERRUPTIBLE,   /* in arch_task_wait(); signals wake it */
	TASK_UNINTERRUPTIBLE, /* in arch_task_wait(); only its event wakes it */
	TASK_STOPPED,         /* job-control stop; SIGCONT/SIGKILL wake it */
	TASK_DEAD,            /* went through arch_task_exit() */
};

/* Resource limits (asm-generic numbering). */
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)

struct rlimit64 {
	uint64_t cur, max;
};

/* A process: a thread group and what its threads share. */
struct process {
	pid_t pid;                  /* the thread group id (leader's tid) */
	pid_t pgid, sid;
	struct process *parent;     /* NULL only for init */
	struct list_head children;  /* struct process, via sibling */
	struct list_head sibling;
	struct list_head threads;   /* struct task, via thread_link */
	struct list_head all_link;  /* every process */
	int live_threads;           /* tasks not yet through task_exit */
	int exit_signal;            /* sent to the parent at exit (CSIGNAL) */
	bool did_exec;              /* setpgid on it by the parent: -EACCES */
	bool exiting;               /* exit_group / fatal signal under way */
	bool zombie;                /* every thread gone, waiting for wait() */
	int exit_status;            /* wait status once exiting (W* encoding) */
	int stop_sig;               /* group stop: the signal, 0 when running */
	bool stop_report;           /* a stop not yet reported (WUNTRACED) */
	bool cont_report;           /* a continue not yet reported (WCONTINUED) */
	sigset_k shared_pending;
	struct siginfo_k shared_info[NSIG];
	struct waitqueue child_wait; /* wait4/waitid of this process sleep here */
	struct rlimit64 rlim[RLIM_NLIMITS];
	struct ktimer itimer_real;  /* ITIMER_REAL / alarm */
	uint64_t itimer_real_interval_ns;
	struct tty *tty;            /* controlling terminal or NULL */
	uint64_t start_ns;          /* monotonic */
	uint64_t utime_ns, stime_ns;   /* of exited threads */
	uint64_t cutime_ns, cstime_ns; /* of reaped children */
	struct file *exe;           /* the program exec'd (referenced) or NULL */
	char *cmdline;              /* its argv, "a\0b\0", at most a page */
	size_t cmdline_len;
};

struct task {
	pid_t tid;
	struct cred *cred;          /* this task's own copy */
	struct fs_struct *fs;
	struct files_struct *files;
	struct process *proc;
	struct sighand *sighand;
	enum task_state state;
	sigset_k blocked;
	sigset_k pending;           /* thread-directed */
	struct siginfo_k pending_info[NSIG];
	sigset_k saved_mask;        /* rt_sigsuspend: restored after delivery */
	bool restore_mask;
	uaddr_t altstack_sp;        /* sigaltstack; size 0: none */
	size_t altstack_size;
	uaddr_t set_child_tid;      /* CLONE_CHILD_SETTID */
	uaddr_t clear_child_tid;    /* CLONE_CHILD_CLEARTID / set_tid_address */
	struct list_head thread_link;
	struct list_head hash_link;
	struct task *vfork_parent;  /* CLONE_VFORK: woken at exec or exit */
	bool vfork_waiting;         /* this task sleeps until its child execs */
	char comm[TASK_COMM_LEN];
	uint64_t utime_ns, stime_ns;
	uint64_t start_ns;
	struct {                    /* -ERESTART_RESTARTBLOCK: how to resume */
		bool active;        /* the next syscall is that call, restarted */
		uint64_t deadline;  /* a relative sleep's end (monotonic ns) */
	} restart_block;
	void *arch;                 /* the arch's per-task state */
};

/*
 * The task running on this CPU (aarch64) or worker (wasm32); NULL during
 * early boot. Provided by the arch: a per-CPU variable or a per-instance
 * thread-local.
 */
struct task *arch_current(void);

/* Make `t` the running task of this CPU/worker (context switch, boot). */
void arch_set_current(struct task *t);

#define current (arch_current())

/* ---- kernel/task/pid.c ---- */

/*
 * A free pid for a new task: the next number after the last one handed
 * out (wrapping to 300 past PID_MAX-1, as Linux) that is not a live tid,
 * pid, process group or session id. Returns -EAGAIN when none is left.
 */
pid_t pid_alloc(void);

/* The pid handed out last (/proc/loadavg), 0 before the first. */
pid_t pid_last(void);

/* The task with thread id `tid`, or NULL. */
struct task *task_by_tid(pid_t tid);

/* The (not reaped) process with pid `pid`, or NULL. */
struct process *process_by_pid(pid_t pid);

/* Add / remove a task in the tid table. */
void pid_hash_add(struct task *t);
void pid_hash_del(struct task *t);

/* Every live or zombie process, for iteration (all_link). */
extern struct list_head process_list;

/* True when some process has process group `pgid` (in session `sid` when
 * sid > 0). */
bool pgrp_exists(pid_t pgid, pid_t sid);

/* ---- kernel/task/task.c ---- */

/*
 * Create pid 1's task and process with root credentials, default rlimits
 * and `fs`/`files` (may be NULL), and make it current. Boot only.
 */
struct task *task_create_init(struct fs_struct *fs, struct files_struct *files);

/* Free a task that is no longer in any list (arch state released). */
void task_free(struct task *t);

/* Set / read the task's name (prctl PR_SET_NAME, exec). */
void task_set_comm(struct task *t, const char *name);

/*
 * CPU time accounting, called by the arch when it knows how long `t` ran
 * in user mode and in the kernel (at kernel entry/exit or on a tick).
 * Feeds CLOCK_*_CPUTIME_ID, times(2), getrusage(2) and wait4's rusage.
 * Kernel lock held.
 */
void task_account_time(struct task *t, uint64_t user_ns, uint64_t system_ns);

/* Write a struct rusage with these times (other fields 0) to user
 * memory; ru 0 writes nothing. 0 or -EFAULT. kernel/sys/misc.c. */
long rusage_to_user(uaddr_t ru, uint64_t utime_ns, uint64_t stime_ns);

/* Number of tasks whose real uid is `uid`, zombies included until they
 * are reaped, as Linux counts for RLIMIT_NPROC. */
int task_count_user(uid_t uid);

/*
 * ITIMER_REAL expiry of a process (p->itimer_real's callback): SIGALRM,
 * then re-arm by the interval. kernel/sched/itimer.c.
 */
void itimer_real_fire(struct ktimer *kt);

/* ---- kernel/task/exe.c: what /proc shows of the program ---- */

#define PROC_CMDLINE_MAX 4096 /* bytes of argv kept for /proc/<pid>/cmdline */

/*
 * Record p's program: `exe` (a reference is taken; NULL: none) and the
 * packed argument strings args[0..len) (cut to PROC_CMDLINE_MAX; without
 * memory the copy is simply empty). Replaces what p had. exec and fork.
 */
void process_set_exe(struct process *p, struct file *exe, const char *args, size_t len);

/* Forget p's program (zombie, release). */
void process_drop_exe(struct process *p);

/* ---- kernel/task/fork.c ---- */

#define CLONE_VM 0x00000100ul
#define CLONE_FS 0x00000200ul
#define CLONE_FILES 0x00000400ul
#define CLONE_SIGHAND 0x00000800ul
#define CLONE_PIDFD 0x00001000ul
#define CLONE_PTRACE 0x00002000ul
#define CLONE_VFORK 0x00004000ul
#define CLONE_PARENT 0x00008000ul
#define CLONE_THREAD 0x00010000ul
#define CLONE_NEWNS 0x00020000ul
#define CLONE_SYSVSEM 0x00040000ul
#define CLONE_SETTLS 0x00080000ul
#define CLONE_PARENT_SETTID 0x00100000ul
#define CLONE_CHILD_CLEARTID 0x00200000ul
#define CLONE_DETACHED 0x00400000ul
#define CLONE_UNTRACED 0x00800000ul
#define CLONE_CHILD_SETTID 0x01000000ul
#define CSIGNAL 0x000000fful

/*
 * clone(2) for the current task: validate `flags` as Linux does (-EINVAL
 * for CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM,
 * CLONE_FS with CLONE_NEWNS...; namespaces and pidfd are -EINVAL here),
 * enforce RLIMIT_NPROC (-EAGAIN; root exempt), create the task (and a new
 * process unless CLONE_THREAD), let the arch copy the user context, write
 * the tids CLONE_PARENT_SETTID/CHILD_SETTID ask for, and start it.
 * CLONE_VFORK makes the parent sleep until the child execs or exits.
 * Returns the child's tid or -errno.
 */
long task_clone(unsigned long flags, uaddr_t stack, uaddr_t ptid,
		uaddr_t tls, uaddr_t ctid);

/* ---- kernel/task/exit.c ---- */

/*
 * End the current task with wait status `status` (W* encoding: exit code
 * << 8, or the signal number | 0x80 for a core dump). The last thread of a
 * process turns it into a zombie, reparents its children to init and
 * notifies its parent (SIGCHLD, or autoreaping when the parent ignores
 * SIGCHLD / SA_NOCLDWAIT). Never returns.
 */
__noreturn void task_exit(int status);

/*
 * exit_group / fatal signal: make every thread of the current process exit
 * with `status` (first caller wins), then exit. Never returns.
 */
__noreturn void task_exit_group(int status);

/* Wake the current process's vfork parent, if it waits (exec or exit). */
void task_vfork_done(struct task *t);

/* ---- kernel/task/reap.c: wait4 / waitid ---- */

/* Option bits: <janux/waitflags.h>. */

/* What a successful wait found. */
struct wait_result {
	pid_t pid;
	uid_t uid;
	int status;  /* wait4's status word */
	int code;    /* CLD_* for waitid */
	int si_status;
	uint64_t utime_ns, stime_ns;
};

/*
 * Wait for a child of the current process selected by (idtype, id) to
 * change state as `options` ask. Returns the child's pid with *res filled,
 * 0 under WNOHANG when no child is ready, -ECHILD when no child matches,
 * -ERESTARTSYS when interrupted, -EINVAL for bad options.
 */
long task_wait(int idtype, pid_t id, int options, struct wait_result *res);

/* ---- kernel/task/pgrp.c ---- */

/* setpgid/getpgid/getsid/setsid as Linux; -ESRCH -EPERM -EINVAL -EACCES. */
long task_setpgid(pid_t pid, pid_t pgid);
long task_getpgid(pid_t pid);
long task_getsid(pid_t pid);
long task_setsid(void);

/*
 * True when process group `pgid` is orphaned (POSIX): no member other
 * than `ignore` has a parent, other than `ignore`, in another group of
 * the same session. Stop signals from the terminal do not stop such a
 * group.
 */
bool pgrp_orphaned(pid_t pgid, const struct process *ignore);

/*
 * Process `p` is exiting: groups it leaves orphaned (its own, its
 * children's) that hold stopped processes get SIGHUP then SIGCONT.
 */
void pgrp_exit_orphans(struct process *p);

/* ---- kernel/task/rlimit.c ---- */

/* Default limits for the first process. */
void rlimit_init_defaults(struct rlimit64 *rl);

/*
 * prlimit64 on process `p`: old (may be NULL) receives the current value,
 * new (may be NULL) replaces it. -EINVAL (resource, cur > max), -EPERM
 * (raising max without privilege; acting on another user's process).
 */
long rlimit_get_set(struct process *p, unsigned int resource,
		    const struct rlimit64 *new_lim, struct rlimit64 *old);

/* ---- kernel/task/cred.c ---- */

/* The setuid family with Linux semantics (-EPERM, -EINVAL). (uid_t)-1
 * means "unchanged" where Linux allows it. */
long cred_setuid(uid_t uid);
long cred_setgid(gid_t gid);
long cred_setreuid(uid_t ruid, uid_t euid);
long cred_setregid(gid_t rgid, gid_t egid);
long cred_setresuid(uid_t ruid, uid_t euid, uid_t suid);
long cred_setresgid(gid_t rgid, gid_t egid, gid_t sgid);
/* setfsuid/setfsgid return the previous value, change only if allowed. */
long cred_setfsuid(uid_t fsuid);
long cred_setfsgid(gid_t fsgid);
/* Replace the supplementary groups (-EPERM unless root, -EINVAL if too
 * many). */
long cred_setgroups(unsigned int n, const gid_t *groups);

#endif
