/*
 * Signals: numbers, sets, actions and siginfo as Linux's generic ABI, plus
 * the core's sending and delivery API (kernel/signal/).
 */
#ifndef JANUX_SIGNAL_H
#define JANUX_SIGNAL_H

#include <janux/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define NSIG 64 /* signals 1..64 */

typedef uint64_t sigset_k;

#define sigmask(sig) ((sigset_k)1 << ((sig) - 1))
#define SIG_UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* sa_handler special values (as user addresses). */
#define SIG_DFL ((uaddr_t)0)
#define SIG_IGN ((uaddr_t)1)

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* A signal action as the kernel keeps it (user ABI: struct sigaction_user). */
struct sigaction_k {
	uaddr_t handler;
	unsigned long flags;
	uaddr_t restorer;
	sigset_k mask;
};

/*
 * siginfo as the kernel keeps it; copied to user space as Linux's 128-byte
 * siginfo_t (siginfo_to_user lays it out for the word size).
 */
struct siginfo_k {
	int signo;
	int code;
	int errno_;
	pid_t pid;        /* sender / child */
	uid_t uid;
	int status;       /* SIGCHLD: exit status or signal */
	uaddr_t addr;     /* faults */
	long utime, stime;
};

#define SIGINFO_SIZE 128

/*
 * Write `info` in the user siginfo_t layout of this word size into the
 * SIGINFO_SIZE bytes at `out` (kill: pid, uid; SIGCHLD: pid, uid, status,
 * utime, stime; faults: addr).
 */
void siginfo_to_bytes(const struct siginfo_k *info, void *out);

/* Shared signal handlers (CLONE_SIGHAND shares one). */
struct sighand {
	int refs;
	struct sigaction_k action[NSIG];
};

struct task;
struct process;

/* The default action of each signal. */
enum sig_default { SIGDFL_TERM, SIGDFL_CORE, SIGDFL_STOP, SIGDFL_CONT, SIGDFL_IGN };
enum sig_default sig_default_action(int sig);

/* True when `t` has a pending signal that will kill it: SIGKILL, or an
 * unblocked one whose action is the default "terminate" or "core". */
bool sig_fatal_pending(const struct task *t);

/* True when a signal the task does not block is pending for it. */
bool signal_pending(const struct task *t);

/*
 * Take the lowest-numbered signal in `set` pending for `t` (its own queue
 * first, then its process's), copying its siginfo into *info. Returns the
 * signal, or 0 when none in `set` is pending. Kernel lock held.
 */
int sig_dequeue(struct task *t, sigset_k set, struct siginfo_k *info);

/*
 * Send `sig` to process `p` (process-directed, any of its threads may take
 * it) with `info` (NULL: SI_KERNEL). Applies the side effects of
 * generation as Linux: SIGCONT resumes a stopped process and discards
 * pending stop signals; a stop signal discards pending SIGCONT; an ignored
 * signal is discarded (unless blocked); a thread that can take it is
 * woken. sig 0 does nothing. Kernel lock held.
 */
void sig_send_process(struct process *p, int sig, const struct siginfo_k *info);

/* Send `sig` to one thread (tkill/tgkill, faults). Kernel lock held. */
void sig_send_task(struct task *t, int sig, const struct siginfo_k *info);

/*
 * Send to every process of group `pgid` (tty signals, kill(-pgid)).
 * Returns the number of processes signalled.
 */
int sig_send_pgrp(pid_t pgid, int sig, const struct siginfo_k *info);

/*
 * May the current task send `sig` to process `p`? (root, or real/effective
 * uid matching the target's real/saved uid, or SIGCONT in one session.)
 */
bool sig_may_send(const struct process *p, int sig);

/* A new sighand with every action SIG_DFL (refs 1), or NULL. */
struct sighand *sighand_alloc(void);
/* Drop a reference; frees on the last. */
void sighand_put(struct sighand *sh);

/*
 * On exec: handled signals go back to SIG_DFL (ignored stay ignored), a
 * shared sighand is unshared. Returns 0 or -ENOMEM.
 */
int sig_exec_reset(struct task *t);

#endif
