/*
 * The line discipline: input processing (ICRNL...), canonical editing
 * (erase, kill, werase, EOF), signal characters for the foreground group,
 * echo, and output processing (ONLCR).
 */
#include <janux/signal.h>
#include <janux/string.h>
#include <janux/task.h>
#include <janux/tty.h>

static const struct termios_k default_termios = {
	.c_iflag = ICRNL | IXON | IUTF8,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21,
		  [VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSTART] = 17,
		  [VSTOP] = 19, [VSUSP] = 26, [VWERASE] = 23, [VLNEXT] = 22 },
};

void tty_init(struct tty *tty, const char *name,
	      void (*out)(struct tty *, const char *, size_t))
{
	memset(tty, 0, sizeof(*tty));
	tty->name = name;
	tty->termios = default_termios;
	tty->winsize = (struct winsize_k){ 24, 80, 0, 0 };
	waitqueue_init(&tty->read_wait);
	tty->out = out;
}

void tty_output(struct tty *tty, const char *buf, size_t n)
{
	size_t start = 0;
	bool crlf = (tty->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);

	for (size_t i = 0; crlf && i < n; i++) {
		if (buf[i] == '\n') {
			tty->out(tty, buf + start, i - start);
			tty->out(tty, "\r\n", 2);
			start = i + 1;
		}
	}
	tty->out(tty, buf + start, n - start);
}

/* Echo one input character (control characters as ^X with ECHOCTL). */
static void echo_char(struct tty *tty, char c)
{
	uint32_t lf = tty->termios.c_lflag;
	char ctl[2] = { '^', (char)(c ^ 0x40) };

	if (!(lf & ECHO)) {
		if (c == '\n' && (lf & ECHONL))
			tty_output(tty, "\n", 1);
		return;
	}
	if ((lf & ECHOCTL) && (unsigned char)c < 32 && c != '\n' && c != '\t')
		tty_output(tty, ctl, 2);
	else
		tty_output(tty, &c, 1);
}

/* Queue bytes for readers. */
static void push_input(struct tty *tty, const char *buf, size_t n)
{
	for (size_t i = 0; i < n && tty->in_len < TTY_BUF; i++) {
		tty->in[(tty->in_head + tty->in_len) % TTY_BUF] = buf[i];
		tty->in_len++;
	}
	wake_up_all(&tty->read_wait);
}

/* Erase one character of the line being edited (with its echo). */
static bool erase_one(struct tty *tty)
{
	if (!tty->line_len)
		return false;
	tty->line_len--;
	if ((tty->termios.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE))
		tty_output(tty, "\b \b", 3);
	return true;
}

static void erase_word(struct tty *tty)
{
	while (tty->line_len && tty->line[tty->line_len - 1] == ' ')
		erase_one(tty);
	while (tty->line_len && tty->line[tty->line_len - 1] != ' ')
		erase_one(tty);
}

/* ISIG characters: signal the foreground group, flush, echo. */
static bool signal_char(struct tty *tty, char c)
{
	const uint8_t *cc = tty->termios.c_cc;
	int sig = 0;

	if (c == (char)cc[VINTR])
		sig = SIGINT;
	else if (c == (char)cc[VQUIT])
		sig = SIGQUIT;
	else if (c == (char)cc[VSUSP])
		sig = SIGTSTP;
	if (!sig)
		return false;
	if (!(tty->termios.c_lflag & NOFLSH)) {
		tty->line_len = 0;
		tty->in_len = 0;
	}
	echo_char(tty, c);
	if (tty->pgrp > 0)
		sig_send_pgrp(tty->pgrp, sig, NULL);
	return true;
}

/* Canonical mode: edit the line; newline, EOL and EOF complete it. */
static void canon_char(struct tty *tty, char c)
{
	const uint8_t *cc = tty->termios.c_cc;

	if (c == (char)cc[VERASE] || c == '\b') {
		erase_one(tty);
	} else if (c == (char)cc[VKILL]) {
		while (erase_one(tty))
			;
	} else if (c == (char)cc[VWERASE] && (tty->termios.c_lflag & IEXTEN)) {
		erase_word(tty);
	} else if (c == (char)cc[VEOF]) {
		if (!tty->line_len)
			tty->eofs++;
		push_input(tty, tty->line, tty->line_len);
		tty->line_len = 0;
	} else if (c == '\n' || (cc[VEOL] && c == (char)cc[VEOL])) {
		echo_char(tty, c);
		if (tty->line_len < TTY_BUF)
			tty->line[tty->line_len++] = c;
		push_input(tty, tty->line, tty->line_len);
		tty->line_len = 0;
	} else if (tty->line_len < TTY_BUF - 1) {
		echo_char(tty, c);
		tty->line[tty->line_len++] = c;
	}
}

void tty_receive(struct tty *tty, const char *buf, size_t n)
{
	const struct termios_k *t = &tty->termios;

	for (size_t i = 0; i < n; i++) {
		char c = buf[i];

		if (c == '\r' && (t->c_iflag & IGNCR))
			continue;
		if (c == '\r' && (t->c_iflag & ICRNL))
			c = '\n';
		else if (c == '\n' && (t->c_iflag & INLCR))
			c = '\r';
		if ((t->c_lflag & ISIG) && signal_char(tty, c))
			continue;
		if (t->c_lflag & ICANON) {
			canon_char(tty, c);
		} else {
			echo_char(tty, c);
			push_input(tty, &c, 1);
		}
	}
}
