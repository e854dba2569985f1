#!/bin/sh
# The panel always shows the probability of the given label: below the top five when it
# is not among them (with its rank), and in the last place left when the panel is short.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx/1,none.png,g,dev\n' > s.csv
for l in a b c d e f; do printf '%s/1,none.png,%s,train\n' $l $l >> s.csv; done
{ echo 'id,pred,prob:a,prob:b,prob:c,prob:d,prob:e,prob:f,prob:g'
  echo 'x/1,a,0.4,0.2,0.15,0.1,0.1,0.04,0.01'
  for l in a b c d e f; do echo "$l/1,a,0.4,0.2,0.15,0.1,0.1,0.04,0.01"; done; } > p.csv
eb import samples s.csv
eb import preds p.csv --model m
printf 'dump\nresize 60x16\ndump\nkey q\n' > keys
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --seed 1
is "review exits 0" "$RC" 0
panel() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt |
          sed -E 's/^.*[│┐]   //' | sed -n "$2"; }
is "80x24: the top five, then the given label with its rank" "$(panel 1 '7,12p')" \
"           a           40.0%  ██▍
           b           20.0%  █▎
           c           15.0%  ▉
           d           10.0%  ▋
           e           10.0%  ▋
           g            1.0%      #7"
is "60x16: two rows left, the last one the given label's" "$(panel 2 '7,8p')" \
"           a           40.0%  █▋
           g            1.0%    #7"
done_testing
