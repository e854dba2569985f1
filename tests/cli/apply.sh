#!/usr/bin/env bash
# apply: dev-only fixes are refused with the exact command to run; the override works and
# is recorded; dev+test fixes are applied in one transaction; --dry-run changes nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

make_dataset
eb import samples samples.csv
eb import preds preds.csv --model m1
is "set-up" "$RC" 0
setup_categories

before=$(store_state)
eb apply
is "nothing staged: exit 0" "$RC" 0
is "nothing staged: says so" "$OUT" "nothing to apply: no staged label fixes"
is "nothing staged: store unchanged" "$(store_state)" "$before"

# Dev pass 1 drew 20 of the 25 misclassified dev examples with --correct 0.1; all its
# items are reviewed in the UI (20 errors, 2 correct examples: 0.1 per error) and two of
# its errors get staged fixes. Test has 10 misclassified examples: the same share
# reviewed is 20 x 10/25 = 8, with 0.1 x 8 = 0.8 -> 1 correct example.
t_pass 1 dev random 20 0.1 12345 25 225 $(ids 1 20 d) d100:c d101:c
ui "$(rep 22 m) q"
is "dev pass reviewed" "$(sql "SELECT count(*) FROM reviews")" 22
eb fix d001 dog
eb fix d002 dog
want_refusal="eyeball: apply refused: dev has 2 staged label fixes but the test set has not been through the same procedure; dev and test must stay one distribution, so fix labels on both the same way
  model m1 (2 of the fixes): dev had 20 of its 25 misclassified examples reviewed (80.0%) and 2 correctly classified ones; test had 0 of its 10 (0.0%) and 0;
  the same share of test is 8 misclassified examples with 1 correctly classified one; review them:
    eyeball review --model m1 --split test --sample 8 --correct 0.1 --new
  when test has had the same procedure another way, apply anyway with 'eyeball apply --force-dev-only' (recorded in the history)"
refused "dev-only fixes refused" 1 "apply refused: dev has 2 staged label fixes" apply
is "the refusal says why and prints the command" "$ERR" "$want_refusal"
is "nothing printed on stdout" "$OUT" ""
command=$(printf '%s\n' "$ERR" | sed -n 's/^    eyeball //p')
refused "dry run is refused the same way" 1 "apply would be refused: dev has 2 staged" apply --dry-run
like "dry run prints the command" "$ERR" "^    eyeball review --model m1 --split test --sample 8 --correct 0.1 --new$"

# The printed command starts the matching pass (with --list instead of the UI); started
# but not reviewed, apply says how many more to review in it.
eval "eb $command --list"
is "the printed command works" "$RC" 0
is "it drew 8 errors and 1 correct example" "$(pass_errors | wc -l) $(printf '%s\n' "$OUT" | sed 1d | wc -l)" "8 9"
terr=$(pass_errors | head -1)
refused "an unreviewed matching test pass" 1 "apply refused" apply
is "says to review it" "$(printf '%s\n' "$ERR" | sed -n '2,4p')" "  model m1 (2 of the fixes): dev had 20 of its 25 misclassified examples reviewed (80.0%) and 2 correctly classified ones; test had 0 of its 10 (0.0%) and 0;
  the same share of test is 8 misclassified examples with 1 correctly classified one; review 8 more in the open test pass #2:
    eyeball review --model m1 --split test"
# The first four items reviewed: the errors among them count, and the correct one if any.
ui "$(rep 4 m) q" --split test
n_err=$(sql "SELECT count(*) FROM pass_items i JOIN reviews r USING (sid) WHERE i.pid = 2 AND NOT i.correct")
n_cor=$(sql "SELECT count(*) FROM pass_items i JOIN reviews r USING (sid) WHERE i.pid = 2 AND i.correct")
is "4 test items reviewed" "$((n_err + n_cor))" 4
refused "part of the test errors reviewed" 1 "apply refused" apply
like "asks for the rest" "$ERR" "test had $n_err of its 10 \\($((n_err * 10)).0%\\) and $n_cor;"
like "in the open pass" "$ERR" "review $((8 - n_err)) more in the open test pass #2:"
ui "$(rep 9 m) q" --split test
eb fix "$terr" dog

# Dry run: prints what would change, changes nothing.
before=$(store_state)
eb apply --dry-run
is "dry run exits 0" "$RC" 0
is "dry run output" "$OUT" "would apply 3 label fixes (dev 2, test 1); dry run, nothing changed:
  dev        d001: cat -> dog
  dev        d002: cat -> dog
  test       $terr: cat -> dog"
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
  test       $terr: cat -> dog"
is "dev+test: no warning" "$ERR" ""
is "labels changed" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT id || '=' || label AS x FROM samples WHERE id IN ('d001','d002','$terr') ORDER BY id)")" "d001=dog d002=dog $terr=dog"
is "fixes applied with the time" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT status || '@' || applied AS x FROM fixes ORDER BY fid)")" "applied@2026-02-03T04:05:06Z applied@2026-02-03T04:05:06Z applied@2026-02-03T04:05:06Z"
is "one history row per fix" "$(sql "SELECT group_concat(x, ' | ') FROM (SELECT action || ':' || detail AS x FROM history WHERE action LIKE 'apply%' ORDER BY hid)")" \
    'apply:{"fid":1,"old":"cat","new":"dog","split":"dev"} | apply:{"fid":2,"old":"cat","new":"dog","split":"dev"} | apply:{"fid":3,"old":"cat","new":"dog","split":"test"}'
eb apply
is "applying again: nothing to apply" "$OUT" "nothing to apply: no staged label fixes"

# A dev fix outside any pass has no rule to repeat: refused; the override applies it and
# is recorded in the history.
eb fix d021 cat
refused "a dev fix outside any pass" 1 "apply refused: dev has 1 staged label fix " apply
is "names the example" "$(printf '%s\n' "$ERR" | sed -n 2p)" "  1 staged dev fix (e.g. 'd021') concerns examples in no random dev review pass (nor a suspects pass), so there is no sampling rule to repeat on test"
run env EYEBALL_NOW=2026-02-04T00:00:00Z "$EYEBALL" apply --force-dev-only
is "override: exit 0" "$RC" 0
is "override: applied" "$OUT" "applied 1 label fix (dev 1):
  dev        d021: dog -> cat"
is "override: warning" "$ERR" "eyeball: warning: test has not had the same procedure as dev; applied because of --force-dev-only (recorded in the history)"
is "override recorded" "$(sql "SELECT time || ' ' || reviewer || ' ' || coalesce(sid, '-') || ' ' || detail FROM history WHERE action = 'apply-override'")" \
    '2026-02-04T00:00:00Z tester - {"option":"--force-dev-only","dev_fixes":1,"fixes":1,"dev_outside_passes":1,"unmatched_dev_passes":[]}'

# Train fixes need no test pass.
eb fix r001 cat
eb apply
is "train fix applied" "$OUT" "applied 1 label fix (train 1):
  train      r001: dog -> cat"

# A fix staged against a label that changed since (an import with --update) is refused.
eb fix d003 dog
printf 'id,path,label,split,source,w,note\nd003,img/d003.png,bird,dev,phone,3,\n' > upd.csv
eb import samples upd.csv --update
refused "a fix made against an old label" 1 "the staged fix of 'd003' \(cat -> dog\) was made when its label was 'cat', but the label is now 'bird'; stage it again \(eyeball fix d003 dog\) or withdraw it; nothing was applied" apply --force-dev-only
eb fix d003 --withdraw
is "withdrawn" "$RC" 0

# A suspects pass covers dev and test together: a fix from it needs no other test pass.
# (Hand-made here: 'review --queue suspects' needs probabilities, which this dataset lacks.)
t_pass 8 'dev,test' suspects 4 0 0 4 0 d030 t031 d032 t033
eb fix d030 dog
eb fix t031 cat
eb apply
is "a joint suspects pass is balanced" "$RC" 0
is "its fixes applied" "$OUT" "applied 2 label fixes (dev 1, test 1):
  dev        d030: cat -> dog
  test       t031: dog -> cat"

# Dev fixes from a suspects pass count only for the share of its dev and test items that
# were reviewed: here both dev items are fixed, none of its four test items reviewed.
fresh=$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM samples WHERE split = 'test' AND id > 't010' AND sid NOT IN (SELECT sid FROM reviews) ORDER BY id LIMIT 4)")
# shellcheck disable=SC2086
t_pass 9 'dev,test' suspects 6 0 0 6 0 d040 d041 $fresh
eb fix d040 cat
eb fix d041 cat
refused "a suspects pass with only its dev items reviewed" 1 "apply refused: dev has 2 staged label fixes" apply
is "says which pass and what to review" "$(printf '%s\n' "$ERR" | sed -n 2,3p)" "  suspects pass #9 (model m1, 2 of the fixes): 2 of its 2 dev items reviewed (100.0%), 0 of its 4 test items (0.0%); the same share of its test items is 4:
    eyeball review --queue suspects --model m1   (continues it; review its test items)"
for id in $(echo $fresh | cut -d' ' -f1-3); do eb tag "$id" blurry; done
eb apply --dry-run
is "3 of its 4 test items is within one example of 4" "$RC" 0
eb tag "$(echo $fresh | cut -d' ' -f4)" blurry
eb apply
is "all its test items reviewed: applied" "$RC $OUT" "0 applied 2 label fixes (dev 2):
  dev        d040: dog -> cat
  dev        d041: bird -> cat"

# Bad arguments.
refused "stray argument" 1 "unexpected argument 'now'" apply now
refused "unknown option" 1 "unknown option '--force'" apply --force
refused "missing store" 1 "no such store" -d "$T_DIR/none.db" apply

# No test examples at all: nothing to balance.
mkdir solo && cd solo
export EYEBALL_DB=$PWD/solo.db
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\n' > s.csv
eb import samples s.csv
eb fix a dog
eb apply
is "no test split: applied" "$OUT" "applied 1 label fix (dev 1):
  dev        a: cat -> dog"
is "no test split: a note" "$ERR" "eyeball: note: the store has no test examples; only dev was checked"
cd ..

# Test reviewed more than dev: a larger share is not the same procedure either. Dev pass
# 1 holds 10 of the 25 dev errors, all reviewed, one fixed; a test pass of all 10 test
# errors, reviewed: 10 x 10/25 = 4 would match; 10 x 25/10 = 25 dev errors would match
# test's share, 15 more than dev had.
mkdir more && cd more
export EYEBALL_DB=$PWD/more.db
make_dataset
eb import samples samples.csv
eb import preds preds.csv --model m1
t_pass 1 dev random 10 0 1 25 225 $(ids 1 10 d)
ui "$(rep 10 m) q"
eb fix d001 dog
eb review --model m1 --split test --sample 10 --new --list
ui "$(rep 10 m) q" --split test
refused "test reviewed more than dev" 1 "apply refused" apply
is "says to review more of dev" "$(printf '%s\n' "$ERR" | sed -n 2,4p)" "  model m1 (1 of the fixes): dev had 10 of its 25 misclassified examples reviewed (40.0%) and 0 correctly classified ones; test had 10 of its 10 (100.0%) and 0;
  test had a larger share reviewed than dev; review about 15 more misclassified dev examples so that the shares match:
    eyeball review --model m1 --sample 15 --correct 0 --new"
cd ..

# Exact duplicates: a fix to one copy is staged for every copy, and apply applies them all.
mkdir dups && cd dups
export EYEBALL_DB=$PWD/dups.db
printf 'same bytes' > x1.png
printf 'same bytes' > x2.png
printf 'other bytes' > x3.png
printf 'id,path,label,split\nx1,x1.png,cat,dev\nx2,x2.png,cat,test\nx3,x3.png,dog,dev\n' > s.csv
eb import samples s.csv
eb scan
eb fix x1 dog
is "the copy has the same staged fix" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT s.id || ':' || f.old_label || '>' || f.new_label || ':' || f.status AS x FROM fixes f JOIN samples s USING(sid) ORDER BY s.id)")" "x1:cat>dog:staged x2:cat>dog:staged"
eb apply --force-dev-only
is "both copies applied" "$OUT" "applied 2 label fixes (dev 1, test 1):
  dev        x1: cat -> dog
  test       x2: cat -> dog"
is "both relabelled" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT id || '=' || label AS x FROM samples ORDER BY id)")" "x1=dog x2=dog x3=dog"
# A model imported in the same second as an apply is scored against the labels after
# it: the order comes from the history, not from times that can tie (EYEBALL_NOW is fixed).
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,dev\n' > tie.csv
printf 'id,pred\na,dog\nb,dog\nc,cat\n' > tie_preds.csv
export EYEBALL_DB=$T_DIR/tie.db
eb import samples tie.csv
eb import preds tie_preds.csv --model m1
eb fix a dog
eb apply --force-dev-only
is "same-second apply: applied" "$RC" 0
eb import preds tie_preds.csv --model m2
eb report --model m2 --format json
like "a model imported after the apply, same second: no errors" "$OUT" '"errors": ?0,'
eb report --model m1 --format json
like "the model imported before it: scored against the old label" "$OUT" '"errors": ?1,'

done_testing
