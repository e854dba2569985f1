#!/bin/bash
# A write that fails part of the way commits nothing. A trigger makes SQLite fail on the
# Nth row a command writes to a table (after it has written others in the same
# transaction); the command must exit 2 with the reason, and the store must be exactly as
# before. One case per multi-statement write: fix with duplicates, withdraw, undo, apply,
# categories rename and rm, split --reassign, import --update.
. "$top_srcdir/tests/cli/lib.sh"

# inject TABLE EVENT N: the Nth EVENT (INSERT, UPDATE or DELETE) on TABLE fails.
inject() {
    sql "DROP TRIGGER IF EXISTS inj_t; DROP TABLE IF EXISTS inj;
         CREATE TABLE inj(n INTEGER); INSERT INTO inj VALUES(0);
         CREATE TRIGGER inj_t BEFORE $2 ON $1 BEGIN UPDATE inj SET n = n + 1;
         SELECT RAISE(ABORT, 'injected failure') WHERE (SELECT n FROM inj) >= $3; END;"
}
uninject() { sql "DROP TRIGGER IF EXISTS inj_t; DROP TABLE IF EXISTS inj;"; }

printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,test\n' > s.csv
printf 'd,d.png,cat,dev\ne,e.png,dog,train\nf,f.png,cat,\ng,g.png,dog,\n' >> s.csv
eb import samples s.csv
is "setup" "$RC" 0
sql "UPDATE samples SET hash='h1' WHERE id IN ('a','c','d')"

# ---- fix: the fix and its copies for the exact duplicates ----
inject fixes INSERT 2
refused "fix: the second copy fails" 2 "injected failure" fix a dog
inject history INSERT 2
refused "fix: the history of a copy fails" 2 "injected failure" fix a dog
uninject
eb fix a dog
is "fix without a failure" "$OUT" "staged a fix of a: cat -> dog
also staged for 2 exact duplicates: c, d"
eb tag b blurry dark
is "tags for later" "$RC" 0

# ---- withdraw: the fix, then each copy ----
inject fixes UPDATE 2
refused "withdraw: the second fix fails" 2 "injected failure" fix a --withdraw
inject history INSERT 1
refused "withdraw: its history fails" 2 "injected failure" fix a --withdraw
uninject

# ---- apply: one label after another ----
inject samples UPDATE 2
refused "apply: the second label fails" 2 "injected failure" apply --force-dev-only
inject history INSERT 3
refused "apply: the third history row fails" 2 "injected failure" apply --force-dev-only
uninject

# ---- categories rename and rm ----
inject history INSERT 1
refused "categories rename: its history fails" 2 "injected failure" \
    categories rename blurry fuzzy
uninject
eb tag a dark
is "a tagged dark" "$OUT" "tagged a: dark"
is "dark on two" "$(sql "SELECT count(*) FROM tags JOIN categories USING(cid) WHERE name = 'dark'")" 2
inject tags DELETE 2
refused "categories rm: the second of two tagged examples fails" 2 "injected failure" \
    categories rm dark --force
inject history INSERT 1
refused "categories rm: its history fails" 2 "injected failure" categories rm dark --force
uninject

# ---- split --reassign ----
inject samples UPDATE 3
refused "split --reassign: the third sample fails" 2 "injected failure" split --reassign --force
uninject

# ---- import --update ----
printf 'id,path,label,split\na,a.png,bird,dev\nb,b.png,bird,dev\nc,c.png,bird,test\n' > u.csv
inject samples UPDATE 2
refused "import --update: the second change fails" 2 "injected failure" \
    import samples u.csv --update
uninject

# ---- undo in the review screen: a tag undone, its history fails ----
printf 'id,pred\na,dog\nb,cat\nd,dog\n' > p.csv
eb import preds p.csv --model m
eb review --seed 1 --list
is "a pass" "$RC" 0
printf 'key 3\nkey q\n' > keys1
EYEBALL_KEYS=keys1 EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "the screen tags" "$RC" 0
inject history INSERT 1
before=$(store_state)
printf 'key u\ndump\nkey q\n' > keys2
EYEBALL_KEYS=keys2 EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "undo: the store is as before" "$(store_state)" "$before"
like "undo: the screen says why" "$(cat dump.txt)" "injected failure"
uninject
done_testing
