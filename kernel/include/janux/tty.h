/*
 * Terminals: a tty with its termios, window size, line discipline state
 * and job-control links (session, foreground group). The console backend
 * writes through arch_console_write(); input arrives from the arch's
 * interrupt path through tty_console_input().
 */
#ifndef JANUX_TTY_H
#define JANUX_TTY_H

#include <janux/stat.h>
#include <janux/types.h>
#include <janux/wait.h>

/* struct termios of the Linux ABI (asm-generic termbits.h): 36 bytes. */
#define NCCS 19
struct termios_k {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};

struct winsize_k {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define IUTF8 0040000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* ioctls (asm-generic ioctls.h) */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429

/* TCFLSH arguments */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

#define TTY_BUF 4096

struct tty {
	const char *name;
	dev_t dev;               /* its device number (/proc/<pid>/stat tty_nr) */
	struct termios_k termios;
	struct winsize_k winsize;
	char in[TTY_BUF];        /* input ready for read() */
	size_t in_head, in_len;
	unsigned int eofs;       /* ^D on an empty line: reads returning 0 */
	char line[TTY_BUF];      /* canonical line being edited */
	size_t line_len;
	pid_t session;           /* 0: nobody's controlling terminal */
	pid_t pgrp;              /* foreground process group */
	struct waitqueue read_wait;
	/* Backend: write n output bytes (after output processing). */
	void (*out)(struct tty *tty, const char *buf, size_t n);
};

/* Set up `tty` with Linux's default termios (cooked, echo, ^C ^\ ^Z ^D). */
void tty_init(struct tty *tty, const char *name,
	      void (*out)(struct tty *, const char *, size_t));

/*
 * Line discipline input: feed bytes typed on the terminal (echo, editing,
 * signals to the foreground group, completed lines to readers). Kernel
 * lock held; any context.
 */
void tty_receive(struct tty *tty, const char *buf, size_t n);

/* Output through the backend with OPOST/ONLCR processing. */
void tty_output(struct tty *tty, const char *buf, size_t n);

/*
 * Read/write/ioctl for the current task on `tty` (the file layer's
 * ops call these). `nonblock`: O_NONBLOCK. Reads apply job control
 * (SIGTTIN to a background group, -EIO when it is ignored or blocked).
 */
ssize_t tty_read(struct tty *tty, void *buf, size_t n, bool nonblock);
ssize_t tty_write(struct tty *tty, const void *buf, size_t n);
long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg);

/* The terminal behind `tty` now has size *ws (TIOCSWINSZ, or a host
 * terminal resized): record it and, if it changed, send SIGWINCH to the
 * foreground process group. Kernel lock held. */
void tty_resize(struct tty *tty, const struct winsize_k *ws);

/* Make `tty` the controlling terminal of the current session if it has
 * none and the caller leads it (open without O_NOCTTY, TIOCSCTTY). */
long tty_set_ctty(struct tty *tty, bool steal);

/* The console tty (/dev/console, /dev/tty0). */
extern struct tty console_tty;

/*
 * Console input from the arch's interrupt path (UART receive, host
 * keyboard events): runs the line discipline. Kernel lock held.
 */
void tty_console_input(const char *buf, size_t n);

/* Register /dev/console and /dev/tty with the char-device layer. */
int tty_console_init(void);

#endif
