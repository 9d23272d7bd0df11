/* Formatted output into a bounded buffer (the printf subset the kernel uses). */
#include <janux/printk.h>
#include <janux/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len; /* length the full output has so far */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int prec; /* -1: none */
};

/* Emit a converted field: sign/prefix, zero or space padding, digits. */
static void put_field(struct outbuf *o, const struct spec *sp, const char *pfx,
		      const char *body, int blen)
{
	int plen = (int)strlen(pfx);
	int zeros = sp->prec > blen ? sp->prec - blen : 0;
	int pad = sp->width - plen - zeros - blen;

	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!sp->left)
		put_repeat(o, ' ', pad);
	while (*pfx)
		put(o, *pfx++);
	put_repeat(o, '0', zeros);
	for (int i = 0; i < blen; i++)
		put(o, body[i]);
	if (sp->left)
		put_repeat(o, ' ', pad);
}

static void put_number(struct outbuf *o, const struct spec *sp,
		       unsigned long long v, bool neg, int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = sizeof(tmp);
	const char *pfx = "";

	if (v == 0 && sp->prec == 0)
		n = sizeof(tmp); /* "%.0d" of 0 prints nothing */
	else
		do {
			tmp[--n] = digits[v % (unsigned)base];
			v /= (unsigned)base;
		} while (v);
	if (neg)
		pfx = "-";
	else if (sp->plus && base == 10)
		pfx = "+";
	else if (sp->space && base == 10)
		pfx = " ";
	else if (sp->alt && base == 16 && n < (int)sizeof(tmp))
		pfx = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && tmp[n] != '0')
		pfx = "0";
	put_field(o, sp, pfx, tmp + n, (int)sizeof(tmp) - n);
}

/* Parse flags, width and precision at *fmt; '*' takes them from ap. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-') sp->left = true;
		else if (*f == '0') sp->zero = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '#') sp->alt = true;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		} else
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	return f;
}

enum { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_length(const char *f, int *len)
{
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h') { *len = LEN_CHAR; return f + 2; }
	if (f[0] == 'l' && f[1] == 'l') { *len = LEN_LLONG; return f + 2; }
	switch (*f) {
	case 'h': *len = LEN_SHORT; return f + 1;
	case 'l': *len = LEN_LONG; return f + 1;
	case 'j': *len = LEN_LLONG; return f + 1;
	case 'z': case 't': *len = LEN_SIZE; return f + 1;
	}
	return f;
}

static long long arg_signed(int len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(int len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct outbuf o = { buf, size, 0 };
	struct spec sp;
	va_list ap;
	int len;

	va_copy(ap, ap_in);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &ap);
		f = parse_length(f, &len);
		switch (*f) {
		case 'd': case 'i': {
			long long v = arg_signed(len, &ap);
			unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v
						       : (unsigned long long)v;
			put_number(&o, &sp, mag, v < 0, 10, false);
			break;
		}
		case 'u': put_number(&o, &sp, arg_unsigned(len, &ap), false, 10, false); break;
		case 'x': put_number(&o, &sp, arg_unsigned(len, &ap), false, 16, false); break;
		case 'X': put_number(&o, &sp, arg_unsigned(len, &ap), false, 16, true); break;
		case 'o': put_number(&o, &sp, arg_unsigned(len, &ap), false, 8, false); break;
		case 'p':
			sp.alt = true;
			put_number(&o, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			put_field(&o, &sp, "", &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = (int)(sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s));
			sp.prec = -1;
			sp.zero = false;
			put_field(&o, &sp, "", s, n);
			break;
		}
		case '%': put(&o, '%'); break;
		case '\0': f--; break; /* lone '%' at the end */
		default: put(&o, '%'); put(&o, *f); break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
