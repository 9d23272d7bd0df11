# Parity: /proc as programs read it: the process's own entries, status
# fields, cmdline, fds, mounts, and the system files' shapes (not values).
# parity-oracle: linux
sh -c 'echo $$ > me; exec readlink /proc/self > it'; cmp -s me it && echo "/proc/self names the reader"
sh -c 'tr "\0" " " < /proc/$$/cmdline; echo'
sleep 5 & pid=$!
i=0 # until the child has exec'd sleep and sleeps in it (at most 10 s)
while ! grep -q '(sleep) S' /proc/$pid/stat 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
awk '{print "stat: comm " $2 ", state " $3 ", ppid is shell " ($4 == '$$')}' /proc/$pid/stat
grep -E '^(Name|State|PPid|Uid|Gid):' /proc/$pid/status | sed "s/$$/SHELL/" | tr -s '\t ' ' '
kill $pid; wait $pid 2>/dev/null
exec 7< /proc/uptime; ls /proc/self/fd | sort -n | tr '\n' ' '; echo; exec 7<&-
readlink /proc/self/cwd >/dev/null && echo "cwd link readable"
readlink /proc/self/exe
awk 'NF == 2 && $1 > 0 { print "uptime: two positive numbers" }' /proc/uptime
grep -c '^MemTotal:' /proc/meminfo
grep -E '^proc /proc proc' /proc/mounts | cut -d' ' -f1-3
grep -w proc /proc/filesystems | tr -s '\t ' ' '
grep -c '^processor' /proc/cpuinfo
cut -d' ' -f1-2 /proc/version
ls /proc/1 >/dev/null 2>&1 && echo "pid 1 listed"
ls -d /proc/[0-9]* | grep -c "/proc/$$\$"
