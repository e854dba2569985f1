#!/bin/sh
# report_mixed: random and suspects passes over the same dev examples. Judgements made in
# the suspects queue (through the review UI) stay out of the random-sample tally, even for
# examples the random pass holds, and are shown apart; the numbers are worked out by hand.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

make_dataset
eb import samples samples.csv
eb import preds preds.csv --model m1
is "import" "$RC" 0
setup_categories
blurry=$(sql "SELECT key FROM categories WHERE name = 'blurry'")

# Pass 1, random over dev: all 25 errors d001-d025. Pass 2, the suspects queue: d025 and
# d024, which pass 1 holds too.
t_pass 1 dev random 25 0 7 25 225 $(ids 1 25 d)
t_pass 2 dev,test suspects 2 0 0 2 0 d025 d024
# In the suspects queue: d025 (bird, predicted cat) relabelled cat, d024 tagged blurry.
printf 'key r\ntype cat\nkey Enter\nkey j\nkey %s\nkey q\n' "$blurry" > s.keys
EYEBALL_KEYS=$PWD/s.keys run "$EYEBALL" review --queue suspects
is "suspects UI" "$RC" 0
is "the suspects judgements belong to pass 2" \
    "$(sql "SELECT group_concat(s.id) FROM reviews r JOIN samples s USING (sid) WHERE r.pid = 2 ORDER BY s.id")" "d024,d025"
# In the random pass: d001-d023 marked reviewed (23 items), then quit.
ui "$(rep 23 m) q"
# By command, the second door: d001-d011 relabelled (mislabeled), d012-d018 occluded.
# Pass 1 holds them, so these judgements belong to it.
for id in $(ids 1 11 d); do eb fix "$id" dog; done
for id in $(ids 12 18 d); do eb tag "$id" occluded; done
is "23 judgements in pass 1" "$(sql "SELECT count(*) FROM reviews WHERE pid = 1")" 23

# Worked out by hand:
#   dev: 250 examples, 25 errors = 10.00%. Reviewed errors judged in random pass 1:
#   d001-d023 = 23 (not 25: d024 and d025 were judged in the suspects queue).
#   Also judged outside the random sample: 2 (both in a suspects pass, none in no pass).
#   mislabeled: d001-d011 = 11/23 = 47.8%; Wilson (z2 = 3.8414588, n = 23): denominator
#     1 + z2/23 = 1.1670200, centre (0.4782609 + z2/46)/1.16702 = 0.4813721, half
#     1.959964/1.16702 * sqrt(0.4782609 * 0.5217391/23 + z2/2116) = 1.6794606 * 0.1125364
#     = 0.1890005: 29.2-67.0%; at best 10% x (1 - 11/23) = 5.22%.
#     (Counting d025 as the old rule did: 12/25 = 48.0%, Wilson 30.0-66.5%.)
#   occluded: 7/23 = 30.4%; centre (0.3043478 + 0.0835100)/1.16702 = 0.3323489, half
#     1.6794606 * sqrt(0.3043478 * 0.6956522/23 + 0.0018154) = 1.6794606 * 0.1049793
#     = 0.1763087: 15.6-50.9%; at best 10% x (1 - 7/23) = 6.96%.
#   blurry: 0/23 (d024's tag was made in the suspects queue): Wilson high end
#     z2/(23 + z2) = 0.1431: 0.0-14.3%; 10.00%. too-small, dark: the same.
#   label fixes: 11 of 23 = 47.8%, 10% x 11/23 = 4.78% of the error: over 10%, worth it.
#   Largest category: mislabeled (47.8%), then occluded (30.4%).
#   confused pairs over all 25 errors: cat->dog 15 (60%), dog->cat 6 (24%), bird->cat 4.
#   sources: web 200 examples, 15 errors, reviewed d011-d023 = 13; phone 50, 10, d001-d010.
eb report
is "report text" "$OUT" "Error analysis of model m1 (predictions imported 2026-01-02T03:04:05Z)

                                  dev
examples                          250
errors                             25
error rate                     10.00%
reviewed errors                    23
  from random passes                1
note: errors are scored against the current labels (no fix applied after the
  model's import), as 'eyeball status' counts them.
note: dev: also judged outside the random sample: 2 errors (2 in a suspects
  pass, 0 in no pass), not in the tally: only what a random pass judged
  estimates the shares.

Category (dev)   count  share                   95% CI  if fixed
mislabeled          11  47.8% █████▊        29.2-67.0%     5.22%
occluded             7  30.4% ███▋          15.6-50.9%     6.96%
blurry               0   0.0%                0.0-14.3%    10.00%
too-small            0   0.0%                0.0-14.3%    10.00%
dark                 0   0.0%                0.0-14.3%    10.00%

Label fixes (mislabeled)          dev
reviewed errors fixed              11
share of reviewed errors        47.8%
  95% CI                   29.2-67.0%
  part of the error rate        4.78%
correct examples reviewed           0
  of them mislabeled                0
verdict at a 10% threshold (--mislabeled-threshold): worth fixing

Most confused (dev): given -> predicted  errors   share
cat              -> dog                   15   60.0%
dog              -> cat                    6   24.0%
bird             -> cat                    4   16.0%

Source (dev)          examples  errors  error rate  reviewed
web                        200      15       7.50%        13
phone                       50      10      20.00%        10

Recommendation
Largest category: mislabeled, 47.8% of the reviewed errors (95% CI
29.2-67.0%); fixing those labels would lower the dev error from 10.00% to at
best 5.22%. Largest other category: occluded, 30.4% (95% CI 15.6-50.9%);
fixing it completely would lower the dev error to at best 6.96%. Mislabeled:
11 of 23 reviewed errors (47.8%) had their label fixed, 4.78% of the 10.00%
dev error; that is at or above the 10% threshold, so worth fixing: fix dev and
test together with the same procedure, then 'eyeball apply'."

eb report --format json
is "json: tally and what was judged apart" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
m = d["mislabeled"]
print(d["reviewed"], m["count"], "%.4f %.4f %.4f" % (m["share"], m["ci95"][0], m["ci95"][1]),
      d["judged_outside_sample"], d["left_out_suspects"], d["left_out_no_pass"])')" \
    "23 11 0.4783 0.2924 0.6704 2 2 0"

# Marking d024 again in the random pass makes it a judgement of pass 1: now 24 reviewed,
# blurry 1/24, nothing judged apart but d025.
printf 'key G\nkey k\nkey m\nkey q\n' > r.keys
EYEBALL_KEYS=$PWD/r.keys run "$EYEBALL" review
is "d024 judged again in the random pass" "$(sql "SELECT pid FROM reviews WHERE sid = (SELECT sid FROM samples WHERE id = 'd024')")" 1
eb report --format json
is "json after judging d024 in the random pass" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
b = [c for c in d["categories"] if c["name"] == "blurry"][0]
print(d["reviewed"], b["count"], d["judged_outside_sample"], d["left_out_suspects"])')" "24 1 1 1"

# A store written before judgements had a pass (schema 1): its reviews get the pass the
# report counted them in then (a random pass holding the example, else a suspects pass).
sqlite3 "$EYEBALL_DB" "CREATE TABLE r1 AS SELECT sid, reviewer, time, note FROM reviews;
    DROP TABLE reviews; ALTER TABLE r1 RENAME TO reviews;
    ALTER TABLE samples DROP COLUMN given_path; ALTER TABLE samples DROP COLUMN part;
    ALTER TABLE passes DROP COLUMN part; ALTER TABLE passes DROP COLUMN against;
    DROP TRIGGER verdict_change; DROP TRIGGER verdict_undo; DROP TABLE verdict_tags;
    DROP TABLE verdicts; DROP TABLE verdict_prev; DROP TABLE decision_tags; DROP TABLE decisions;
    ALTER TABLE passes DROP COLUMN reviewers; DROP TABLE embeddings;
    ALTER TABLE preds DROP COLUMN oof; ALTER TABLE models DROP COLUMN trained;
    DROP TABLE near; ALTER TABLE samples DROP COLUMN phash;
    PRAGMA user_version = 1"
eb status
is "an old store opens" "$RC $ERR" "0 "
is "migrated: schema 7" "$(sql "PRAGMA user_version")" 7
is "migrated: a random pass holding the example first (d025 too, as schema 1 counted it)" \
    "$(sql "SELECT count(*), sum(pid = 1), sum(pid = 2) FROM reviews")" "25|25|0"
done_testing
