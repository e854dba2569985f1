#!/bin/sh
# The grid (v) and the zoom (z), driven by a key script and dumped as text, at several
# sizes: as many tiles as fit (3x2 at 80x24, 2x2 at the 60x16 minimum), arrows move the
# selection (the current item), the single view's keys tag, fix and mark the selected
# item, Enter opens it, z shows the image alone over the whole body, z and Esc go back.
# Missing image files give placeholders, whose frames show each box's size.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

{ echo 'id,path,label,split'; for i in 1 2 3 4 5 6 7 8; do echo "it$i,none$i.png,cat,dev"; done
  echo 't1,none.png,dog,train'; } > s.csv
{ echo 'id,pred'; for i in 1 2 3 4 5 6 7 8; do echo "it$i,dog"; done; echo 't1,dog'; } > p.csv
eb import samples s.csv
eb import preds p.csv --model m

cat > keys <<'K'
key v
dump
key Up
key Down
key 2
dump
key r
key Enter
key Right
key Down
dump
key Left
key m
dump
key Enter
dump
key z
dump
key z
dump
key v
key z
dump
key Esc
dump
key Esc
dump
resize 60x16
key v
dump
resize 160x48
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --seed 1
is "review exits 0" "$RC" 0
is "the summary counts the grid's changes" "$OUT" \
    "pass #1: 2 of 8 reviewed, 1 tagged, 1 label fix staged"
scr() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt; }
# captions SCREEN: the tiles' caption rows (marks, position, id), squeezed.
captions() { printf '%s\n' "$1" | grep -E '^ ?[ ▶][ ✓][0-9]' | sed -E 's/  +/|/g'; }
line() { printf '%s\n' "$1" | sed -n "$2p"; }

cat > want1 <<'S'
 eyeball · pass #1 · dev · random · model m · grid (v: back)           ? help
┌───────────────────────┐ ┌───────────────────────┐ ┌───────────────────────┐
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
│     missing file      │ │     missing file      │ │     missing file      │
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
└───────────────────────┘ └───────────────────────┘ └───────────────────────┘
▶ 1 it8                     2 it7                     3 it2
cat→dog                   cat→dog                   cat→dog
┌───────────────────────┐ ┌───────────────────────┐ ┌───────────────────────┐
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
│     missing file      │ │     missing file      │ │     missing file      │
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
│                       │ │                       │ │                       │
└───────────────────────┘ └───────────────────────┘ └───────────────────────┘
  4 it1                     5 it6                     6 it5
cat→dog                   cat→dog                   cat→dog

 1/8  reviewed 0 ░░░░░░░░░░  started pass #1: 8 of 8 misclassified dev example…
 ? help  q quit  j/k move  1-9 tag  r relabel  e note  m done  u undo  x unfix
S
scr 1 > got1
ok "80x24: a 3x2 grid of the items from the current one, the first selected" \
    diff -u want1 got1
is "Up on the top row stays; Down moves a row, 2 tags the selected item" \
    "$(captions "$(scr 2)")" "|1 it8|2 it7|3 it2
▶✓4 it1|5 it6|6 it5"
like "the status line follows the selection" "$(line "$(scr 2)" 23)" '^ 4/8 .*tagged blurry'
is "the tag and the staged fix are the selected item's" \
    "$(sql "SELECT s.id || ' ' || c.name FROM tags t JOIN samples s USING(sid)
            JOIN categories c USING(cid) ORDER BY 1")" "it1 blurry
it1 mislabeled"
is "r and Enter stage the fix on the selected item" \
    "$(sql "SELECT s.id, f.new_label, f.status FROM fixes f JOIN samples s USING(sid)")" \
    "it1|dog|staged"
is "past the last row, the grid shows the last page full" "$(captions "$(scr 3)")" \
    "|3 it2|✓4 it1|5 it6
|6 it5|7 it4|▶ 8 it3"
like "a tile says label, prediction, staged fix and ticked keys" "$(scr 3)" \
    'cat→dog fix dog \[1 2\]'
is "m marks the selected item and selects the next not yet reviewed" \
    "$(captions "$(scr 4)" | tail -1)" "|6 it5|✓7 it4|▶ 8 it3"
is "m's review is stored" \
    "$(sql "SELECT s.id FROM reviews r JOIN samples s USING(sid) ORDER BY 1")" "it1
it4"
like "Enter opens the selected item in the single view" "$(line "$(scr 5)" 2)" \
    '^┌─{39}┐   id         it3$'
full="┌$(printf '─%.0s' $(seq 78))┐"
is "z: the image alone, over the whole width" "$(line "$(scr 6)" 2)" "$full"
is "z: and every row between the title and the status line" "$(line "$(scr 6)" 22)" \
    "└$(printf '─%.0s' $(seq 78))┘"
like "z: the title says how to go back" "$(line "$(scr 6)" 1)" 'zoom \(z: back\)'
is "z again: the single view" "$(line "$(scr 7)" 2)" "$(line "$(scr 5)" 2)"
is "z from the grid zooms the selected item" "$(line "$(scr 8)" 2)" "$full"
is "Esc leaves the zoom for the grid" "$(captions "$(scr 9)")" "$(captions "$(scr 4)")"
is "Esc leaves the grid" "$(scr 10)" "$(scr 5)"
is "60x16: a 2x2 grid" "$(captions "$(scr 11)")" "|5 it6|6 it5
 ✓7 it4|▶ 8 it3"
is "60x16: tiles of 30 columns" "$(line "$(scr 11)" 2)" \
    "┌$(printf '─%.0s' $(seq 27))┐ ┌$(printf '─%.0s' $(seq 27))┐"
is "160x48: six tiles a row, all eight items" "$(captions "$(scr 12)")" \
    "|1 it8|2 it7|3 it2|✓4 it1|5 it6|6 it5
 ✓7 it4|▶ 8 it3"
# In a real terminal (tmux, escape sequences and all): the grid at 100x30 (4x3), g, Down
# and a tag on the selected item (it6, a row below it8), Enter, the zoom, Esc.
if has_tmux; then
    tm_new 100 30 "TERM=tmux-256color EYEBALL_DB=$EYEBALL_DB '$EYEBALL' review; echo rc=\$?; sleep 60"
    ok "tmux: the review screen opens" tm_wait "/8  reviewed"
    tm send-keys -t t v
    ok "tmux: v opens the grid" tm_wait "grid (v: back)"
    pane=$(tm capture-pane -p -t t)
    is "tmux: 100x30 holds 4x3 tiles, all eight items, from the first not yet reviewed" \
        "$(captions "$pane" | tr '\n' '/')" "▶ 1 it8|2 it7|3 it2|✓4 it1/|5 it6|6 it5|✓7 it4|8 it3/"
    tm send-keys -t t g
    tm send-keys -t t Down
    tm send-keys -t t 3
    ok "tmux: Down and 3 tag the item a row below" tm_wait "tagged occluded"
    tm send-keys -t t Enter
    ok "tmux: Enter opens it" tm_wait "3 [x] occluded"
    tm send-keys -t t z
    ok "tmux: z zooms" tm_wait "zoom (z: back)"
    tm send-keys -t t Escape
    ok "tmux: Esc goes back" tm_wait "3 [x] occluded"
    tm send-keys -t t q
    ok "tmux: q quits" tm_wait "rc=0"
else
    _t_result 0 "# SKIP tmux is not installed"
fi
done_testing
