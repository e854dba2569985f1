#!/usr/bin/env bash
# import samples: CSV (quoting, BOM, metadata, relative paths), JSONL, folder, --update.
. "$top_srcdir/tests/cli/lib.sh"

mkdir data
printf '\357\273\277id,path,label,split,source,photographer\r\na,img/a.png,cat,dev,web,Ann\r\nb,/abs/b.png,dog,test,phone,\r\nc,"img/c,1.png",cat,train,web,"Bob ""B"""\r\n,img/d.png,dog,,,"multi\nline"\r\n' > data/s.csv
eb import samples data/s.csv
is "CSV import succeeds" "$RC" 0
is "CSV import summary" "$OUT" "imported 4 samples from data/s.csv: 4 added, 0 updated, 0 unchanged"
is "rows as stored" "$(sql "SELECT id,path,label,coalesce(split,'-'),coalesce(source,'-'),coalesce(meta,'-') FROM samples ORDER BY sid")" \
"a|$T_DIR/data/img/a.png|cat|dev|web|{\"photographer\":\"Ann\"}
b|/abs/b.png|dog|test|phone|-
c|$T_DIR/data/img/c,1.png|cat|train|web|{\"photographer\":\"Bob \\\"B\\\"\"}
img/d.png|$T_DIR/data/img/d.png|dog|-|-|{\"photographer\":\"multi\\nline\"}"

eb import samples data/s.csv
is "same file again changes nothing" "$OUT" "imported 4 samples from data/s.csv: 0 added, 0 updated, 4 unchanged"

printf 'id,path,label\na,img/a.png,dog\n' > data/relabel.csv
refused "a changed id is refused without --update" 1 "data/relabel.csv:2: id 'a' is already in the store with another label \('cat'\); pass --update to replace it" import samples data/relabel.csv
eb import samples data/relabel.csv --update
is "--update replaces" "$OUT" "imported 1 sample from data/relabel.csv: 0 added, 1 updated, 0 unchanged"
is "label updated" "$(sql "SELECT label, meta IS NULL FROM samples WHERE id='a'")" "dog|1"

eb import samples data/relabel.csv --root /elsewhere --update
is "--root resolves relative paths" "$(sql "SELECT path FROM samples WHERE id='a'")" "/elsewhere/img/a.png"

cat > data/s.jsonl <<'J'
{"id": "j1", "path": "x/1.png", "label": "cat", "split": "dev", "weather": "rain", "n": 3}

{"path": "x/2.png", "label": 7, "split": null}
J
eb import samples data/s.jsonl
is "JSONL import" "$OUT" "imported 2 samples from data/s.jsonl: 2 added, 0 updated, 0 unchanged"
is "JSONL rows" "$(sql "SELECT id,path,label,coalesce(split,'-'),coalesce(meta,'-') FROM samples WHERE path LIKE '%/x/%' ORDER BY sid")" \
"j1|$T_DIR/data/x/1.png|cat|dev|{\"weather\":\"rain\",\"n\":\"3\"}
x/2.png|$T_DIR/data/x/2.png|7|-|-"

mkdir -p f1/train/cat f1/dev/dog f1/test/cat
: > f1/train/cat/1.png; : > f1/train/cat/2.JPG; : > f1/dev/dog/3.jpeg; : > f1/test/cat/4.png; : > f1/train/cat/notes.txt
EYEBALL_DB=$T_DIR/f1.db run "$EYEBALL" import samples f1
is "folder with splits" "$OUT" "imported 4 samples from f1: 4 added, 0 updated, 0 unchanged, 1 non-image entry skipped"
is "folder rows" "$(sqlite3 f1.db "SELECT id,label,split,path FROM samples ORDER BY id")" \
"dev/dog/3.jpeg|dog|dev|$T_DIR/f1/dev/dog/3.jpeg
test/cat/4.png|cat|test|$T_DIR/f1/test/cat/4.png
train/cat/1.png|cat|train|$T_DIR/f1/train/cat/1.png
train/cat/2.JPG|cat|train|$T_DIR/f1/train/cat/2.JPG"

mkdir -p f2/cat f2/dog
: > f2/cat/a.png; : > f2/dog/b.png
EYEBALL_DB=$T_DIR/f2.db run "$EYEBALL" import samples f2 --format folder
is "folder without splits" "$(sqlite3 f2.db "SELECT id,label,coalesce(split,'-') FROM samples ORDER BY id")" "cat/a.png|cat|-
dog/b.png|dog|-"

printf 'path,label\nz.png,cat\n' > data/noext
refused "no extension, no --format" 1 "cannot tell the format from the file name; pass --format" import samples data/noext
eb import samples data/noext --format csv
is "--format csv overrides the extension" "$RC" 0

# Numbers in JSONL keep the text they are written with, as metadata and as ids: jansson
# reads 0.1 as the double 0.10000000000000001 and 1.0 as 1.
mkdir nums
cat > nums/n.jsonl <<'J'
{"path": "a.png", "label": "cat", "w": 0.1, "h": 1.0, "tiny": 1e-320, "big": 123456789012345678901234, "neg": -0.0, "arr": [1, 2.50, {"k": 0.1}]}
{"id": 2.50, "path": "b.png", "label": 7, "w\u0021": 1E+2, "note": "x, \"y\": 3.0", "t": true}
J
EYEBALL_DB=$T_DIR/nums.db eb import samples nums/n.jsonl
is "JSONL with numbers imported" "$RC" 0
EYEBALL_DB=$T_DIR/nums.db eb export samples --format jsonl
is "numbers come back as written" "$OUT" "$(printf '%s\n' \
'{"id":"a.png","path":"a.png","label":"cat","split":null,"source":null,"w":"0.1","h":"1.0","tiny":"1e-320","big":"123456789012345678901234","neg":"-0.0","arr":"[1, 2.50, {\"k\": 0.1}]"}' \
'{"id":"2.50","path":"b.png","label":"7","split":null,"source":null,"w!":"1E+2","note":"x, \"y\": 3.0","t":"true"}')"
done_testing
