/* The kernel command line: stored once at boot, queried by key. */
#include <janux/init.h>
#include <janux/string.h>

#define CMDLINE_MAX 1024

static char cmdline[CMDLINE_MAX];

void cmdline_set(const char *text)
{
	strlcpy(cmdline, text, sizeof(cmdline));
}

const char *cmdline_text(void)
{
	return cmdline;
}

bool cmdline_get(const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key);
	bool found = false;
	const char *p = cmdline;

	while (*p) {
		const char *word, *end;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		word = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		end = p;
		if ((size_t)(end - word) < klen || strncmp(word, key, klen))
			continue;
		if (word + klen == end || word[klen] == '=') {
			const char *v = word + klen + (word + klen < end);
			size_t n = (size_t)(end - v);

			if (len) {
				n = n < len - 1 ? n : len - 1;
				memcpy(buf, v, n);
				buf[n] = '\0';
			}
			found = true; /* keep scanning: later words win */
		}
	}
	return found;
}
