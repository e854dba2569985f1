#!/usr/bin/env bash
# What bench/run measures a review step with: "sleep MS" in a key script,
# $EYEBALL_STEP_TIMES (one line per key that was followed by a drawn screen) and
# EYEBALL_PREFETCH=0 (previews made on demand: the same screens, only later).
. "$top_srcdir/tests/cli/lib.sh"

imgtool=$top_builddir/tests/imgtool
for i in 1 2 3; do
    "$imgtool" png "img$i.png" $((40 * i)) 30 photo
done
printf 'id,path,label,split\na,img1.png,cat,dev\nb,img2.png,cat,dev\nc,img3.png,dog,dev\n' > s.csv
printf 'id,pred\na,dog\nb,dog\nc,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --list --seed 3
is "a pass of three" "$RC" 0

printf 'sleep 300\nkey j\nsleep 10\nkey j\ndump\nkey q\n' > keys
start=$(date +%s%N)
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=ahead.txt EYEBALL_STEP_TIMES=steps.txt run "$EYEBALL" review
end=$(date +%s%N)
is "scripted review with sleeps exits 0" "$RC" 0
ok "the sleeps took their time (at least 0.3 s)" test $(((end - start) / 1000000)) -ge 300
is "one step time per key that was drawn (j, j; not q)" "$(wc -l < steps.txt | tr -d ' ')" 2
ok "each a number of milliseconds" test -z "$(grep -Ev '^[0-9]+\.[0-9]{3}$' steps.txt)"

EYEBALL_PREFETCH=0 EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=now.txt run "$EYEBALL" review
is "EYEBALL_PREFETCH=0 exits 0" "$RC" 0
ok "and draws the same screen" cmp -s ahead.txt now.txt
like "at the third item" "$(sed -n 23p now.txt)" "^ 3/3 "

printf 'sleep soon\nkey q\n' > bad
EYEBALL_KEYS=bad run "$EYEBALL" review
ok "a bad sleep line fails" test "$RC" -ne 0
like "and says which line" "$ERR" "key script: cannot read line 'sleep soon'"
EYEBALL_KEYS=keys EYEBALL_STEP_TIMES=/nonexistent/steps.txt run "$EYEBALL" review
is "an unwritable step log is refused" "$RC" 1
like "with the file and why" "$ERR" "/nonexistent/steps.txt: cannot open the step log"
done_testing
