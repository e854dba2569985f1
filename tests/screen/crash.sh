#!/usr/bin/env bash
# Nothing is lost: the real UI in tmux is killed with SIGKILL right after each kind of
# change (tag, fix, new category, note, undo) is shown as done, and the store holds the
# change and its history row, and passes SQLite's integrity check. Then kills at random
# moments while a key is being handled: each change is there whole or not at all.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

if ! has_tmux; then
    echo "1..0 # SKIP tmux not installed"
    exit 0
fi
IMGTOOL=$top_builddir/tests/imgtool
mkdir img
for i in 1 2 3 4 5; do "$IMGTOOL" png img/$i.png 320 240 >/dev/null; done
cat > s.csv <<'C'
id,path,label,split
a,img/1.png,cat,dev
b,img/2.png,dog,dev
c,img/3.png,cat,dev
d,img/4.png,dog,dev
e,img/5.png,cat,dev
C
printf 'id,pred\na,dog\nb,cat\nc,dog\nd,cat\ne,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 7 --list
is "a pass of 5" "$(printf '%s\n' "$OUT" | wc -l)" 6
# The items in pass order, and the label that differs from each one's.
order=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2)
item() { printf '%s\n' "$order" | sed -n "${1}p"; }
other() { [ "$(sql "SELECT label FROM samples WHERE id='$1'")" = cat ] && echo dog || echo cat; }

# start: opens the UI in a 100x30 tmux pane and waits for the first screen.
start() {
    tm_new 100 30 \
        "env TERM=tmux-256color EYEBALL_REVIEWER=crasher $EYEBALL review"
    tm_wait "/5  reviewed"
}

# kill_ui: SIGKILL now, then waits for the process and its decoder helpers to go; $LEFT
# is how many processes of the UI are still alive.
kill_ui() {
    local pid kids k i=0
    pid=$(tm list-panes -t t -F '#{pane_pid}')
    kids=$(for k in $(pgrep -P "$pid"); do echo "$k"; pgrep -P "$k"; done)
    NKIDS=$(echo $kids | wc -w)
    tm_kill
    LEFT=0
    for k in $pid $kids; do
        i=0
        # (A process killed inside fsync ends when the disk answers: allow 20 s.)
        while alive "$k" && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
        if alive "$k"; then
            LEFT=$((LEFT + 1))
            echo "#   left: $(grep -h '^\(Name\|State\|PPid\)' "/proc/$k/status" 2>&1 | tr '\n' ' ')"
        fi
    done
}

# alive PID: the process exists and is not a zombie (dead, waiting to be reaped).
alive() {
    local st
    st=$(grep '^State:' "/proc/$1/status" 2>/dev/null) || return 1
    case $st in *Z* | *X*) return 1 ;; esac
}

# crash DESC: kill_ui, then the checks every kill must pass.
crash() {
    kill_ui
    is "$1: no process of the UI left behind ($NKIDS helpers)" "$LEFT" 0
    is "$1: the store passes the integrity check" "$(sql 'PRAGMA integrity_check')" ok
}

# history_of ACTION: "id:action:reviewer" of the history rows of that action.
history_of() {
    sql "SELECT coalesce(s.id,'-') || ':' || h.action || ':' || h.reviewer FROM history h
         LEFT JOIN samples s USING(sid) WHERE h.action='$1' ORDER BY h.hid"
}

# 1. A tag.
start
first=$(item 1)
ok "the UI opens at the first item" tm_wait "id         $first"
tm send-keys -t t 2
ok "key 2 shows blurry ticked" tm_wait "2 [x] blurry"
crash "tag"
is "tag: the tag is stored" "$(sql "SELECT s.id || ':' || c.name || ':' || t.reviewer FROM tags t
    JOIN samples s USING(sid) JOIN categories c USING(cid)")" "$first:blurry:crasher"
is "tag: in the history" "$(history_of tag)" "$first:tag:crasher"
is "tag: the example counts as reviewed" "$(sql "SELECT count(*) FROM reviews")" 1

# 2. A label fix: the UI resumes at the next item not yet reviewed.
start
second=$(item 2)
target=$(other "$second")
ok "the UI resumes at the second item" tm_wait "id         $second"
tm send-keys -t t r
ok "r opens the label picker" tm_wait "type to filter"
tm send-keys -t t "$target" Enter
ok "Enter shows the staged fix" tm_wait "(staged)"
crash "fix"
is "fix: the staged fix is stored" "$(sql "SELECT s.id || ':' || f.old_label || '>' || f.new_label ||
    ':' || f.status || ':' || f.reviewer FROM fixes f JOIN samples s USING(sid)")" \
    "$second:$(other "$target")>$target:staged:crasher"
is "fix: mislabeled is ticked with it" "$(sql "SELECT count(*) FROM tags t JOIN categories c
    USING(cid) JOIN samples s USING(sid) WHERE c.name='mislabeled' AND s.id='$second'")" 1
is "fix: in the history" "$(history_of fix)" "$second:fix:crasher"

# 3. A new category in mid-review.
start
tm send-keys -t t +
ok "+ asks for a name" tm_wait "new category:"
tm send-keys -t t "instagram" Enter
ok "the UI says it is added" tm_wait "added category instagram on key"
crash "new category"
is "new category: stored with a key" "$(sql "SELECT name || ':' || (key IS NOT NULL) FROM categories
    WHERE name='instagram'")" "instagram:1"
is "new category: in the history" "$(history_of category-add)" "-:category-add:crasher"

# 4. A note.
start
third=$(item 3)
ok "the UI resumes at the third item" tm_wait "id         $third"
tm send-keys -t t e
ok "e asks for the note" tm_wait "note:"
tm send-keys -t t "looks like a fox, café 狐" Enter
ok "the UI says the note is saved" tm_wait "note saved"
crash "note"
is "note: stored" "$(sql "SELECT s.id || ':' || r.note FROM reviews r JOIN samples s USING(sid)
    WHERE r.note IS NOT NULL")" "$third:looks like a fox, café 狐"
is "note: in the history" "$(history_of note)" "$third:note:crasher"

# 5. Undo: a tag, then u, then the kill.
start
fourth=$(item 4)
ok "the UI resumes at the fourth item" tm_wait "id         $fourth"
tm send-keys -t t 3
ok "key 3 ticks occluded" tm_wait "3 [x] occluded"
tm send-keys -t t u
ok "u says what it undid" tm_wait "undone:"
crash "undo"
is "undo: the tag is gone" "$(sql "SELECT count(*) FROM tags t JOIN categories c USING(cid)
    WHERE c.name='occluded'")" 0
is "undo: the tag and its undo are in the history" \
    "$(sql "SELECT h.action || ':' || coalesce(json_extract(h.detail, '$.action'), '') FROM history h
    JOIN samples s USING(sid) WHERE s.id='$fourth' ORDER BY hid")" "tag:
undo:tag"

# Everything from the five sessions is still there together.
is "all five changes survive" "$(sql "SELECT (SELECT count(*) FROM tags) || ' tags, ' ||
    (SELECT count(*) FROM fixes WHERE status='staged') || ' fix, ' ||
    (SELECT count(*) FROM reviews WHERE note IS NOT NULL) || ' note, ' ||
    (SELECT count(*) FROM categories WHERE name='instagram') || ' category'")" \
    "2 tags, 1 fix, 1 note, 1 category"

# Kills at random moments while 200 presses of key 5 toggle 'dark' on the last item: each
# toggle is one transaction, so the tag is there exactly when the history has one more tag
# than untag.
fifth=$(item 5)
consistent=0
i=0
while [ $i -lt 8 ]; do
    start
    tm send-keys -t t G
    tm_wait "id         $fifth" >/dev/null
    tm send-keys -t t $(printf "5 %.0s" $(seq 1 200))
    sleep "0.0$((i * 3))"
    kill_ui
    tags=$(sql "SELECT count(*) FROM tags t JOIN samples s USING(sid) JOIN categories c USING(cid)
        WHERE s.id='$fifth' AND c.name='dark'")
    net=$(sql "SELECT coalesce(sum(CASE h.action WHEN 'tag' THEN 1 ELSE -1 END), 0) FROM history h
        JOIN samples s USING(sid) WHERE s.id='$fifth' AND h.action IN ('tag','untag')
        AND json_extract(h.detail, '$.name')='dark'")
    [ "$tags" = "$net" ] && [ "$LEFT" = 0 ] && [ "$(sql 'PRAGMA integrity_check')" = ok ] &&
        consistent=$((consistent + 1))
    i=$((i + 1))
done
is "8 kills at random moments: the store is whole every time" "$consistent" 8
echo "# toggles committed before the kills: $(sql "SELECT count(*) FROM history h JOIN samples s
    USING(sid) WHERE s.id='$fifth' AND h.action IN ('tag','untag')")"
done_testing
