/* kernel/drivers/tty: line discipline, termios, job control, console. */
#include <string.h>

#include <janux/errno.h>
#include <janux/tty.h>
#include "ktest.h"
#include "task/fixture.h"

static struct tty tty;
static char echoed[4096];
static size_t echoed_len;

static void capture(struct tty *t, const char *buf, size_t n)
{
	memcpy(echoed + echoed_len, buf, n);
	echoed_len += n;
	echoed[echoed_len] = '\0';
}

static void setup(void)
{
	boot_init();
	tty_init(&tty, "test", capture);
	echoed_len = 0;
}

static void type(const char *s)
{
	tty_receive(&tty, s, strlen(s));
}

static long rd(char *buf, size_t n)
{
	long r = tty_read(&tty, buf, n, true);

	if (r >= 0)
		buf[r] = '\0';
	return r;
}

KTEST(tty, canonical_editing_and_echo)
{
	char buf[64];

	setup();
	type("ab\x7f");
	KT_EQ_INT(rd(buf, 63), -EAGAIN); /* no complete line yet */
	type("c\r");                     /* ICRNL */
	KT_EQ_INT(rd(buf, 63), 3);
	KT_EQ_STR(buf, "ac\n");
	KT_EQ_STR(echoed, "ab\b \bc\r\n");
	type("one two\x17three\n");      /* ^W erases "two" */
	KT_EQ_INT(rd(buf, 63), 10);
	KT_EQ_STR(buf, "one three\n");
	type("gone\x15kept\n");          /* ^U kills the line */
	KT_EQ_INT(rd(buf, 63), 5);
	KT_EQ_STR(buf, "kept\n");
}

KTEST(tty, one_line_per_read_and_short_buffers)
{
	char buf[64];

	setup();
	type("a\nbc\n");
	KT_EQ_INT(rd(buf, 63), 2);
	KT_EQ_INT(rd(buf, 1), 1);
	KT_EQ_STR(buf, "b");
	KT_EQ_INT(rd(buf, 63), 2);
	KT_EQ_STR(buf, "c\n");
}

KTEST(tty, eof_character)
{
	char buf[64];

	setup();
	type("xy\x04");
	KT_EQ_INT(rd(buf, 63), 2);
	KT_EQ_STR(buf, "xy");
	type("\x04");
	KT_EQ_INT(rd(buf, 63), 0);
	KT_EQ_INT(rd(buf, 63), -EAGAIN);
}

KTEST(tty, signal_characters_go_to_the_foreground_group)
{
	char buf[8];

	setup();
	tty.pgrp = 1;
	type("abc\x03");
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGINT));
	KT_EQ_STR(echoed, "abc^C");
	type("\n");
	KT_EQ_INT(rd(buf, 7), 1); /* the partial line was flushed */
	type("\x1c");
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGQUIT));
	type("\x1a");
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGTSTP));
}

KTEST(tty, raw_mode_through_tcsets)
{
	uaddr_t u = host_user_alloc(sizeof(struct termios_k));
	struct termios_k *t = host_user_ptr(u);
	char buf[8];

	setup();
	KT_EQ_INT(tty_ioctl(&tty, TCGETS, u), 0);
	KT_EXPECT(t->c_lflag & ICANON);
	KT_EQ_INT(t->c_cc[VINTR], 3);
	type("pa");                      /* partial canonical line */
	t->c_lflag &= ~(ICANON | ECHO | ISIG);
	KT_EQ_INT(tty_ioctl(&tty, TCSETS, u), 0);
	KT_EQ_INT(rd(buf, 7), 2);        /* the partial line became input */
	type("\x03q");
	KT_EQ_INT(rd(buf, 7), 2);
	KT_EQ_STR(buf, "\x03q");
	t->c_cc[VMIN] = 0;
	t->c_cc[VTIME] = 0;
	KT_EQ_INT(tty_ioctl(&tty, TCSETSF, u), 0);
	KT_EQ_INT(tty_read(&tty, buf, 7, false), 0); /* polling read */
	KT_EQ_INT(tty_ioctl(&tty, TCSETS, 8), -EFAULT);
}

static long result;
static void reader(void *arg)
{
	char buf[16];

	result = tty_read(&tty, buf, sizeof(buf), false);
}

KTEST(tty, tcflush_drops_input_and_tcdrain_succeeds)
{
	char buf[64];

	setup();
	type("one\ntwo\npartial");
	KT_EQ_INT(tty_ioctl(&tty, TCFLSH, TCOFLUSH), 0); /* input stays */
	KT_EQ_INT(tty_ioctl(&tty, TCFLSH, 3), -EINVAL);
	KT_EQ_INT(rd(buf, 63), 4);
	KT_EQ_INT(tty_ioctl(&tty, TCFLSH, TCIFLUSH), 0);
	KT_EQ_INT(rd(buf, 63), -EAGAIN);
	type("x\n");
	KT_EQ_INT(rd(buf, 63), 2); /* the partial line went too */
	KT_EQ_STR(buf, "x\n");
	KT_EQ_INT(tty_ioctl(&tty, TCSBRK, 1), 0);
}

KTEST(tty, blocked_reader_wakes_on_a_line)
{
	setup();
	result = 99;
	host_task_run(init_task, reader, NULL);
	KT_EQ_INT(result, 99);
	type("hi");
	host_run_others();
	KT_EQ_INT(result, 99);
	type("\n");
	host_run_others();
	KT_EQ_INT(result, 3);
}

KTEST(tty, controlling_terminal_and_job_control)
{
	uaddr_t u = host_user_alloc(8);
	struct task *a;
	char buf[8];

	setup();
	a = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, tty_ioctl(&tty, TIOCSCTTY, 0)), -EPERM); /* not a leader */
	KT_EQ_INT(tty_ioctl(&tty, TIOCGPGRP, u), -ENOTTY);
	KT_EQ_INT(tty_ioctl(&tty, TIOCSCTTY, 0), 0);
	KT_EQ_INT(tty_ioctl(&tty, TIOCGPGRP, u), 0);
	KT_EQ_INT(*(int *)host_user_ptr(u), 1);
	/* a forked child inherits it; in its own group it is background */
	a = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, task_setpgid(0, 0)), 0);
	KT_EQ_INT(AS(a, tty_read(&tty, buf, 8, true)), -ERESTARTSYS);
	KT_EXPECT(a->proc->shared_pending & sigmask(SIGTTIN));
	a->blocked = sigmask(SIGTTIN);
	KT_EQ_INT(AS(a, tty_read(&tty, buf, 8, true)), -EIO);
	/* the shell hands the terminal to the child's group */
	*(int *)host_user_ptr(u) = a->tid;
	KT_EQ_INT(tty_ioctl(&tty, TIOCSPGRP, u), 0);
	KT_EQ_INT(AS(a, tty_read(&tty, buf, 8, true)), -EAGAIN);
	*(int *)host_user_ptr(u) = 4242;
	KT_EQ_INT(tty_ioctl(&tty, TIOCSPGRP, u), -EPERM);
	*(int *)host_user_ptr(u) = -3;
	KT_EQ_INT(tty_ioctl(&tty, TIOCSPGRP, u), -EINVAL);
	KT_EQ_INT(tty_ioctl(&tty, 0x1234, u), -ENOTTY);
}

KTEST(tty, winsize_change_sends_sigwinch)
{
	uaddr_t u = host_user_alloc(8);
	struct winsize_k *ws = host_user_ptr(u);

	setup();
	init_task->sighand->action[SIGWINCH - 1].handler = 0x4000;
	KT_EQ_INT(tty_ioctl(&tty, TIOCSCTTY, 0), 0);
	KT_EQ_INT(tty_ioctl(&tty, TIOCGWINSZ, u), 0);
	KT_EQ_INT(ws->ws_row, 24);
	KT_EQ_INT(tty_ioctl(&tty, TIOCSWINSZ, u), 0); /* unchanged: no signal */
	KT_EXPECT(!(init_task->proc->shared_pending & sigmask(SIGWINCH)));
	ws->ws_col = 132;
	KT_EQ_INT(tty_ioctl(&tty, TIOCSWINSZ, u), 0);
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGWINCH));
	KT_EQ_INT(tty.winsize.ws_col, 132);
}

KTEST(tty, notty_by_the_session_leader_hangs_up)
{
	setup();
	KT_EQ_INT(tty_ioctl(&tty, TIOCNOTTY, 0), -ENOTTY);
	KT_EQ_INT(tty_ioctl(&tty, TIOCSCTTY, 0), 0);
	KT_EQ_INT(tty_ioctl(&tty, TIOCNOTTY, 0), 0);
	KT_EXPECT(init_task->proc->shared_pending & sigmask(SIGHUP));
	KT_EXPECT(init_task->proc->tty == NULL);
	KT_EQ_INT(tty.session, 0);
}

KTEST(tty, console_input_echoes_on_the_console)
{
	char buf[16];

	boot_init();
	KT_EQ_INT(tty_console_init(), 0);
	host_console_reset();
	tty_console_input("ls\r", 3);
	KT_EQ_STR(host_console_text(), "ls\r\n");
	KT_EQ_INT(tty_read(&console_tty, buf, sizeof(buf), true), 3);
	tty_output(&console_tty, "a\nb", 3);
	KT_EQ_STR(host_console_text(), "ls\r\na\r\nb");
}
