#!/usr/bin/env bash
# The review screen on an image that crashed the decoder once (a JPEG whose scan uses a
# Huffman table no DHT segment defined, found by fuzzing): the image box says what is
# wrong with the file, the panel and keys keep working, the next image is drawn, and the
# UI ends normally (headless, screens dumped as text).
. "$top_srcdir/tests/cli/lib.sh"

IMGTOOL=$top_builddir/tests/imgtool
mkdir img
cp "$top_srcdir/tests/fuzz/regress/image/undefined-huffman-table.jpg" img/bad.jpg
"$IMGTOOL" png img/ok.png 64 48 >/dev/null
printf 'id,path,label,split\nbad,img/bad.jpg,cat,dev\nok,img/ok.png,dog,dev\n' > s.csv
printf 'id,pred\nbad,dog\nok,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
is "two errors to review" "$RC" 0
eb review --seed 3 --list
is "seed 3 draws bad first" "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2 | tr '\n' ' ')" "bad ok "

# Seed 3 draws bad first (the list is checked below).
printf 'key g\ndump\nkey 1\ndump\nkey j\ndump\nkey q\n' > keys
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=d.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review --seed 3
is "the UI ends normally" "$RC" 0
awk '/^----$/ { n++; next } { print > ("screen." (n + 1)) }' d.txt
like "the first screen shows the bad item" "$(cat screen.1)" 'bad'
like "its box says the JPEG is corrupt" "$(tr -d '│ \n' < screen.1)" 'corruptJPEG'
like "a tag on it is taken" "$(cat screen.2)" '\[x\]'
like "the next item is shown" "$(cat screen.3)" 'ok'
unlike() { # unlike NAME TEXT PATTERN
    if printf '%s\n' "$2" | grep -aq -- "$3"; then is "$1" "matches $3" "does not match"; else ok "$1" true; fi
}
unlike "and no placeholder is left from the bad image" "$(tr -d '│ \n' < screen.3)" 'corruptJPEG'
is "the tag is in the store" "$(sql "SELECT count(*) FROM tags")" 1
done_testing
