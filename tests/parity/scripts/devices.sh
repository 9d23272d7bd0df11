# Parity: device nodes and their behaviour: null, zero, full, random,
# tty, console (numbers, reads, writes, errors).
# parity-oracle: linux
for d in null zero full random urandom tty console; do
	stat -c "$d: %F %t:%T" /dev/$d
done
echo discarded > /dev/null && echo "null write ok"
wc -c < /dev/null
# Zero bytes shown as '0' with tr: od -An -tx1 needs busybox's DESKTOP
# option, which Janux's own busybox (the wasm32 image's shell) lacks.
head -c 8 /dev/zero | tr '\0' 0; echo
head -c 100 /dev/urandom | wc -c
echo x > /dev/full 2>&1 || echo "write to full failed"
head -c 4 /dev/full | tr '\0' 0; echo
[ -t 0 ] && echo "stdin is a tty"
