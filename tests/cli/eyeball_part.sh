#!/usr/bin/env bash
# eyeball_part: split --eyeball N|auto and --renew N (the Eyeball and Blackbox parts of
# dev), review drawing from Eyeball only unless --blackbox, and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

# 400 dev examples d000..d399 (cat, dog in turn) and 4 train ones. Model a gets the first
# 40 wrong (10%); model half gets every cat wrong (200 of 400, 50%).
awk 'BEGIN { print "id,path,label,split"
    for (i = 0; i < 400; i++) printf "d%03d,d%03d.png,%s,dev\n", i, i, (i % 2 ? "dog" : "cat")
    for (i = 0; i < 4; i++) printf "t%d,t%d.png,cat,train\n", i, i }' > s.csv
pred() { # pred NAME COND: predictions, wrong where the awk condition on i holds
    awk -v name="$1" "BEGIN { print \"id,pred\"
        for (i = 0; i < 400; i++) { l = (i % 2 ? \"dog\" : \"cat\"); o = (i % 2 ? \"cat\" : \"dog\")
            printf \"d%03d,%s\\n\", i, (($2) ? o : l) } }" > "$1.csv"
}
pred a 'i < 40'
pred half 'i % 2 == 0'
# eyeball [DB]: the ids of the Eyeball part, space-separated.
eyeball() {
    sqlite3 "${1:-$EYEBALL_DB}" "SELECT group_concat(id, ' ') FROM (SELECT id FROM samples
        WHERE part = 'eyeball' ORDER BY id)"
}

# A store with no dev examples.
head -1 s.csv > train.csv
grep ',train$' s.csv >> train.csv
eb -d train.db import samples train.csv
refused "no dev examples" 1 "dev has no examples; assign splits first \(eyeball split\)" \
    -d train.db split --eyeball 10

eb import samples s.csv
eb import preds a.csv --model a
eb import preds half.csv --model half
refused "--eyeball 0" 1 "--eyeball '0' must be a whole number >= 1 or auto" split --eyeball 0
refused "--eyeball x" 1 "--eyeball 'x' must be a whole number >= 1 or auto" split --eyeball x
refused "--renew 0" 1 "--renew '0' must be a whole number >= 1" split --renew 0
refused "--model without auto" 1 "--model only goes with --eyeball auto" split --eyeball 5 --model a
refused "--eyeball with --renew" 1 "give one of them" split --eyeball 5 --renew 5
refused "--eyeball with a rule option" 1 "only take --model, --seed and --dry-run" \
    split --eyeball 5 --ratios 60/20/20
refused "--renew before there is a part" 1 \
    "dev has no Eyeball part to renew; make one first \(eyeball split --eyeball N\|auto\)" \
    split --renew 5
refused "auto with an unknown model" 1 "no model named 'zzz'" split --eyeball auto --model zzz
refused "review --blackbox without a part" 1 \
    "dev has no Eyeball part, so there is no Blackbox part to review; leave out --blackbox" \
    review --list --blackbox
refused "review --blackbox on test" 1 "--blackbox is for a random pass over dev" \
    review --list --blackbox --split test

# auto: the newest model (half): 50% error, 100 errors need 200 examples.
eb split --eyeball auto --dry-run
is "auto, dry run" "$RC $OUT" "0 auto: model 'half' gets 200 of 400 dev examples wrong (50.0%), so about 100 errors need 200 examples
Eyeball: 200 of 400 dev examples (drawn by hash, seed 0)
Eyeball 200, Blackbox 200: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)
dry run: the store is unchanged"
# Model a: 10% error, 100 errors need 1,000: capped at dev's 400.
eb split --eyeball auto --model a --dry-run
is "auto capped at the dev set" "$OUT" "auto: model 'a' gets 40 of 400 dev examples wrong (10.0%), so about 100 errors need 1,000 examples; dev has 400, so all of it
Eyeball: 400 of 400 dev examples (drawn by hash, seed 0)
Eyeball 400, Blackbox 0: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)
warning: no Blackbox part is left, so no dev example stays an honest measure; add samples and split to grow dev
dry run: the store is unchanged"
is "dry runs mark nothing" "$(eyeball)" ""

# The same examples whatever the file order: a second store from the file reversed.
{ head -1 s.csv; tail -n +2 s.csv | sort -r; } > s_rev.csv
eb -d rev.db import samples s_rev.csv
eb -d rev.db split --eyeball 15
is "15 of 400" "$OUT" "Eyeball: 15 of 400 dev examples (drawn by hash, seed 0)
Eyeball 15, Blackbox 385: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)"
eb -d fwd.db import samples s.csv
eb -d fwd.db split --eyeball 10
is "a part of 10 in the second store" "$(sqlite3 fwd.db "SELECT count(*) FROM samples WHERE part = 'eyeball'")" 10
eb -d fwd.db split --renew 5
is "renew output" "$OUT" "moved 5 dev examples from Blackbox to Eyeball (drawn by hash, seed 0)
Eyeball 15, Blackbox 385: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)"
is "10 then 5 more is the 15 of the reversed file: stable, independent of file order" \
    "$(eyeball fwd.db)" "$(eyeball rev.db)"
is "renewal recorded in the history" \
    "$(sqlite3 fwd.db "SELECT reviewer, time, sid IS NULL, action, detail FROM history ORDER BY hid")" \
'tester|2026-01-02T03:04:05Z|1|eyeball|{"seed":0,"eyeball":10,"size":10,"added":10,"shown":0,"eyeball_examples":10,"blackbox_examples":390}
tester|2026-01-02T03:04:05Z|1|renew|{"seed":0,"renew":5,"size":5,"added":5,"shown":0,"eyeball_examples":15,"blackbox_examples":385}'
eb -d fwd.db split --eyeball 20 --seed 3 --dry-run
is "another seed, another part (dry run on a store that has one is refused)" "$RC" 1
eb -d rev.db split --renew 1000
is "renewing past the Blackbox part takes what is left" "$OUT" "moved 385 dev examples from Blackbox to Eyeball (drawn by hash, seed 0), all that were left
Eyeball 400, Blackbox 0: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)
warning: no Blackbox part is left, so no dev example stays an honest measure; add samples and split to grow dev"
refused "nothing left to renew" 1 "every one of the 400 dev examples is in the Eyeball part already" \
    -d rev.db split --renew 1

# Examples a review has shown count as Eyeball whatever is drawn.
eb review --list --model a --sample 6 --seed 1
is "a pass before the part: over all of dev" "$(sql "SELECT split, part IS NULL FROM passes")" "dev|1"
eb tag d399 blurry
eb split --eyeball 10
is "shown examples go first" "$OUT" "Eyeball: 10 of 400 dev examples (7 already shown by reviews, 3 drawn by hash, seed 0)
Eyeball 10, Blackbox 390: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)"
is "every shown example is in the part" "$(sql "SELECT count(*) FROM samples WHERE sid IN
    (SELECT sid FROM pass_items UNION SELECT sid FROM tags) AND part IS NOT 'eyeball'")" 0
refused "a second --eyeball" 1 \
    "dev has an Eyeball part of 10 examples already \(Blackbox: 390\); examples looked at cannot go back to Blackbox, so add fresh ones with --renew N" \
    split --eyeball 20
eb split --eyeball 5 --renew 2
is "both refused" "$RC" 1

# Review now draws from Eyeball only: model half's errors in the part.
want_pool=$(sql "SELECT count(*) FROM samples WHERE part = 'eyeball' AND label = 'cat'")
eb review --list --model half --sample 100 --seed 2
is "a pass over Eyeball only" "$RC $(printf '%s\n' "$ERR")" "0 started pass #2: $want_pool of $want_pool misclassified dev Eyeball examples (seed 2); only $want_pool misclassified, taking them all"
is "its items are all in the Eyeball part" "$(sql "SELECT count(*), sum(s.part IS 'eyeball') FROM pass_items i
    JOIN samples s ON s.sid = i.sid WHERE i.pid = 2")" "$want_pool|$want_pool"
is "the pass is marked eyeball" "$(sql "SELECT part FROM passes WHERE pid = 2")" "eyeball"
eb review --list --model half --sample 3 --seed 4 --blackbox
like "--blackbox draws from Blackbox" "$ERR" "^started pass #3: 3 of [0-9]+ misclassified dev Blackbox examples \(seed 4\)$"
is "its items are all in the Blackbox part" "$(sql "SELECT count(*), sum(s.part IS NULL) FROM pass_items i
    JOIN samples s ON s.sid = i.sid WHERE i.pid = 3")" "3|3"
is "recorded in the pass and the history" \
    "$(sql "SELECT p.part, h.detail FROM passes p, history h WHERE p.pid = 3 AND h.action = 'pass'
        AND json_extract(h.detail, '$.pass') = 3")" 'blackbox|{"pass":3,"items":3,"part":"blackbox"}'
eb review --list --model half
is "without --blackbox the Eyeball pass continues" "$ERR" "continuing pass #2: 0 of $want_pool reviewed"
is "both passes open" "$(sql "SELECT group_concat(pid) FROM passes WHERE closed IS NULL")" "1,2,3"
# tag, untag and fix: a Blackbox example nothing has shown needs --blackbox; one a
# Blackbox pass holds does not.
unseen=$(sql "SELECT id FROM samples WHERE split = 'dev' AND part IS NULL AND sid NOT IN
    (SELECT sid FROM pass_items) ORDER BY id LIMIT 1")
shownbb=$(sql "SELECT s.id FROM pass_items i JOIN samples s ON s.sid = i.sid WHERE i.pid = 3
    ORDER BY s.id LIMIT 1")
refused "tag on an unseen Blackbox example" 1 \
    "$unseen is in the Blackbox part of dev, which nobody is meant to look at; review Blackbox examples with eyeball review --blackbox, or add --blackbox" \
    tag "$unseen" blurry
refused "untag too" 1 "$unseen is in the Blackbox part of dev" untag "$unseen" blurry
refused "fix too" 1 "$unseen is in the Blackbox part of dev" fix "$unseen" dog
refused "fix --withdraw too" 1 "$unseen is in the Blackbox part of dev" fix "$unseen" --withdraw
eb tag "$shownbb" blurry
is "tag on an example a Blackbox pass showed" "$RC $OUT" "0 tagged $shownbb: blurry"
eb untag "$shownbb" blurry
is "and untag" "$RC" 0
eyeid=$(sql "SELECT id FROM samples WHERE part = 'eyeball' AND sid NOT IN (SELECT sid FROM
    pass_items) ORDER BY id LIMIT 1")
eb tag "$eyeid" occluded
is "an Eyeball example needs nothing" "$RC" 0
eb tag --blackbox "$unseen" blurry
is "--blackbox judges it" "$RC $OUT" "0 tagged $unseen: blurry"
eb untag "$unseen" blurry
is "then it counts as shown" "$RC" 0
# A renewal takes the Blackbox examples that were reviewed first.
eb split --renew 2
is "reviewed Blackbox examples move first, whatever is asked" "$OUT" "moved 4 dev examples from Blackbox to Eyeball (4 already shown by reviews, 0 drawn by hash, seed 0), more than 2 because every example shown goes
Eyeball 14, Blackbox 386: review draws dev examples from Eyeball only; nobody looks at Blackbox (review --blackbox does, recorded)"

# A suspects pass leaves the Blackbox examples out: model p with probabilities, wrong and
# confident on d000..d039, which confident learning flags.
awk 'BEGIN { print "id,pred,prob:cat,prob:dog"
    for (i = 0; i < 400; i++) { l = (i % 2 ? "dog" : "cat"); o = (i % 2 ? "cat" : "dog")
        p = (i < 40 ? o : l); c = (p == "cat" ? 0.95 : 0.05)
        printf "d%03d,%s,%.2f,%.2f\n", i, p, c, 1 - c } }' > p.csv
eb import preds p.csv --model p
eb suspects --model p --format csv
printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 > flagged
is "40 flagged over dev" "$(wc -l < flagged)" 40
want=$(sql "SELECT count(*) FROM samples WHERE part = 'eyeball' AND id IN ($(sed "s/.*/'&'/" flagged | paste -sd,))")
eb review --queue suspects --model p --list
is "the suspects pass holds the flagged Eyeball examples only" \
    "$(sql "SELECT count(*), sum(s.part IS 'eyeball') FROM pass_items i JOIN passes q ON q.pid = i.pid
        JOIN samples s ON s.sid = i.sid WHERE q.kind = 'suspects'")" "$want|$want"

# A sample that leaves dev leaves the part.
eb split --reassign --force --ratios 98/1/1
is "no Eyeball example outside dev" "$(sql "SELECT count(*) FROM samples WHERE part IS NOT NULL
    AND split IS NOT 'dev'")" 0

# import samples --update that moves an Eyeball example to test takes it out of the part.
moved=$(sql "SELECT id FROM samples WHERE part = 'eyeball' ORDER BY id LIMIT 1")
sql "SELECT id, path, label, 'test' FROM samples WHERE id = '$moved'" |
    { echo id,path,label,split; tr '|' ,; } > moved.csv
eb import samples moved.csv --update --root /
is "--update to test" "$RC $(sql "SELECT split, part IS NULL FROM samples WHERE id = '$moved'")" "0 test|1"

# A store of schema 2 gains the columns, empty.
eb -d old.db import samples s.csv
downgrade old.db 2
eb -d old.db status
is "an old store opens" "$RC $ERR" "0 "
is "migrated: schema 7, no Eyeball part" \
    "$(sqlite3 old.db "PRAGMA user_version; SELECT count(*) FROM samples WHERE part IS NULL")" "7
404"
done_testing
