#!/usr/bin/env bash
# Two reviewers at once on one store: two review UIs (headless, keys from scripts) and
# the command line, all writing. First step by step: each UI shows the others' changes
# when it moves to an item. Then all at full speed: no change is lost (every one is in
# the store and in the history), and no "database is locked" reaches anyone.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

# 60 dev examples the model got wrong (cat <-> dog), and train examples for more labels.
awk 'BEGIN { print "id,path,label,split";
             for (i = 1; i <= 60; i++) printf "e%02d,img/e%02d.png,%s,dev\n", i, i, (i % 2 ? "cat" : "dog");
             print "t1,img/t1.png,fox,train"; print "t2,img/t2.png,owl,train" }' > s.csv
awk 'BEGIN { print "id,pred";
             for (i = 1; i <= 60; i++) printf "e%02d,%s\n", i, (i % 2 ? "dog" : "cat");
             print "t1,fox"; print "t2,owl" }' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 11 --sample 60 --list
is "one pass of 60 items" "$RC:$(printf '%s\n' "$OUT" | sed 1d | wc -l)" "0:60"
order=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2)
printf '%s\n' "$order" > order
item() { printf '%s\n' "$order" | sed -n "${1}p"; }
label() { sql "SELECT label FROM samples WHERE id='$1'"; }
other() { [ "$(label "$1")" = cat ] && echo dog || echo cat; }
i1=$(item 1) i2=$(item 2) i3=$(item 3)

# --- step by step ---
EYEBALL_REVIEWER=alice ui_start a 5 review
EYEBALL_REVIEWER=bob ui_start b 6 review
ok "alice's UI opens" ui_dump a
like "  at the first item" "$SCREEN" "id +$i1"
ok "bob's UI opens" ui_dump b
like "  at the first item" "$SCREEN" "id +$i1"

EYEBALL_REVIEWER=carol run "$EYEBALL" fix "$i2" "$(other "$i2")"
is "carol stages a fix of the second item from the command line" "$RC" 0
ui_send a "key j"
ui_dump a
like "alice moves to the second item and sees carol's fix" "$SCREEN" \
    "fix +$(label "$i2") → $(other "$i2") \(staged\)"
like "  and the mislabeled tick that came with it" "$SCREEN" "1 \[x\] mislabeled"

ui_send b "key 2"
ui_dump b
like "bob ticks blurry on the first item" "$SCREEN" "2 \[x\] blurry"
ui_send a "key k"
ui_dump a
like "alice moves back to the first item and sees bob's tag" "$SCREEN" "2 \[x\] blurry"
like "  and who reviewed it" "$SCREEN" "reviewed by bob"

# Both tick occluded on the same item, each from a screen where it is not ticked yet:
# a tick sets the tag, it does not flip what the store has, so the second changes nothing.
# bob reviewed it: alice is asked first, and says yes.
ui_send a "key 3"
ui_dump a
like "alice is asked before changing bob's item" "$(printf '%s\n' "$SCREEN" | tail -n 1)" \
    "^$i1 was reviewed by bob; change it too\? \(y/n\)$"
ui_send a "key y"
ui_dump a
ui_send b "key 3"
ui_dump b
like "bob ticks occluded too, after alice did" "$SCREEN" "3 \[x\] occluded"
is "the tag is stored once, by alice" "$(sql "SELECT s.id || ':' || t.reviewer FROM tags t
    JOIN samples s USING(sid) JOIN categories c USING(cid) WHERE c.name='occluded'")" "$i1:alice"
is "the history has both judgements; bob's left the team's tag as it was" \
    "$(sql "SELECT reviewer || ':' || coalesce(json_extract(detail, '$.team_unchanged'), 0)
    FROM history WHERE action='tag' AND json_extract(detail, '$.name')='occluded' ORDER BY hid")" \
    "alice:0
bob:1"
is "each holds it as their own" "$(sql "SELECT group_concat(v.reviewer) FROM verdict_tags v
    JOIN categories c USING(cid) WHERE c.name='occluded'")" "alice,bob"

# Both fix the third item, alice to fox and then bob to owl (from a screen without
# alice's fix): the later one is staged, alice's is withdrawn, both are in the history.
ui_send a "key j" "key j" "key r" "type fox" "key Enter"
ui_dump a
like "alice stages fox on the third item" "$SCREEN" "→ fox \(staged\)"
ui_send b "key j" "key j"
ui_dump b
like "bob, moving to the third item, sees alice's fix" "$SCREEN" "→ fox \(staged\)"
ui_send b "key r" "key y" "type owl" "key Enter"
ui_dump b
like "bob stages owl instead" "$SCREEN" "→ owl \(staged\)"
ui_send a "key k" "key j"
ui_dump a
like "alice sees bob's fix when she comes back to the item" "$SCREEN" "→ owl \(staged\)"
is "the fixes of the third item" "$(sql "SELECT f.new_label || ':' || f.status || ':' || f.reviewer
    FROM fixes f JOIN samples s USING(sid) WHERE s.id='$i3' ORDER BY fid")" "fox:withdrawn:alice
owl:staged:bob"
is "the history has both" "$(sql "SELECT h.action || ':' || h.reviewer FROM history h JOIN samples s
    USING(sid) WHERE s.id='$i3' AND h.action IN ('fix','withdraw') ORDER BY hid")" "fix:alice
fix:bob
withdraw:bob"
ui_send a "key q"
ui_send b "key q"
ui_stop a
is "alice's UI quits normally" "$RC" 0
ui_stop b
is "bob's UI quits normally" "$RC" 0
ok "no screen showed an error" sh -c '! grep -Eiq "locked|busy|error" a.dump b.dump a.err b.err'

# --- all at once ---
# alice ticks blurry on every item; bob ticks occluded on every item and fixes every
# third one to fox; carol, on the command line, ticks dark on every second item and fixes
# every fourth one to owl (two loops side by side). Items start from a clean slate.
# Who reviews an item first depends on timing, so each tick is followed by y: it answers
# "reviewed by ...; change it too?" when asked, and is an unused key (no change) when not.
sql "DELETE FROM tags; DELETE FROM fixes; DELETE FROM reviews; DELETE FROM verdict_tags;
     DELETE FROM verdicts"
hist0=$(sql "SELECT max(hid) FROM history")
{
    echo "key g"
    for i in $(seq 1 60); do echo "key 2"; echo "key y"; echo "key j"; done
    echo "key q"
} > alice.keys
{
    echo "key g"
    for i in $(seq 1 60); do
        echo "key 3"
        echo "key y"
        [ $((i % 3)) = 0 ] && printf 'key r\ntype fox\nkey Enter\n'
        echo "key j"
    done
    echo "dump"
    echo "key q"
} > bob.keys
# Each writer notes when it starts and ends, to show that they ran side by side.
span() { # span NAME CMD...: runs CMD, appending "NAME start end" (seconds) to spans
    local t0=$(date +%s.%N) rc
    "${@:2}"
    rc=$?
    echo "$1 $t0 $(date +%s.%N)" >> spans
    return $rc
}
EYEBALL_REVIEWER=alice EYEBALL_KEYS=alice.keys EYEBALL_SCREEN_DUMP=alice.dump \
    span alice "$EYEBALL" review > alice.out 2> alice.err &
ui_a=$!
EYEBALL_REVIEWER=bob EYEBALL_KEYS=bob.keys EYEBALL_SCREEN_DUMP=bob.dump \
    span bob "$EYEBALL" review > bob.out 2> bob.err &
ui_b=$!
span carol-tag sh -c '
    for i in $(seq 2 2 60); do
        EYEBALL_REVIEWER=carol "$EYEBALL" tag "$(sed -n "${i}p" order)" dark > /dev/null ||
            echo "tag $i: $?"
    done' > carol-tag.err 2>&1 &
cli_a=$!
span carol-fix sh -c '
    for i in $(seq 4 4 60); do
        EYEBALL_REVIEWER=carol "$EYEBALL" fix "$(sed -n "${i}p" order)" owl > /dev/null ||
            echo "fix $i: $?"
    done' > carol-fix.err 2>&1 &
cli_b=$!
wait $ui_a
is "alice's UI ends normally" "$?" 0
wait $ui_b
is "bob's UI ends normally" "$?" 0
wait $cli_a
wait $cli_b
# The writers overlapped: the latest start is before the earliest end.
cat spans | sed "s/^/# /"
is "the four writers ran side by side" "$(awk 'NR == 1 || $2 > s { s = $2 } NR == 1 || $3 < e { e = $3 }
    END { print (s < e ? "yes" : "no: " s " >= " e) }' spans)" yes
is "every command of carol's succeeded, and none said anything on stderr" \
    "$(cat carol-tag.err carol-fix.err alice.err bob.err)" ""
ok "no screen showed a locked store or an error" \
    sh -c '! grep -Eiq "locked|busy|error" alice.dump bob.dump'
like "bob's last screen is the last item, all reviewed" "$(tail -n 3 bob.dump | head -n 1)" \
    "^ 60/60  reviewed 60 "

# tally CATEGORY: "reviewer count" of the tags of that category.
tally() {
    sql "SELECT t.reviewer || ' ' || count(*) FROM tags t JOIN categories c USING(cid)
         WHERE c.name='$1' GROUP BY t.reviewer"
}
is "alice's 60 blurry ticks are all there" "$(tally blurry)" "alice 60"
is "bob's 60 occluded ticks are all there" "$(tally occluded)" "bob 60"
is "carol's 30 dark ticks are all there" "$(tally dark)" "carol 30"
is "every tick is in the history, once" "$(sql "SELECT reviewer || ' ' ||
    json_extract(detail, '$.name') || ' ' || count(*) FROM history WHERE hid > $hist0 AND
    action='tag' GROUP BY reviewer, json_extract(detail, '$.name') ORDER BY reviewer")" "alice blurry 60
bob occluded 60
carol dark 30"
is "every fix is in the history: bob 20, carol 15" "$(sql "SELECT reviewer || ' ' || count(*)
    FROM history WHERE hid > $hist0 AND action='fix' GROUP BY reviewer ORDER BY reviewer")" \
    "bob 20
carol 15"
is "each fixed item has one staged fix: that of its last fix in the history" "$(sql "
    SELECT count(*) FROM fixes f WHERE f.status='staged' AND f.new_label = (SELECT
        json_extract(h.detail, '$.new') FROM history h WHERE h.sid=f.sid AND h.action='fix'
        ORDER BY h.hid DESC LIMIT 1)")" \
    "$(sql "SELECT count(DISTINCT sid) FROM history WHERE hid > $hist0 AND action='fix'")"
is "and never two" "$(sql "SELECT count(*) FROM (SELECT sid FROM fixes WHERE status='staged'
    GROUP BY sid HAVING count(*) > 1)")" 0
is "items fixed by both: 5, the later fix staged" "$(sql "SELECT count(*) FROM (SELECT sid FROM
    history WHERE hid > $hist0 AND action='fix' GROUP BY sid HAVING count(DISTINCT reviewer) = 2)")" 5
is "the store passes the integrity check" "$(sql 'PRAGMA integrity_check')" ok

# --- a writer that holds the store longer than the 5-second busy timeout ---
# Another program keeps a write transaction open for 8 s; a command and a key in the UI,
# both at once, wait 5 s, then say why they gave up; the UI goes on.
# Every judgement becomes alice's, so her keys never stop at "reviewed by bob; change it
# too?" and go straight to the held store.
sql "UPDATE reviews SET reviewer = 'alice'; UPDATE tags SET reviewer = 'alice'"
EYEBALL_REVIEWER=alice ui_start a 5 review
ui_dump a
before=$(store_state)
(echo "BEGIN IMMEDIATE; INSERT INTO meta VALUES('held','1');"; sleep 8; echo "ROLLBACK;") |
    sqlite3 "$EYEBALL_DB" &
holder=$!
sleep 0.5
ui_send a "key 4"
t0=$(date +%s)
eb tag "$i1" dark
t1=$(date +%s)
like "a command on a store held for longer than 5 s: exit status 2, saying why" "$RC: $ERR" \
    "^2: eyeball: .*: database is locked while .*; another eyeball is writing to this store, try again in a moment$"
ok "  after waiting about 5 s ($((t1 - t0)) s)" test $((t1 - t0)) -ge 4 -a $((t1 - t0)) -le 7
ui_dump a
like "the UI says the same in its status line" \
    "$(printf '%s\n' "$SCREEN" | sed -n '23,24p' | tr -s ' \n' ' ')" \
    "another eyeball is writing to this store, try again in a moment"
wait $holder
is "nothing was changed" "$(store_state)" "$before"
ui_send a "key 4"
ui_dump a
like "once the store is free, the same key works" "$SCREEN" "4 \[x\] too-small"
ui_send a "key q"
ui_stop a
is "the UI quits normally" "$RC" 0
done_testing
