# Shell workload for make bench (tests/bench/ubench-aarch64.py): loops and
# arithmetic in the shell, subshells, command substitution, and pipelines of
# busybox applets. Prints one checksum line so a broken run is visible.
i=0 acc=0
while [ $i -lt 300 ]; do acc=$(( (acc * 31 + i) % 65521 )); i=$((i + 1)); done
for n in 1 2 3 4 5 6 7 8 9 10; do
	v=$(echo $n)
	(acc=$((acc + v)); : "$acc")
done
lines=$(seq 1 2000 | grep 7 | sort -r | tr 0 x | wc -l)
words=$(printf 'a b c\nd e\n' | wc -w)
for n in 1 2 3 4 5; do seq 1 50 | sort -n | tail -n 1 >/dev/null; done
echo "workload $acc $lines $words"
