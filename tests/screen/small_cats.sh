#!/bin/sh
# The category list on small terminals: when it does not fit, it shows what fits and a
# last row naming the hidden keys (and how many of them are ticked); '>' pages through;
# ticking a hidden category scrolls it into view. At the 60x16 minimum some categories
# are always visible.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na/1,none.png,a,dev\na/2,none.png,b,dev\n' > s.csv
printf 'c/1,none.png,c,train\nd/1,none.png,d,train\ne/1,none.png,e,train\n' >> s.csv
printf 'f/1,none.png,f,train\n' >> s.csv
{ echo 'id,pred,prob:a,prob:b,prob:c,prob:d,prob:e,prob:f'
  echo 'a/1,b,0.1,0.5,0.1,0.1,0.1,0.1'; echo 'a/2,a,0.5,0.1,0.1,0.1,0.1,0.1'
  for i in c d e f; do echo "$i/1,$i,0.1,0.1,0.1,0.1,0.1,0.5"; done; } > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb categories add glare
eb categories add crop
is "ten categories" "$(sql 'SELECT count(*) FROM categories')" 10

# cats SCREEN: the category rows of a screen, from the panel.
cats() { printf '%s\n' "$1" | sed -n '/categories$/,$p' | sed 1d | sed -E 's/^.*[│┘]   //' |
         grep -E '^ ([0-9a-z] \[[ x]\]|> [0-9]+ more)'; }

cat > keys <<'K'
dump
key >
dump
key >
dump
key 1
dump
key a
dump
resize 60x16
dump
key >
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --seed 1
is "review exits 0" "$RC" 0
scr() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt; }
is "80x24: what fits, then the hidden keys" "$(cats "$(scr 1)")" \
" 1 [ ] mislabeled
 2 [ ] blurry
 3 [ ] occluded
 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class
 > 2 more: 9 a"
is "> shows the next page (the last one ends with the last category)" "$(cats "$(scr 2)")" \
" 3 [ ] occluded
 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class
 9 [ ] glare
 a [ ] crop
 > 2 more: 1 2"
is "> after the last page goes back to the top" "$(cats "$(scr 3)" | head -1)" \
" 1 [ ] mislabeled"
is "ticking a hidden category scrolls it into view" "$(cats "$(scr 5)")" \
" 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class
 9 [ ] glare
 a [x] crop
 > 3 more, 1 ticked: 1 2 3"
is "the ticked hidden one is counted" \
    "$(sql "SELECT c.name FROM tags JOIN categories c USING(cid) ORDER BY 1")" "crop
mislabeled"
small=$(scr 6)
is "60x16: categories visible, and the hidden ones named" "$(cats "$small")" \
" 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 > 7 more, 2 ticked: 1 2 3 7 8 9 a"
is "60x16: no line wider than the screen" "$(printf '%s\n' "$small" | wc -L)" 60
is "60x16: > pages on" "$(cats "$(scr 7)" | head -1)" " 7 [ ] ambiguous"
done_testing
