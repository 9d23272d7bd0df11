# Shell smoke test for the Janux userland: busybox sh runs this file and its
# output is compared with Linux running the same script (tests/userland/
# tier.mk, and later Janux aarch64 itself). Output must depend only on the
# commands' behaviour: no dates, pids, sizes of real files or host paths.
# Runs in a fresh scratch directory; the last line is "smoke: end".

set -u
scratch=$(mktemp -d) || { echo "smoke: mktemp failed"; exit 1; }
cd "$scratch" || exit 1

echo "== echo and quoting"
echo plain words   spaced
echo "double $((1 + 1)) 'single'"
echo 'single $HOME "double"'
printf '%s|%5s|%-5s|%03d|%x|%c\n' str pad left 7 255 char

echo "== variables and expansion"
name=janux
echo "${name} ${#name} ${name%ux} ${name#ja} ${unset_var:-default}"
set -- a b c
echo "$# args: $*; second=$2"
list="one two three"
for w in $list; do printf '[%s]' "$w"; done; echo

echo "== command substitution and arithmetic"
n=$(echo 6 | tr 6 7)
echo "n=$n sum=$((n + 35)) prod=$((n * 6)) div=$((100 / 7)) mod=$((100 % 7)) neg=$((-3 - 4))"
echo "nested=$(echo "$(echo inner)")"
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo "loop i=$i"

echo "== test"
test 3 -gt 2 && echo "3>2"
[ "abc" = "abc" ] && echo "string equal"
[ -z "" ] && [ -n "x" ] && echo "empty and non-empty"
[ 1 -eq 2 ] || echo "1!=2"
touch f; mkdir d
[ -f f ] && [ -d d ] && [ ! -e missing ] && echo "file tests"

echo "== files, ls"
printf 'banana\napple\ncherry\napple\nbanana\napple\n' > fruit
mkdir -p tree/sub
: > tree/b.txt; : > tree/a.txt; : > tree/sub/c.txt
ls tree
ls -1 tree/sub
ls -d tree/*.txt
cp fruit tree/copy && mv tree/copy tree/moved && ls tree
rm tree/moved && ls tree | wc -l

echo "== pipelines: sort uniq wc head tail cut tr"
sort fruit | uniq -c
sort -r fruit | uniq | head -n 2
sort fruit | uniq -d
wc -l < fruit
wc -w fruit
printf 'a:b:c\n1:2:3\n' | cut -d: -f2
echo hello | tr a-z A-Z
seq 1 10 | tail -n 3
seq 1 10 | head -n 2 | tr '\n' ' '; echo
echo "one two three" | wc -c

echo "== grep sed awk"
grep -c apple fruit
grep -n cherry fruit
grep -v a fruit || echo "no line without a"
sed 's/an/AN/g' fruit | head -n 1
sed -n '2p;4p' fruit
echo "x=1,y=2" | sed -e 's/,/ /' -e 's/=/:/g'
awk '{ n[$1]++ } END { for (k in n) print k, n[k] }' fruit | sort
printf '3 4\n5 6\n' | awk '{ s += $1 * $2 } END { print "awk sum", s }'
awk 'BEGIN { printf "%.3f %d %s\n", 22/7, 2 * 512, substr("janux", 2, 3) }'

echo "== find xargs diff cmp expr"
find tree -type f | sort
find tree -name '*.txt' | sort | xargs echo
printf 'a\nb\n' > x; printf 'a\nc\n' > y
diff x y > /dev/null; echo "diff status $?"
cmp -s x x && echo "cmp same"
cmp -s x y || echo "cmp differ"
expr 6 \* 7
expr length janux

echo "== functions, case, here-doc, subshell, status"
greet() { echo "hi $1"; return 3; }
greet there; echo "status $?"
case janux in ja*) echo "case matched" ;; *) echo "case missed" ;; esac
cat <<DOC
here-doc $name
DOC
(cd d && pwd | sed 's|.*/||')
false || echo "false failed"
sh -c 'exit 4'; echo "child exit $?"

cd / && rm -rf "$scratch"
echo "smoke: end"
