#!/bin/sh
# apply: dev-only fixes are refused with the exact command to run; the override works and
# is recorded; dev+test fixes are applied in one transaction; --dry-run changes nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

make_dataset
eb import samples samples.csv
eb import preds preds.csv --model m1
is "set-up" "$RC" 0
t_category mislabeled 1 1

before=$(store_state)
eb apply
is "nothing staged: exit 0" "$RC" 0
is "nothing staged: says so" "$OUT" "nothing to apply: no staged label fixes"
is "nothing staged: store unchanged" "$(store_state)" "$before"

# Dev pass 1 drew 20 of the 25 misclassified dev examples (80%) with --correct 0.1 and
# seed 12345; two of its errors get staged fixes. Test has 10 misclassified examples:
# the same share is 8 of them.
t_pass 1 dev random 20 0.1 12345 25 225 $(ids 1 20 d) d100:c d101:c
t_review $(ids 1 20 d) d100 d101
t_fix d001 dog
t_fix d002 dog
want_refusal="eyeball: apply refused: dev has 2 staged label fixes but the test set has not been through the same procedure; dev and test must stay one distribution, so fix labels on both the same way
  dev pass #1 (random, model m1, 2 of the fixes) drew 20 of 25 misclassified dev examples (80.0%) with --correct 0.1;
  no finished test pass did the same; start one (8 of the 10 misclassified test examples):
    eyeball review --model m1 --split test --sample 8 --correct 0.1 --seed 12345 --new
  when test has had the same procedure another way, apply anyway with 'eyeball apply --force-dev-only' (recorded in the history)"
refused "dev-only fixes refused" 1 "apply refused: dev has 2 staged label fixes" apply
is "the refusal says why and prints the command" "$ERR" "$want_refusal"
is "nothing printed on stdout" "$OUT" ""
refused "dry run is refused the same way" 1 "apply would be refused: dev has 2 staged" apply --dry-run
like "dry run prints the command" "$ERR" "^    eyeball review --model m1 --split test --sample 8 --correct 0.1 --seed 12345 --new$"

# A finished test pass with another rule does not count: half of the errors (5 of 10),
# or the right share without correct examples.
t_pass 2 test random 5 0.1 7 10 90 $(ids 1 5 t)
t_pass 3 test random 8 0 7 10 90 $(ids 1 8 t)
t_review $(ids 1 8 t)
refused "a test pass with another share or --correct does not count" 1 "apply refused" apply
like "still asks for the matching pass" "$ERR" "--sample 8 --correct 0.1 --seed 12345 --new"

# The matching pass, started but not finished: finish it.
t_pass 4 test random 8 0.1 99 10 90 $(ids 1 8 t) t050:c
refused "an unfinished matching test pass" 1 "apply refused" apply
is "says to finish it" "$(printf '%s\n' "$ERR" | sed -n '3,4p')" "  test pass #4 follows the same rule but only 8 of its 9 items are reviewed; finish it:
    eyeball review --model m1 --split test"
t_review t050
t_fix t003 dog

# Dry run: prints what would change, changes nothing.
before=$(store_state)
eb apply --dry-run
is "dry run exits 0" "$RC" 0
is "dry run output" "$OUT" "would apply 3 label fixes (dev 2, test 1); dry run, nothing changed:
  dev        d001: cat -> dog
  dev        d002: cat -> dog
  test       t003: cat -> dog"
is "dry run changes nothing" "$(store_state)" "$before"

# One transaction: a failure on the last fix leaves the first two unapplied too.
sql "CREATE TRIGGER boom BEFORE UPDATE ON fixes WHEN NEW.fid = 3 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
refused "a failure half-way applies nothing" 2 "disk on fire while applying the fixes" apply
sql "DROP TRIGGER boom"

run env EYEBALL_NOW=2026-02-03T04:05:06Z "$EYEBALL" apply
is "dev+test: exit 0" "$RC" 0
is "dev+test: what changed per split" "$OUT" "applied 3 label fixes (dev 2, test 1):
  dev        d001: cat -> dog
  dev        d002: cat -> dog
  test       t003: cat -> dog"
is "dev+test: no warning" "$ERR" ""
is "labels changed" "$(sql "SELECT group_concat(id || '=' || label, ' ') FROM samples WHERE id IN ('d001','d002','t003')")" "d001=dog d002=dog t003=dog"
is "fixes applied with the time" "$(sql "SELECT group_concat(status || '@' || applied, ' ') FROM fixes ORDER BY fid")" "applied@2026-02-03T04:05:06Z applied@2026-02-03T04:05:06Z applied@2026-02-03T04:05:06Z"
is "one history row per fix" "$(sql "SELECT group_concat(action || ':' || detail, ' | ') FROM history WHERE action LIKE 'apply%'")" \
    'apply:{"fid":1,"old":"cat","new":"dog","split":"dev"} | apply:{"fid":2,"old":"cat","new":"dog","split":"dev"} | apply:{"fid":3,"old":"cat","new":"dog","split":"test"}'
eb apply
is "applying again: nothing to apply" "$OUT" "nothing to apply: no staged label fixes"

# A dev fix outside any pass has no rule to repeat: refused; the override applies it and
# is recorded in the history.
t_fix d021 cat
refused "a dev fix outside any pass" 1 "apply refused: dev has 1 staged label fix " apply
is "names the example" "$(printf '%s\n' "$ERR" | sed -n 2p)" "  1 staged dev fix (e.g. 'd021') concerns examples in no dev review pass, so there is no sampling rule to repeat on test"
run env EYEBALL_NOW=2026-02-04T00:00:00Z "$EYEBALL" apply --force-dev-only
is "override: exit 0" "$RC" 0
is "override: applied" "$OUT" "applied 1 label fix (dev 1):
  dev        d021: dog -> cat"
is "override: warning" "$ERR" "eyeball: warning: test has not had the same procedure as dev; applied because of --force-dev-only (recorded in the history)"
is "override recorded" "$(sql "SELECT time || ' ' || reviewer || ' ' || coalesce(sid, '-') || ' ' || detail FROM history WHERE action = 'apply-override'")" \
    '2026-02-04T00:00:00Z tester - {"option":"--force-dev-only","dev_fixes":1,"fixes":1,"dev_outside_passes":1,"unmatched_dev_passes":[]}'

# Train fixes need no test pass.
t_fix r001 cat
eb apply
is "train fix applied" "$OUT" "applied 1 label fix (train 1):
  train      r001: dog -> cat"

# A fix staged against a label that changed since (an import with --update) is refused.
t_fix d003 dog
printf 'id,path,label,split,source,w,note\nd003,img/d003.png,bird,dev,phone,3,\n' > upd.csv
eb import samples upd.csv --update
refused "a fix made against an old label" 1 "the staged fix of 'd003' \(cat -> dog\) was made when its label was 'cat', but the label is now 'bird'; stage it again \(eyeball fix d003 dog\) or withdraw it; nothing was applied" apply --force-dev-only
sql "UPDATE fixes SET status = 'withdrawn' WHERE status = 'staged'"

# A suspects pass over dev needs a suspects pass over test.
t_pass 5 dev suspects 4 0 0 40 0 d030 d031 d032 d033
t_fix d031 cat
refused "suspects fixes need a test suspects pass" 1 "apply refused" apply
like "suspects command" "$ERR" "^    eyeball review --queue suspects --model m1 --split test --sample 1 --new$"
sql "UPDATE fixes SET status = 'withdrawn' WHERE status = 'staged'"

# Bad arguments.
refused "stray argument" 1 "unexpected argument 'now'" apply now
refused "unknown option" 1 "unknown option '--force'" apply --force
refused "missing store" 1 "no such store" -d "$T_DIR/none.db" apply

# No test examples at all: nothing to balance.
mkdir solo && cd solo
export EYEBALL_DB=$PWD/solo.db
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\n' > s.csv
eb import samples s.csv
t_category mislabeled 1 1
t_fix a dog
eb apply
is "no test split: applied" "$OUT" "applied 1 label fix (dev 1):
  dev        a: cat -> dog"
is "no test split: a note" "$ERR" "eyeball: note: the store has no test examples; only dev was checked"
done_testing
