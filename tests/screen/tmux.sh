#!/usr/bin/env bash
# The real binary in a real terminal (tmux): the preview shows as coloured cells, keys tag
# and fix, and SIGKILL right after a fix loses nothing.
. "$top_srcdir/tests/cli/lib.sh"

if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux or python3 not installed"
    exit 0
fi
SOCK="eyeball-test-$$"
tm() { tmux -L "$SOCK" "$@"; }
cleanup() { tm kill-server 2>/dev/null; rm -rf "$T_DIR"; }
trap cleanup EXIT

# wait_for TEXT [SECONDS]: polls the pane every 50 ms until TEXT shows.
wait_for() {
    local i=0 limit=$(( ${2:-10} * 20 ))
    while [ $i -lt $limit ]; do
        if tm capture-pane -p -t t 2>/dev/null | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    echo "# timed out waiting for: $1"
    sed 's/^/#   stderr: /' "$T_DIR/ui.err" 2>/dev/null | head -20
    tm capture-pane -p -t t 2>/dev/null | sed 's/^/#   | /'
    return 1
}

mkdir img
python3 "$top_srcdir/tests/screen/mkpng.py" img/red.png 64 48 220 30 30 split
python3 "$top_srcdir/tests/screen/mkpng.py" img/blue.png 32 32 20 40 200
cat > s.csv <<'C'
id,path,label,split
r1,img/red.png,cat,dev
b1,img/blue.png,dog,dev
C
printf 'id,pred,prob:cat,prob:dog\nr1,dog,0.1,0.9\nb1,cat,0.8,0.2\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
tm new-session -d -s t -x 100 -y 30 \
    "env TERM=tmux-256color EYEBALL_DB=$EYEBALL_DB EYEBALL_REVIEWER=tmuxer $EYEBALL review --seed 1 2>$T_DIR/ui.err; sleep 5"
ok "the UI shows the first item" wait_for "1/2"
# The preview arrives from the worker threads a moment later: poll for coloured cells.
esc=$(printf '\033')
i=0
while [ $i -lt 200 ]; do
    tm capture-pane -p -e -t t | grep -q "$esc\[[0-9;]*48;5;[0-9]*m" && break
    sleep 0.05
    i=$((i + 1))
done
if [ $i -lt 200 ]; then
    _t_result 0 "the preview is drawn as coloured cells"
else
    _t_result 1 "the preview is drawn as coloured cells"
    tm capture-pane -p -e -t t | head -5 | cat -v | sed 's/^/#   /'
fi
tm send-keys -t t 1
ok "key 1 ticks the first category" wait_for "1 [x]"
is "the tag is in the store" "$(sql "SELECT count(*) FROM tags")" "1"
tm send-keys -t t r
ok "r opens the label picker" wait_for "type to filter"
first=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos LIMIT 1")
target=$(sql "SELECT CASE label WHEN 'cat' THEN 'dog' ELSE 'cat' END FROM samples WHERE id='$first'")
tm send-keys -t t "$target" Enter
ok "Enter stages the fix" wait_for "(staged)"
pid=$(tm list-panes -t t -F '#{pane_pid}')
pkill -KILL -P "$pid" 2>/dev/null
kill -KILL "$pid" 2>/dev/null
is "the staged fix survived SIGKILL" "$(sql "SELECT s.id || ':' || f.new_label || ':' || f.status || ':' || f.reviewer FROM fixes f JOIN samples s USING(sid)")" "$first:$target:staged:tmuxer"
if "$EYEBALL" export fixes --help >/dev/null 2>&1; then
    eb export fixes
    like "export fixes shows it after the kill" "$OUT" "^$first,.*,$target,staged,tmuxer,"
fi
ok "the store is intact" test "$(sql 'PRAGMA integrity_check')" = ok

# What ./quickstart does: the demo writes its dataset and opens the review UI on it.
tm kill-server 2>/dev/null
tm new-session -d -s t -x 100 -y 30 \
    "cd $T_DIR && env TERM=tmux-256color $EYEBALL demo demo 2>$T_DIR/ui.err; sleep 5"
ok "the demo opens the review UI" wait_for "model demo-cnn" 120
ok "on a pass of 100 misclassified dev images" wait_for "1/100"
tm send-keys -t t q
ok "q quits and the demo prints what to try next" wait_for "eyeball -d demo/eyeball.db report"
done_testing
