#!/usr/bin/env bash
# categories: the defaults a new store starts with, list (text and JSON), add with and
# without a key, rename, rm, and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\n' > s.csv
eb import samples s.csv

refused "categories on a missing store" 1 "none.db: no such store" -d "$T_DIR/none.db" categories
ok "no store was created" test ! -e none.db
refused "unknown subcommand" 1 "^eyeball categories: unknown subcommand 'frob' \(use list, add, rename or rm\)" categories frob
refused "add without a name" 1 "give one category name" categories add
refused "add with two names" 1 "give one category name \(quote a name with spaces\)" categories add a b
refused "rename with one name" 1 "rename takes the old and the new name" categories rename blurry
refused "list with a name" 1 "list takes no names" categories list blurry
refused "--key without add" 1 "--key goes with add" categories rm blurry --key 3
refused "--force without rm" 1 "--force goes with rm" categories add glare --force
refused "--format without list" 1 "--format goes with list" categories add glare --format json
refused "unknown format" 1 "unknown format 'xml' \(use one of text,json\)" categories --format xml
# Refused changes on a new store do not even write the defaults.
refused "rename of an unknown category" 1 "^eyeball: unknown category 'nope'; 'eyeball categories' lists them$" categories rename nope other
refused "rm of an unknown category" 1 "unknown category 'nope'" categories rm nope
is "no defaults written by refusals" "$(sql 'SELECT count(*) FROM categories')" 0

eb categories
is "a new store lists the defaults" "$OUT" "key  category             examples
1    mislabeled                  0  ticked when a label is fixed
2    blurry                      0
3    occluded                    0
4    too-small                   0
5    dark                        0
6    filtered                    0
7    ambiguous                   0
8    look-alike-class            0"
is "they come from share/eyeball/categories" "$(sql "SELECT group_concat(key || ':' || name || ':' || mislabeled || ':' || position, ' ') FROM (SELECT * FROM categories ORDER BY position)")" \
"1:mislabeled:1:1 2:blurry:0:2 3:occluded:0:3 4:too-small:0:4 5:dark:0:5 6:filtered:0:6 7:ambiguous:0:7 8:look-alike-class:0:8"
is "seeding is in the history" "$(sql "SELECT action, detail FROM history")" 'category-seed|{"file":"categories","count":8}'

eb tag a blurry dark
eb tag b blurry
eb categories list --format json
is "list as JSON" "$OUT" '[
  {
    "key": "1",
    "name": "mislabeled",
    "examples": 0,
    "mislabeled": true
  },
  {
    "key": "2",
    "name": "blurry",
    "examples": 2,
    "mislabeled": false
  },
  {
    "key": "3",
    "name": "occluded",
    "examples": 0,
    "mislabeled": false
  },
  {
    "key": "4",
    "name": "too-small",
    "examples": 0,
    "mislabeled": false
  },
  {
    "key": "5",
    "name": "dark",
    "examples": 1,
    "mislabeled": false
  },
  {
    "key": "6",
    "name": "filtered",
    "examples": 0,
    "mislabeled": false
  },
  {
    "key": "7",
    "name": "ambiguous",
    "examples": 0,
    "mislabeled": false
  },
  {
    "key": "8",
    "name": "look-alike-class",
    "examples": 0,
    "mislabeled": false
  }
]'

# ---- add ----
eb categories add "instagram filter"
is "add takes the first free key" "$OUT" "added category 'instagram filter' (key 9)"
eb categories add glare
is "after 1-9 come letters" "$OUT" "added category 'glare' (key a)"
eb categories add tilted --key T
is "--key" "$OUT" "added category 'tilted' (key T)"
refused "an existing name" 1 "^eyeball: category 'glare' exists already; 'eyeball categories' lists them$" categories add glare
refused "a reserved key" 1 "^eyeball: key 'j' is used by the review screen itself \(keys j n k p g G U z v m r x e u q are reserved\); choose another$" categories add other --key j
refused "a taken key" 1 "^eyeball: key '2' is taken by category 'blurry'; choose another key or leave --key out to get a free one$" categories add other --key 2
refused "a key of two characters" 1 "key 'ab' is not one letter or digit" categories add other --key ab
refused "a key that is not a letter or digit" 1 "key '#' is not one letter or digit" categories add other --key '#'
refused "a name with ';'" 1 "category name 'a;b' holds ';', which separates categories in exports" categories add 'a;b'
refused "an empty name" 1 "a category name cannot be empty" categories add ''
refused "a name with a space at the end" 1 "starts or ends with a space" categories add 'x '
refused "a name with a control character" 1 "category name 'x\\\\ey' holds a control character" categories add "$(printf 'x\033y')"
refused "a name with U+0085" 1 "^eyeball: category name 'x\\\\u\{85\}y' holds a control character \(byte 2\)$" categories add "$(printf 'x\302\205y')"
refused "a name with U+202E" 1 "^eyeball: category name 'x\\\\u\{202e\}y' holds a control character \(byte 2\)$" categories add "$(printf 'x\342\200\256y')"
refused "a name with U+2028" 1 "holds a control character \(byte 2\)$" categories add "$(printf 'x\342\200\250y')"
refused "a name too long" 1 "is 41 bytes long; keep it to 40" categories add "$(printf '%041d' 0)"

# ---- rename ----
eb categories rename blurry motion-blur
is "rename" "$OUT" "renamed category 'blurry' to 'motion-blur'"
is "tags follow the rename" "$(sql "SELECT count(*) FROM tags JOIN categories USING(cid) WHERE name='motion-blur'")" 2
refused "rename to an existing name" 1 "^eyeball: category 'dark' exists already; choose another name, or remove it first$" categories rename motion-blur dark
refused "rename to a bad name" 1 "holds ';'" categories rename motion-blur 'a;b'
eb tag a motion-blur
is "tag by the new name" "$OUT" "a already had: motion-blur"

# ---- rm ----
refused "rm of a used category" 1 "^eyeball: category 'motion-blur' is ticked on 2 examples; untag them first, or pass --force to remove it with its tags$" categories rm motion-blur
refused "rm of a category used once" 1 "category 'dark' is ticked on 1 example; untag it first" categories rm dark
eb categories rm motion-blur --force
is "rm --force" "$OUT" "removed category 'motion-blur' and its tags on 2 examples"
is "its tags are gone" "$(sql "SELECT count(*) FROM tags")" 1
eb categories rm occluded
is "rm of an unused category" "$OUT" "removed category 'occluded'"
is "the history keeps what undo needs" "$(sql "SELECT action, detail FROM history WHERE action LIKE 'category-%' AND action<>'category-seed' ORDER BY hid")" \
'category-add|{"cid":9,"name":"instagram filter","key":"9"}
category-add|{"cid":10,"name":"glare","key":"a"}
category-add|{"cid":11,"name":"tilted","key":"T"}
category-rename|{"cid":2,"old":"blurry","new":"motion-blur"}
category-rm|{"cid":2,"name":"motion-blur","key":"2","position":2,"mislabeled":false,"created":"2026-01-02T03:04:05Z","tags":[[1,"tester","2026-01-02T03:04:05Z"],[2,"tester","2026-01-02T03:04:05Z"]]}
category-rm|{"cid":3,"name":"occluded","key":"3","position":3,"mislabeled":false,"created":"2026-01-02T03:04:05Z","tags":[]}'
eb categories add blur
is "a freed key is given again" "$OUT" "added category 'blur' (key 2)"

# ---- running out of keys ----
i=0
while [ $i -lt 15 ]; do
    "$EYEBALL" categories add "extra$i" >/dev/null
    i=$((i + 1))
done
is "every key is taken" "$(sql "SELECT count(key) FROM categories")" 23
is "letters skip the screen's keys" "$(sql "SELECT group_concat(key, '') FROM (SELECT key FROM categories WHERE name LIKE 'extra%' ORDER BY position)")" "3bcdfhilostwy"
eb categories add more
is "a category without a key" "$OUT" "added category 'more' (no key: all are taken; tag it with 'eyeball tag')"
eb categories
like "listed with -" "$OUT" "-    more                        0"

# ---- removing every category does not bring the defaults back ----
for n in $(sql "SELECT name FROM categories WHERE name NOT LIKE '% %'"); do
    "$EYEBALL" categories rm "$n" --force >/dev/null
done
"$EYEBALL" categories rm "instagram filter" >/dev/null
eb categories
is "no categories left" "$OUT" "no categories; add one with 'eyeball categories add NAME'"
eb categories --format json
is "an empty JSON list" "$OUT" "[]"

# A store where the defaults file cannot be read: a clear system error, nothing written.
rm -f "$EYEBALL_DB"*
eb import samples s.csv
EYEBALL_DATADIR=$T_DIR/nowhere run "$EYEBALL" categories
is "missing defaults file: status 2" "$RC" 2
is "and says where it looked" "$ERR" "eyeball: $T_DIR/nowhere/categories: cannot read the default categories: No such file or directory; reinstall eyeball or point \$EYEBALL_DATADIR at its data directory"
# A store of schema 3 whose categories hold z and v, keys the review screen took since
# (zoom and grid): opening it moves them to the first free keys, in one migration.
rm -f "$EYEBALL_DB"*
eb import samples s.csv
eb categories
sqlite3 "$EYEBALL_DB" "UPDATE categories SET key='z' WHERE name='blurry';
    UPDATE categories SET key='v' WHERE name='dark'"
downgrade "$EYEBALL_DB" 3
eb categories
is "schema 3 migrates" "$RC $(sql 'PRAGMA user_version')" "0 7"
is "z and v move to the first free keys" \
    "$(sql "SELECT name || ' ' || coalesce(key, '-') FROM categories
            WHERE name IN ('blurry', 'dark') ORDER BY position")" "blurry 2
dark 5"
is "no category keeps a key of the screen" \
    "$(sql "SELECT count(*) FROM categories WHERE key IN ('z', 'v')")" 0
done_testing
