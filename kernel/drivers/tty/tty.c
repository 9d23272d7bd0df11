/*
 * The tty layer above the line discipline: reading with job control,
 * writing, termios and job-control ioctls, controlling terminals.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/file.h>
#include <janux/signal.h>
#include <janux/string.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/tty.h>

/* Is SIGTTIN/SIGTTOU ignored or blocked by the caller? */
static bool sig_shunned(int sig)
{
	struct task *t = current;

	return (t->blocked & sigmask(sig)) ||
	       t->sighand->action[sig - 1].handler == SIG_IGN;
}

/* A background group reading its controlling terminal gets SIGTTIN. */
static long job_control_read(struct tty *tty)
{
	struct process *p = current->proc;

	if (p->tty != tty || !tty->pgrp || p->pgid == tty->pgrp)
		return 0;
	if (sig_shunned(SIGTTIN))
		return -EIO;
	sig_send_pgrp(p->pgid, SIGTTIN, NULL);
	return -ERESTARTSYS;
}

/* Take up to n queued input bytes; canonical reads stop after a newline. */
static size_t take_input(struct tty *tty, char *buf, size_t n)
{
	bool canon = tty->termios.c_lflag & ICANON;
	size_t got = 0;

	while (got < n && tty->in_len) {
		char c = tty->in[tty->in_head];

		tty->in_head = (tty->in_head + 1) % TTY_BUF;
		tty->in_len--;
		buf[got++] = c;
		if (canon && c == '\n')
			break;
	}
	return got;
}

ssize_t tty_read(struct tty *tty, void *buf, size_t n, bool nonblock)
{
	const struct termios_k *t = &tty->termios;
	bool canon = t->c_lflag & ICANON;
	uint64_t deadline = WAIT_FOREVER;
	long err = job_control_read(tty);

	if (err)
		return err;
	if (!canon && t->c_cc[VTIME])
		deadline = clock_monotonic_ns() + t->c_cc[VTIME] * (NSEC_PER_SEC / 10);
	for (;;) {
		if (tty->in_len)
			return (ssize_t)take_input(tty, buf, n);
		if (canon && tty->eofs) {
			tty->eofs--;
			return 0;
		}
		if (!canon && !t->c_cc[VMIN] && !t->c_cc[VTIME])
			return 0;
		if (nonblock)
			return -EAGAIN;
		err = wait_event(&tty->read_wait, tty->in_len || tty->eofs,
				 WAIT_INTERRUPTIBLE, deadline);
		if (err == -ETIMEDOUT)
			return 0;
		if (err)
			return err;
	}
}

ssize_t tty_write(struct tty *tty, const void *buf, size_t n)
{
	struct process *p = current->proc;

	if ((tty->termios.c_lflag & TOSTOP) && p->tty == tty && tty->pgrp &&
	    p->pgid != tty->pgrp && !sig_shunned(SIGTTOU)) {
		sig_send_pgrp(p->pgid, SIGTTOU, NULL);
		return -ERESTARTSYS;
	}
	tty_output(tty, buf, n);
	return (ssize_t)n;
}

long tty_set_ctty(struct tty *tty, bool steal)
{
	struct process *p = current->proc, *o;

	if (p->tty == tty)
		return 0;
	if (p->sid != p->pid || p->tty)
		return -EPERM;
	if (tty->session && tty->session != p->sid) {
		if (!steal || current->cred->euid != 0)
			return -EPERM;
		list_for_each_entry(o, &process_list, all_link)
			if (o->tty == tty)
				o->tty = NULL;
	}
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	p->tty = tty;
	return 0;
}

/* TIOCNOTTY: a session leader hangs up its foreground group and the
 * whole session loses the terminal; others just drop it. */
static long tty_notty(struct tty *tty)
{
	struct process *p = current->proc, *o;

	if (p->tty != tty)
		return -ENOTTY;
	if (p->sid != p->pid) {
		p->tty = NULL;
		return 0;
	}
	if (tty->pgrp > 0) {
		sig_send_pgrp(tty->pgrp, SIGHUP, NULL);
		sig_send_pgrp(tty->pgrp, SIGCONT, NULL);
	}
	list_for_each_entry(o, &process_list, all_link)
		if (o->sid == p->sid && o->tty == tty)
			o->tty = NULL;
	tty->session = 0;
	tty->pgrp = 0;
	return 0;
}

static long tty_set_pgrp(struct tty *tty, uaddr_t arg)
{
	struct process *p = current->proc;
	pid_t pgrp;

	if (p->tty != tty || tty->session != p->sid)
		return -ENOTTY;
	if (arch_copy_from_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_exists(pgrp, p->sid))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long tty_set_termios(struct tty *tty, unsigned int cmd, uaddr_t arg)
{
	struct termios_k t;
	bool was_canon = tty->termios.c_lflag & ICANON;

	if (arch_copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF)
		tty->in_len = tty->eofs = 0;
	tty->termios = t;
	if (was_canon && !(t.c_lflag & ICANON) && tty->line_len) {
		/* leaving canonical mode: the partial line becomes input */
		for (size_t i = 0; i < tty->line_len && tty->in_len < TTY_BUF; i++)
			tty->in[(tty->in_head + tty->in_len++) % TTY_BUF] = tty->line[i];
		tty->line_len = 0;
		wake_up_all(&tty->read_wait);
	}
	return 0;
}

void tty_resize(struct tty *tty, const struct winsize_k *ws)
{
	if (!memcmp(ws, &tty->winsize, sizeof(*ws)))
		return;
	tty->winsize = *ws;
	if (tty->pgrp > 0)
		sig_send_pgrp(tty->pgrp, SIGWINCH, NULL);
}

static long tty_set_winsize(struct tty *tty, uaddr_t arg)
{
	struct winsize_k ws;

	if (arch_copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	tty_resize(tty, &ws);
	return 0;
}

/* TCFLSH: drop typed-ahead input (output is written synchronously). */
static long tty_flush(struct tty *tty, unsigned long which)
{
	if (which > TCIOFLUSH)
		return -EINVAL;
	if (which != TCOFLUSH)
		tty->in_len = tty->eofs = tty->line_len = 0;
	return 0;
}

/* Copy a kernel value out, -EFAULT on failure. */
static long put(uaddr_t arg, const void *v, size_t n)
{
	return arch_copy_to_user(arg, v, n) ? -EFAULT : 0;
}

long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	struct process *p = current->proc;
	int n;

	switch (cmd) {
	case TCGETS:
		return put(arg, &tty->termios, sizeof(tty->termios));
	case TCSETS: case TCSETSW: case TCSETSF:
		return tty_set_termios(tty, cmd, arg);
	case TCSBRK: /* tcdrain; output never waits in a queue, no break line */
		return 0;
	case TCFLSH:
		return tty_flush(tty, arg);
	case TIOCGWINSZ:
		return put(arg, &tty->winsize, sizeof(tty->winsize));
	case TIOCSWINSZ:
		return tty_set_winsize(tty, arg);
	case TIOCGPGRP:
	case TIOCGSID:
		if (p->tty != tty)
			return -ENOTTY;
		n = cmd == TIOCGPGRP ? tty->pgrp : tty->session;
		return put(arg, &n, sizeof(n));
	case TIOCSPGRP:
		return tty_set_pgrp(tty, arg);
	case TIOCSCTTY:
		return tty_set_ctty(tty, arg == 1);
	case TIOCNOTTY:
		return tty_notty(tty);
	case FIONREAD:
		n = (int)tty->in_len;
		return put(arg, &n, sizeof(n));
	default:
		return -ENOTTY;
	}
}
