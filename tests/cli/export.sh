#!/usr/bin/env bash
# export: exact CSV and JSONL, the import -> export -> import round trip, atomic -o, and
# bad arguments.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

# Two imports with different metadata columns: the CSV columns are the union of the keys
# in the order they are first seen. Values with commas, quotes, line breaks, UTF-8.
cat > a.csv <<'C'
id,path,label,split,source,"size, px",lens
a1,img/a1.png,cat,dev,web,"28,28","50""mm"
a2,img/a2.png,dog,test,,"multi
line",
a3,/abs/a3.png,cat,train,phone,,wide
C
cat > b.jsonl <<'J'
{"id": "b1", "path": "img/b1.png", "label": "caf\u00e9", "camera": "日本", "size, px": "64,64"}
{"id": "b2", "path": "./img/../img/b2.png", "label": "dog", "split": "train-dev", "source": "web", "camera": 7}
J
eb import samples a.csv
eb import samples b.jsonl
is "set-up" "$RC" 0
setup_categories

eb export samples
is "export samples: exit 0" "$RC" 0
is "export samples: exact CSV" "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,path,label,split,source,\"size, px\",lens,camera
a1,img/a1.png,cat,dev,web,\"28,28\",\"50\"\"mm\",
a2,img/a2.png,dog,test,,\"multi
line\",,
a3,/abs/a3.png,cat,train,phone,,wide,
b1,img/b1.png,café,,,\"64,64\",,日本
b2,img/b2.png,dog,train-dev,web,,,7"
# Paths are written as the files gave them: relative ones stay relative (normalised:
# ./img/../img/b2.png is img/b2.png), absolute ones stay absolute; the store keeps the
# resolved path (the root joined with the normalised path) to open the files.
is "the store resolves them" "$(sql "SELECT path FROM samples WHERE id = 'b2'")" "$T_DIR/img/b2.png"
is "CRLF after every record, LF kept inside the quoted field" "$(printf '%s\n' "$OUT" | grep -c "$(printf '\r')\$")" 6
eb export samples --format jsonl
is "export samples: exact JSONL" "$OUT" "{\"id\":\"a1\",\"path\":\"img/a1.png\",\"label\":\"cat\",\"split\":\"dev\",\"source\":\"web\",\"size, px\":\"28,28\",\"lens\":\"50\\\"mm\"}
{\"id\":\"a2\",\"path\":\"img/a2.png\",\"label\":\"dog\",\"split\":\"test\",\"source\":null,\"size, px\":\"multi\\nline\"}
{\"id\":\"a3\",\"path\":\"/abs/a3.png\",\"label\":\"cat\",\"split\":\"train\",\"source\":\"phone\",\"lens\":\"wide\"}
{\"id\":\"b1\",\"path\":\"img/b1.png\",\"label\":\"café\",\"split\":null,\"source\":null,\"camera\":\"日本\",\"size, px\":\"64,64\"}
{\"id\":\"b2\",\"path\":\"img/b2.png\",\"label\":\"dog\",\"split\":\"train-dev\",\"source\":\"web\",\"camera\":\"7\"}"

# Fixes: staged and applied ones, oldest first; withdrawn ones are left out.
eb tag a1 blurry
eb fix a1 dog --note "ears, clearly"
eb fix a3 dog
eb fix a3 --withdraw
eb fix b1 cat
eb fix a2 cat
is "fixes staged with the commands" "$(sql "SELECT group_concat(status, ' ') FROM (SELECT status FROM fixes ORDER BY fid)")" "staged withdrawn staged staged"
run env EYEBALL_NOW=2026-03-01T00:00:00Z "$EYEBALL" apply --force-dev-only
is "apply for the export" "$RC" 0
run env EYEBALL_NOW=2026-03-02T10:11:12Z "$EYEBALL" fix a3 bird --new-label
is "a later fix" "$RC" 0
eb export fixes
is "export fixes: exact CSV" "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,path,split,old_label,new_label,status,reviewer,time,categories,note
a1,$T_DIR/img/a1.png,dev,cat,dog,applied,tester,2026-01-02T03:04:05Z,mislabeled;blurry,\"ears, clearly\"
b1,$T_DIR/img/b1.png,,café,cat,applied,tester,2026-01-02T03:04:05Z,mislabeled,
a2,$T_DIR/img/a2.png,test,dog,cat,applied,tester,2026-01-02T03:04:05Z,mislabeled,
a3,/abs/a3.png,train,cat,bird,staged,tester,2026-03-02T10:11:12Z,mislabeled,"
eb export fixes --format jsonl
is "export fixes: JSONL keys and nulls" "$(printf '%s\n' "$OUT" | sed -n 2p)" "{\"id\":\"b1\",\"path\":\"$T_DIR/img/b1.png\",\"split\":null,\"old_label\":\"café\",\"new_label\":\"cat\",\"status\":\"applied\",\"reviewer\":\"tester\",\"time\":\"2026-01-02T03:04:05Z\",\"categories\":\"mislabeled\",\"note\":null}"
is "export fixes: JSONL rows" "$(printf '%s\n' "$OUT" | wc -l)" 4
eb export samples
like "export samples carries the applied fixes" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 2p)" "^a1,[^,]*,dog,dev,"
like "and not the staged one" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 5p)" "^a3,/abs/a3.png,cat,train,"

# Round trip: export -> import into an empty store -> the same samples exactly.
picture() { # DB: ids, paths, labels, splits, sources and metadata (as sorted key=value)
    sqlite3 "$1" "SELECT id, path, label, quote(split), quote(source), (SELECT group_concat(k || '=' || v, '&') FROM (SELECT key AS k, value AS v FROM json_each(samples.meta) ORDER BY key)) FROM samples ORDER BY id"
}
eb export samples -o round.csv
is "-o round.csv: exit 0" "$RC" 0
is "-o writes nothing on stdout" "$OUT" ""
EYEBALL_DB=$T_DIR/csv.db run "$EYEBALL" import samples round.csv
is "import of the CSV export" "$RC" 0
is "CSV round trip: same samples" "$(picture csv.db)" "$(picture "$EYEBALL_DB")"
is "CSV round trip: same metadata text" "$(sqlite3 csv.db "SELECT group_concat(meta, '|') FROM (SELECT meta FROM samples WHERE id LIKE 'a%' ORDER BY id)")" \
    "$(sql "SELECT group_concat(meta, '|') FROM (SELECT meta FROM samples WHERE id LIKE 'a%' ORDER BY id)")"
eb export samples -o round.jsonl
EYEBALL_DB=$T_DIR/jsonl.db run "$EYEBALL" import samples round.jsonl
is "import of the JSONL export" "$RC" 0
is "JSONL round trip: same samples and metadata text" "$(sqlite3 jsonl.db "SELECT id, path, label, quote(split), quote(source), quote(meta) FROM samples ORDER BY id")" \
    "$(sql "SELECT id, path, label, quote(split), quote(source), quote(meta) FROM samples ORDER BY id")"
eb export samples
is "export of the re-imported store is the same file" "$(EYEBALL_DB=$T_DIR/csv.db "$EYEBALL" export samples | md5sum)" "$(printf '%s\n' "$OUT" | md5sum)"

# The bigger dataset with fixes applied to dev and test, round-tripped as well.
mkdir big && cd big
export EYEBALL_DB=$PWD/big.db
make_dataset
eb import samples samples.csv
eb fix d005 bird
eb fix t007 bird
eb apply --force-dev-only
eb export samples -o m.csv
EYEBALL_DB=$PWD/copy.db run "$EYEBALL" import samples m.csv
is "650 samples round-trip" "$(picture copy.db | md5sum)" "$(picture big.db | md5sum)"
is "with the fixed labels" "$(sqlite3 copy.db "SELECT group_concat(x) FROM (SELECT id || '=' || label AS x FROM samples WHERE id IN ('d005','t007') ORDER BY id)")" "d005=bird,t007=bird"
cd ..
export EYEBALL_DB=$T_DIR/eyeball.db

# -o is atomic: a temporary file beside the target, renamed; nothing left behind.
printf 'old contents\n' > keep.csv
eb export fixes -o keep.csv
is "-o replaces the file" "$(tr -d '\r' < keep.csv | head -1)" "id,path,split,old_label,new_label,status,reviewer,time,categories,note"
is "no temporary file left" "$(ls -A | grep -c '^\.keep\.csv\.')" 0
is "mode from the umask" "$(umask 022; eb export fixes -o mode.csv; stat -c %a mode.csv)" 644
printf 'old contents\n' > full.csv
# 48 KiB: room for SQLite's 32 KiB shared-memory file, not for the 60 KiB export.
(trap '' XFSZ; ulimit -f 48; exec "$EYEBALL" -d "$T_DIR/big/big.db" export samples --format jsonl -o "$T_DIR/full.csv") > full.out 2> full.err
is "a write that fails exits 2" "$?" 2
like "and says so" "$(cat full.err)" "full.csv: cannot write: File too large; the file was left as it was"
is "the old file is intact" "$(cat full.csv)" "old contents"
is "no temporary file left after the failure" "$(ls -A | grep -c '^\.full\.csv\.')" 0

# Format from --format, else the extension, else CSV on standard output.
eb export fixes -o f.jsonl
like "-o .jsonl writes JSONL" "$(head -1 f.jsonl)" '^\{"id":"a1",'
eb export fixes -o f2.csv --format jsonl
like "--format wins over the extension" "$(head -1 f2.csv)" '^\{"id":"a1",'
refused "unknown extension" 1 "cannot tell the format from the file name 'f.txt'; name it .csv or .jsonl, or pass --format csv\|jsonl" export fixes -o f.txt
ok "nothing written for it" test ! -e f.txt
refused "bad format" 1 "unknown format 'xml' \(use one of csv,jsonl\)" export fixes --format xml
refused "unknown kind" 1 "unknown kind 'labels' \(use fixes, samples or reviews\)" export labels
refused "no kind" 1 "usage: eyeball export" export
refused "stray argument" 1 "unexpected argument 'more'" export fixes more
refused "missing directory" 1 "nodir/x.csv: cannot create a file in nodir: No such file or directory" export fixes -o nodir/x.csv
mkdir adir
refused "a directory as output" 1 "adir: is a directory; give a file name to -o" export fixes --format csv -o adir
refused "missing store" 1 "no such store" -d "$T_DIR/none.db" export fixes
ok "no store created" test ! -e "$T_DIR/none.db"

# An empty metadata key cannot be a CSV column; JSONL carries it.
printf '{"id": "e1", "path": "e.png", "label": "cat", "": "x"}\n' > e.jsonl
EYEBALL_DB=$T_DIR/e.db run "$EYEBALL" import samples e.jsonl
EYEBALL_DB=$T_DIR/e.db run "$EYEBALL" export samples
is "empty key in CSV: exit 1" "$RC" 1
like "empty key in CSV: message" "$ERR" "a metadata key is empty and cannot be a CSV column; export with --format jsonl"
EYEBALL_DB=$T_DIR/e.db run "$EYEBALL" export samples --format jsonl
like "empty key in JSONL" "$OUT" '"":"x"\}$'
done_testing
