#!/bin/sh
# review --preview and $EYEBALL_PREVIEW: bad values are refused before anything is
# written; a pixel mode asked for is used (the box keeps blank cells, the image is an
# escape sequence), said on the status line and in the help; inside tmux or screen a pixel
# mode falls back to symbols and says why. (Detection itself: tests/unit/test_termgfx.)
. "$top_srcdir/tests/cli/lib.sh"

python3 "$top_srcdir/tests/screen/mkpng.py" a.png 64 48 200 40 40
printf 'id,path,label,split\na,a.png,cat,dev\nb,a.png,dog,dev\n' > s.csv
printf 'id,pred\na,dog\nb,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m

printf 'key q\n' > quit
export EYEBALL_KEYS=quit
refused "--preview with a bad value" 1 \
    "^eyeball review: --preview must be auto, symbols, sixel, kitty or iterm, not 'pixels'" \
    review --preview pixels
EYEBALL_PREVIEW=Sixel refused "\$EYEBALL_PREVIEW with a bad value" 1 \
    "^eyeball review: \\\$EYEBALL_PREVIEW must be auto, symbols, sixel, kitty or iterm, not 'Sixel'; fix or unset it$" \
    review
is "no pass was started by the refusals" "$(sql 'SELECT count(*) FROM passes')" 0

# screen ARGS...: runs review headless at 160x24 (the status line shows the whole start
# message) with the keys in file keys, prints the dumps; the exit status goes to rc.txt.
screen() {
    rm -f dump.txt
    EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=160x24 \
        "$EYEBALL" review --seed 1 "$@" > /dev/null 2>&1
    echo $? > rc.txt
    cat dump.txt
}
printf 'dump\nkey ?\ndump\nkey q\n' > keys
out=$(TMUX= STY= TERM=xterm-256color screen --preview sixel)
is "--preview sixel: exit 0" "$(cat rc.txt)" 0
like "the status line says sixel" "$(printf '%s\n' "$out" | sed -n 23p)" 'started pass #1: .*; previews: sixel'
like "the help says sixel and why" "$out" '│ previews: sixel \(asked for\) '
is "the image box holds blank cells only (the image is a sequence)" \
    "$(printf '%s\n' "$out" | sed -n 2,21p | cut -c1-30 | tr -d ' \n')" ""
out=$(TMUX= STY= TERM=xterm-256color EYEBALL_PREVIEW=kitty screen)
like "\$EYEBALL_PREVIEW=kitty" "$out" '│ previews: kitty \(asked for\) '
out=$(TMUX= STY= TERM=xterm-256color EYEBALL_PREVIEW=sixel screen --preview symbols)
like "--preview wins over \$EYEBALL_PREVIEW" "$out" '│ previews: symbols, 256 colours \(asked for\)'
out=$(TMUX=/tmp/tmux-0/default,1,0 TERM=tmux-256color screen --preview sixel)
like "inside tmux, sixel falls back to symbols and says why" \
    "$(printf '%s\n' "$out" | sed -n 25,48p)" 'previews: symbols, 256 colours \(sixel asked, but inside tmux'
out=$(TMUX= STY= TERM=xterm-256color KITTY_WINDOW_ID=1 screen)
like "auto in a headless run: symbols, whatever the terminal" "$out" \
    'previews: symbols, 256 colours \(headless, keys from a script\)'
done_testing
