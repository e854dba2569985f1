#!/bin/sh
# The note editor: a long note of two-byte characters typed key by key is saved whole
# (each key costs only the visible part of the line, whatever the note's length); the
# cursor moves with Left, Right, Home, End, Ctrl-A and Ctrl-E; a note stops at
# STORE_NOTE_MAX (10,000 bytes) and the line says so.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na/1,none.png,cat,dev\na/2,none.png,dog,dev\n' > s.csv
printf 'id,pred\na/1,dog\na/2,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
note_of() { sql "SELECT r.note FROM reviews r JOIN samples s USING(sid) WHERE s.id='$1'"; }

# 2,000 "é" (4,000 bytes), 250 keys a script line.
e250=$(printf 'é%.0s' $(seq 250))
{ echo 'key e'; for i in 1 2 3 4 5 6 7 8; do echo "type $e250"; done; echo dump
  echo 'key Enter'; echo 'key q'; } > keys
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --seed 1
is "review exits 0" "$RC" 0
first=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY i.pos LIMIT 1")
is "the note holds 2,000 characters" "$(sql "SELECT length(note) FROM reviews")" 2000
is "all of them é" "$(note_of "$first")" "$(printf 'é%.0s' $(seq 2000))"
like "the editor shows the end of the line, cursor last" "$(sed -n 24p dump.txt)" \
    "^note: (é){72}$"

# Moving the cursor: the note is edited where the cursor is.
cat > keys <<'K'
key g e Ctrl-U
type middle
key Home
type [
key End
type ]
key Left Left
type 1
key Ctrl-A Right
type 2
key Ctrl-E Backspace
type 3
key Left Left Left Left Left Left
key Backspace
dump
key Enter q
K
rm -f dump.txt
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review
is "Home, End, Left, Right, Ctrl-A, Ctrl-E edit in place" "$(note_of "$first")" "[2mddl1e3"
is "the line shows the edited note" "$(sed -n 24p dump.txt)" "note: [2mddl1e3"

# The cap: keys past 10,000 bytes are refused, and the line says why.
a250=$(printf 'a%.0s' $(seq 250))
{ echo 'key g e Ctrl-U'; for i in $(seq 40); do echo "type $a250"; done; echo 'type bcd'
  echo dump; echo 'key Enter q'; } > keys
rm -f dump.txt
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review
is "the note stops at 10,000 bytes" "$(sql "SELECT length(note) FROM reviews
    WHERE sid=(SELECT sid FROM samples WHERE id='$first')")" 10000
like "the line says it is full" "$(sed -n 24p dump.txt)" "a +full: 10000 bytes at most$"
done_testing
