# Parity: device nodes and their behaviour: null, zero, full, random,
# tty, console (numbers, reads, writes, errors).
# parity-oracle: linux
for d in null zero full random urandom tty console; do
	stat -c "$d: %F %t:%T" /dev/$d
done
echo discarded > /dev/null && echo "null write ok"
wc -c < /dev/null
head -c 8 /dev/zero | od -An -tx1
head -c 100 /dev/urandom | wc -c
echo x > /dev/full 2>&1 || echo "write to full failed"
head -c 4 /dev/full | od -An -tx1
[ -t 0 ] && echo "stdin is a tty"
