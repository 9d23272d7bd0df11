/*
 * Test program of the e2e tier, run as init in the page: reads lines from
 * the console (fd 0, canonical mode) and prints each back as "got <LINE>";
 * a line "off" (or end of input) powers off. Shows that keys typed in the
 * page reach a guest process through the tty.
 */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	char buf[256];

	say("ready\n", (char *)0);
	for (;;) {
		long n = sys3(NR_read, 0, buf, sizeof(buf) - 1);

		if (n <= 0)
			break;
		if (buf[n - 1] == '\n')
			n--;
		buf[n] = 0;
		if (seq(buf, "off"))
			break;
		say("got <", buf, ">\n", (char *)0);
	}
	rt_poweroff();
}
