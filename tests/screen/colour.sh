#!/bin/sh
# Colour depth in a real terminal (tmux): with COLORTERM=truecolor the UI draws through
# the direct-colour terminal type (tmux-direct) when one is installed, so the preview
# gets 24-bit colour and dim text is an RGB grey (colour 8 there would be #000008,
# black); without it, or when no direct type exists, 256 colours as before. Black text
# on the status line is never bold (a terminal may draw bold black as dark grey).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

if ! has_tmux || ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux or python3 not installed"
    exit 0
fi
if ! infocmp tmux-direct >/dev/null 2>&1; then
    echo "1..0 # SKIP no tmux-direct terminal type (ncurses-term)"
    exit 0
fi
mkdir img
python3 "$top_srcdir/tests/screen/mkpng.py" img/red.png 64 48 220 30 30 split
printf 'id,path,label,split\nr1,img/red.png,cat,dev\nd1,img/red.png,dog,train\n' > s.csv
printf 'id,pred\nr1,dog\nd1,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 1 --list
esc=$(printf '\033')

# shot ENV...: the screen, with its escape sequences, of the UI run with ENV in tmux
# once the preview is drawn.
shot() {
    tm_new 80 24 "env $* EYEBALL_DB=$EYEBALL_DB $EYEBALL review 2>$T_DIR/ui.err; sleep 30"
    tm_wait "1/1" 10 >/dev/null
    local i=0
    while [ $i -lt 200 ]; do
        tm capture-pane -p -e -t t | grep -q "$esc\[[0-9;]*48;[25];" && break
        sleep 0.05
        i=$((i + 1))
    done
    tm capture-pane -p -e -t t > shot.txt
    tm_kill
}
hints() { sed -n 24p shot.txt; }

shot COLORTERM=truecolor TERM=tmux-256color
like "truecolor: the preview in 24-bit colour" "$(cat shot.txt)" \
    "$esc\[[0-9;]*48;2;[0-9]+;[0-9]+;[0-9]+m"
like "truecolor: dim hints in an RGB grey" "$(hints)" "$esc\[38;2;138;138;138m\? help"
like "truecolor: the label in a mid blue, readable on dark and light" "$(sed -n 5p shot.txt)" \
    "$esc\[38;2;0;135;215m(cat|dog)"
is "truecolor: no bold on the status line" "$(sed -n 23p shot.txt | grep -c "$esc\[1m")" 0

shot COLORTERM=24bit TERM=tmux-256color
like "COLORTERM=24bit too" "$(hints)" "$esc\[38;2;138;138;138m\? help"

shot TERM=tmux-256color
like "no COLORTERM: dim hints in colour 245 of 256" "$(hints)" "$esc\[38;5;245m\? help"
like "  the label in colour 32, the same blue" "$(sed -n 5p shot.txt)" "$esc\[38;5;32m(cat|dog)"
like "  and the preview in 256 colours" "$(cat shot.txt)" "$esc\[[0-9;]*48;5;[0-9]+m"
is "  no bold on the status line" "$(sed -n 23p shot.txt | grep -c "$esc\[1m")" 0

shot COLORTERM=truecolor TERM=xterm-256color
like "xterm-256color: xterm-direct" "$(hints)" "$esc\[38;2;138;138;138m\? help"
done_testing
