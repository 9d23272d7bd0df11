/*
 * Test program of the e2e tier, run as init in the page: prints the
 * console's window size (TIOCGWINSZ on fd 1) as "winsize ROWS COLS" at
 * start and whenever it changes, polling every 50 ms, and powers off after
 * about 30 s. Built with the wasm tier's test runtime (tests/wasm/progs).
 */
#include "rt.h"

#define NR_ioctl 29
#define TIOCGWINSZ 0x5413
#define POLL_MS 50
#define RUN_MS 30000

struct winsize_u {
	unsigned short row, col, xpixel, ypixel;
};

int main(int argc, char **argv, char **envp)
{
	struct winsize_u ws, last = { 0, 0, 0, 0 };

	for (long t = 0; t < RUN_MS; t += POLL_MS) {
		long err = sys3(NR_ioctl, 1, TIOCGWINSZ, &ws);

		if (err) {
			say("FAIL TIOCGWINSZ: ", num(err), "\n", (char *)0);
			break;
		}
		if (ws.row != last.row || ws.col != last.col) {
			say("winsize ", num(ws.row), (char *)0);
			say(" ", num(ws.col), "\n", (char *)0);
			last = ws;
		}
		rt_sleep_ms(POLL_MS);
	}
	rt_poweroff();
}
