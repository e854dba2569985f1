#!/usr/bin/env bash
# The real binary in real terminals (tmux): TERM=dumb is refused before anything is
# written; terminals without colours get no colour codes and still work; a 20x6 window
# says it is too small and ignores keys; resizing the window with the label picker open
# leaves no garbage; escape sequences in the data do not reach the terminal (the window
# title stays), and wide and right-to-left text stays inside its columns.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

if ! has_tmux; then
    echo "1..0 # SKIP tmux not installed"
    exit 0
fi
IMGTOOL=$top_builddir/tests/imgtool
esc=$(printf '\033')
bel=$(printf '\007')
mkdir img
"$IMGTOOL" png img/a.png 320 240 >/dev/null
"$IMGTOOL" png img/b.png 64 48 >/dev/null
cat > s.csv <<C
id,path,label,split,camera
a,img/a.png,cat,dev,"${esc}]2;pwned${bel}${esc}[2J"
b,img/b.png,dog,dev,"${esc}]0;pwned${bel}"
猫/一,img/图片猫一号のとても長いファイル名です.png,猫,dev,这是一张很长的描述文字用来测试宽字符在面板中的截断是否正确处理
ع/١,img/صور/قطة-طويلة-جدا-جدا-جدا-جدا-جدا.png,قطة,dev,مرحبا بالعالم هذا نص طويل باللغة العربية لاختبار الاتجاه
C
printf 'id,pred\na,猫\nb,cat\n猫/一,قطة\nع/١,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m

# run_in_pane W H CMD: runs CMD in a new W x H window, then "rc=STATUS".
run_in_pane() { tm_new "$1" "$2" "$3; echo rc=\$?; sleep 60"; }

# --- TERM=dumb: refused, nothing written (no pass, no default categories) ---
before=$(store_state)
run_in_pane 80 24 "env TERM=dumb $EYEBALL review"
ok "TERM=dumb: review ends at once" tm_wait "rc=1"
like "  saying why and what to do" "$(tm capture-pane -p -J -t t | tr -s ' \n' ' ')" \
    "eyeball review: terminal type 'dumb' cannot move the cursor, so the review screen cannot be drawn; use a full-screen terminal \(e.g. TERM=xterm-256color\) or --list"
is "  and the store is untouched: no pass, no categories" "$(store_state)" "$before"
run_in_pane 80 24 "env TERM=no-such-terminal $EYEBALL review"
ok "an unknown TERM is refused" tm_wait "rc=1"
like "  naming it" "$(tm capture-pane -p -J -t t | tr -s ' \n' ' ')" "unknown terminal type 'no-such-terminal'"
is "  and the store is untouched" "$(store_state)" "$before"

# --- no colours: vt100 and xterm-mono ---
colour_codes() { tm capture-pane -p -e -t t | grep -c "$esc\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\|9[0-7]\|10[0-7]\)m"; }
for term in vt100 xterm-mono; do
    run_in_pane 80 24 "env TERM=$term EYEBALL_REVIEWER=mono $EYEBALL review --seed 4"
    ok "$term: the review screen opens" tm_wait "/4  reviewed"
    tm send-keys -t t g
    tm_wait "1/4  reviewed" >/dev/null
    sleep 0.3   # the preview arrives from the workers
    is "$term: no colour codes at all" "$(colour_codes)" 0
    like "$term: the title bar is in reverse video" "$(tm capture-pane -p -e -t t | head -n 1)" \
        "^$esc\[[0-9;]*7m eyeball"
    tm send-keys -t t 2
    ok "$term: key 2 ticks blurry" tm_wait "2 [x] blurry"
    tm send-keys -t t 2 q
    ok "$term: q quits normally" tm_wait "rc=0"
    done
is "the ticks went to the store and back" "$(sql "SELECT count(*) FROM history WHERE reviewer='mono'
    AND action IN ('tag','untag')")" 4

# --- a 20x6 window, then resizing with the picker open ---
run_in_pane 20 6 "env TERM=tmux-256color EYEBALL_REVIEWER=small $EYEBALL review"
ok "20x6: says the terminal is too small" tm_wait "terminal too small:"
like "  and what it needs" "$(tm capture-pane -p -t t)" "eyeball needs 60x16"
tm send-keys -t t 1 2 r x e u
sleep 0.3
is "  keys do nothing there" "$(sql "SELECT count(*) FROM history WHERE reviewer='small'")" 0
tm resize-window -t t -x 100 -y 30
ok "grown to 100x30, the review screen appears" tm_wait "? help  q quit"
ok "  nothing past the window's width" test "$(tm_width)" -le 100
tm send-keys -t t r
ok "r opens the picker" tm_wait "type to filter"
# resized W H: waits until the pane shows the review screen at W x H, title on top and
# status line at the bottom, with the picker on it.
resized() {
    local i=0 screen
    while [ $i -lt 100 ]; do
        screen=$(tm capture-pane -p -t t)
        if [ "$(printf '%s\n' "$screen" | wc -L)" -le "$1" ] &&
           [ "$(printf '%s\n' "$screen" | wc -l)" = "$2" ] &&
           printf '%s\n' "$screen" | head -n 1 | grep -q '^ eyeball · pass' &&
           printf '%s\n' "$screen" | tail -n 2 | head -n 1 | grep -Eq '^ [0-9]+/4 ' &&
           printf '%s\n' "$screen" | grep -q "type to filter"; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    printf '%s\n' "$screen" | sed 's/^/#   | /'
    return 1
}
for size in 70x20 120x40 60x16; do
    w=${size%x*}
    tm resize-window -t t -x "$w" -y "${size#*x}"
    ok "picker open, resized to $size: redrawn at that size" resized "$w" "${size#*x}"
    screen=$(tm capture-pane -p -t t)
    is "  one picker on the screen" "$(printf '%s\n' "$screen" | grep -c 'fix the label of')" 1
    is "  with one filter line and one hint line" \
        "$(printf '%s\n' "$screen" | grep -c '│ filter:') $(printf '%s\n' "$screen" | grep -c 'type to filter')" "1 1"
done
tm resize-window -t t -x 20 -y 6
ok "picker open, shrunk to 20x6: says too small" tm_wait "terminal too small:"
tm resize-window -t t -x 80 -y 24
ok "grown back to 80x24: the picker is there" tm_wait "type to filter"
tm send-keys -t t Escape
ok "Esc closes it" tm_wait "relabel cancelled"
tm send-keys -t t q
ok "q quits normally" tm_wait "rc=0"

# --- escape sequences, wide and right-to-left text in a real terminal ---
run_in_pane 80 24 "env TERM=tmux-256color $EYEBALL review"
ok "the review screen opens" tm_wait "/4  reviewed"
all=
for k in 1 2 3 4; do
    tm send-keys -t t g
    [ $k -gt 1 ] && tm send-keys -t t "$(printf 'j%.0s' $(seq 2 $k))"
    tm_wait "$k/4  reviewed" >/dev/null
    sleep 0.2   # the preview arrives from the workers
    screen=$(tm capture-pane -p -t t)
    all="$all
$screen"
    is "item $k: every row within 80 columns" "$(tm_width)" 80
    is "item $k: 24 rows, the title on top, the status line at the bottom" \
        "$(printf '%s\n' "$screen" | wc -l) $(printf '%s\n' "$screen" | head -n 1 | cut -c1-8)|$(printf '%s\n' "$screen" | sed -n 23p | cut -c1-4)" \
        "24  eyeball| $k/4"
done
like "the window title escape is shown, not obeyed" "$all" 'camera +\\e\]0;pwned\\x07$'
isnt_pwned=$(tm display-message -p -t t '#{pane_title}')
ok "the pane title was not changed" test "$isnt_pwned" != pwned
like "the clear-screen escape is shown, not obeyed" "$all" 'camera +\\e\]2;pwned\\x07\\e\[2J$'
like "a CJK path, cut at the front to fit" "$all" "path +…も長いファイル名です\.png$"
like "CJK metadata, cut to fit" "$all" "camera +这是一张很长的描述文字用…$"
like "an Arabic label" "$all" "label +قطة$"
like "an Arabic path, cut at the front to fit" "$all" "path +…-جدا-جدا-جدا-جدا-جدا\.png$"
like "Arabic metadata, cut to fit" "$all" "camera +مرحبا بالعالم هذا نص طوي…$"
tm send-keys -t t q
ok "q quits normally" tm_wait "rc=0"
done_testing
