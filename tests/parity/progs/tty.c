/* Parity: terminal ioctls on the console: termios defaults and changes,
 * window size, foreground group, line discipline flags; ENOTTY on others.
 * Kernel-wide (the console's defaults), so the oracle is a booted Linux.
 * parity-oracle: linux */
#include "parity.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

static void flags(const struct termios *t)
{
	say("iflag ICRNL %d IXON %d BRKINT %d IGNCR %d\n", !!(t->c_iflag & ICRNL),
	    !!(t->c_iflag & IXON), !!(t->c_iflag & BRKINT), !!(t->c_iflag & IGNCR));
	say("oflag OPOST %d ONLCR %d\n", !!(t->c_oflag & OPOST), !!(t->c_oflag & ONLCR));
	say("lflag ISIG %d ICANON %d ECHO %d ECHOE %d ECHOK %d ECHOCTL %d ECHOKE %d IEXTEN %d\n",
	    !!(t->c_lflag & ISIG), !!(t->c_lflag & ICANON), !!(t->c_lflag & ECHO),
	    !!(t->c_lflag & ECHOE), !!(t->c_lflag & ECHOK), !!(t->c_lflag & ECHOCTL),
	    !!(t->c_lflag & ECHOKE), !!(t->c_lflag & IEXTEN));
	say("cflag CS8 %d CREAD %d\n", (t->c_cflag & CSIZE) == CS8, !!(t->c_cflag & CREAD));
	say("cc INTR %d QUIT %d ERASE %d KILL %d EOF %d START %d STOP %d SUSP %d MIN %d TIME %d\n",
	    t->c_cc[VINTR], t->c_cc[VQUIT], t->c_cc[VERASE], t->c_cc[VKILL], t->c_cc[VEOF],
	    t->c_cc[VSTART], t->c_cc[VSTOP], t->c_cc[VSUSP], t->c_cc[VMIN], t->c_cc[VTIME]);
}

int main(void)
{
	int fd = CHECK(open("/dev/tty", O_RDWR | O_NOCTTY));
	YESNO(isatty(fd));
	struct termios t, saved;
	CHECK(tcgetattr(fd, &saved));
	flags(&saved);
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	CHECK(tcsetattr(fd, TCSANOW, &t));
	CHECK(tcgetattr(fd, &t));
	say("raw: ICANON %d ECHO %d MIN %d TIME %d\n", !!(t.c_lflag & ICANON),
	    !!(t.c_lflag & ECHO), t.c_cc[VMIN], t.c_cc[VTIME]);
	CHECK(tcsetattr(fd, TCSANOW, &saved));
	struct winsize ws = {0};
	CHECK(ioctl(fd, TIOCGWINSZ, &ws));
	struct winsize set = {30, 100, 0, 0}, back = {0};
	CHECK(ioctl(fd, TIOCSWINSZ, &set));
	CHECK(ioctl(fd, TIOCGWINSZ, &back));
	say("winsize set %dx%d\n", back.ws_row, back.ws_col);
	CHECK(ioctl(fd, TIOCSWINSZ, &ws));
	pid_t pg = tcgetpgrp(fd);
	YESNO(pg == getpgrp());
	pid_t sid;
	CHECK(ioctl(fd, TIOCGSID, &sid));
	YESNO(sid == getsid(0));
	int n = -1;
	CHECK(ioctl(fd, FIONREAD, &n));
	VALUE(n);
	CHECK(tcflush(fd, TCIFLUSH));
	CHECK(tcdrain(fd));
	int f = open("plain", O_CREAT | O_RDWR, 0644);
	CHECK(tcgetattr(f, &t));
	CHECK(ioctl(f, TIOCGWINSZ, &ws));
	CHECK(ioctl(fd, 0x54ff, 0));
	YESNO(isatty(f));
	return 0;
}
