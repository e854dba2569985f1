#!/bin/sh
# The item panel at every terminal width from the 60-column minimum to 300, with a top
# class at 100%: no screen line is wider than the terminal, and nothing of the panel
# (the probability bar above all) spills into the image area on its left.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na/1,none.png,cat,dev\na/2,none.png,dog,dev\n' > s.csv
printf 'id,pred,prob:cat,prob:dog\na/1,dog,0,1\na/2,cat,1,0\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
w=60
: > keys
while [ $w -le 300 ]; do
    printf 'resize %dx30\ndump\n' $w >> keys
    w=$((w + 1))
done
echo 'key q' >> keys
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=60x30 \
    run "$EYEBALL" review --seed 1
is "scripted review exits 0" "$RC" 0
# For each dump (one per width), the widest line and any bar cell in the image area
# (columns left of the panel, rows between the title and the status line).
python3 - dump.txt > widths.txt <<'PY'
import sys
screens = open(sys.argv[1], encoding="utf-8").read().split("----\n")[:-1]
bars = set("▏▎▍▌▋▊▉█")
for i, scr in enumerate(screens):
    cols = 60 + i
    lines = scr.split("\n")[:-1]
    pw = min(max(cols * 45 // 100, 34), 64)
    iw = cols - pw - 2
    wide = max(len(l) for l in lines)
    spill = sum(1 for l in lines[1:len(lines) - 2] for c in l[:iw] if c in bars)
    print(cols, "wide" if wide > cols else "ok", "spill" if spill else "ok")
PY
is "241 screens, from 60 to 300 columns" "$(wc -l < widths.txt)" 241
is "no line wider than the terminal" "$(grep -c ' wide ' widths.txt)" 0
is "no bar cell in the image area" "$(grep -c 'spill$' widths.txt)" 0
like "the bar at 100% is drawn" "$(sed -n 7p dump.txt)" "100\.0% +█+$"
done_testing
