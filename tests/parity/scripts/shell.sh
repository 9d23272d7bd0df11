# Parity: a shell workload: loops, functions, subshells, pipelines,
# redirections, here-documents, traps, background jobs and wait, exit
# statuses through pipes and signals. Run by the image's busybox sh.
# parity-oracle: linux
i=0 sum=0
while [ $i -lt 200 ]; do sum=$((sum + i * i)); i=$((i + 1)); done
echo "sum of squares $sum"
fib() { if [ "$1" -lt 2 ]; then echo "$1"; else echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) )); fi; }
echo "fib 9 = $(fib 9)"
x=outer; (x=inner; echo "in subshell $x"; exit 3); echo "subshell status $? x=$x"
seq 1 500 | grep 3 | sort -r | head -n 5 | tr '\n' ' '; echo
printf 'b\na\nc\na\n' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' '; echo
echo "pipe status $(false | true; echo $?)"
cat <<END > here.txt
line one $((6 * 7))
line 'two'
END
wc -l < here.txt
while read -r a b c; do echo "[$a|$b|$c]"; done < here.txt
exec 3> fd3.txt; echo via fd 3 >&3; exec 3>&-; cat fd3.txt
{ echo out; echo err >&2; } > both.txt 2>&1; sort both.txt | tr '\n' ' '; echo
ls nothing-here 2>/dev/null || echo "ls failed with $?"
trap 'echo trapped USR1' USR1; kill -USR1 $$; trap - USR1
sh -c 'kill -TERM $$'; echo "killed shell status $?"
sleep 0.2 & bg=$!; (exit 7) & b2=$!
wait $b2; echo "job 2 status $?"; wait $bg; echo "job 1 status $?"
for n in 1 2 3; do (echo "child $n" > "c$n.txt") & done; wait; cat c1.txt c2.txt c3.txt
case "abc.txt" in *.c) echo c ;; *.txt) echo txt ;; esac
set -- "a b" c; echo "$# args, first [$1]"
IFS=: read -r u p rest <<'END'
root:x:0:0
END
echo "u=$u p=$p rest=$rest"
echo "${undefined:-default} ${#sum} ${sum%??}"
umask 027; touch m.txt; ls -l m.txt | cut -c1-10
mkdir -p deep/er/est && cd deep/er && pwd | sed 's|.*/deep|deep|' && cd ../..
find deep | sort | tr '\n' ' '; echo
rm -r deep && [ ! -e deep ] && echo "removed tree"
exit 0
