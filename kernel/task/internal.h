/* Helpers shared by the files of kernel/task/ (not a public interface). */
#ifndef KERNEL_TASK_INTERNAL_H
#define KERNEL_TASK_INTERNAL_H

#include <janux/task.h>

/* Set up a fresh process object with pid `pid` and put it on the list. */
void process_init(struct process *p, pid_t pid);

/*
 * Free what tasks and processes that finished earlier left behind (their
 * arch state could not be released while they still ran). Kernel lock.
 */
void task_reap_dead(void);

/* Queue a dead non-leader thread / an autoreaped process for freeing. */
void task_bury(struct task *t);
void process_bury(struct process *p);

/* Free a reaped process and every task record it still holds. */
void process_release(struct process *p);

/* Tell p's parent about a state change: SIGCHLD and a wake of its waiters. */
void process_notify_parent(struct process *p, int code, int status);

/* A thread of p that has not exited (holds the handlers), or NULL. */
struct task *process_live_thread(const struct process *p);

#endif
