#!/usr/bin/env bash
# Every bad input is refused with FILE:LINE, status 1, and the store exactly as before.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\ns1,a.png,cat,dev\ns2,b.png,dog,test\n' > good0.csv
eb import samples good0.csv
is "setup import" "$RC" 0

bad() { # bad NAME CONTENT STATUS PATTERN [ARGS]
    local name=$1 content=$2 st=$3 pat=$4
    shift 4
    printf "$content" > "$name"
    refused "$name refused" "$st" "$pat" import samples "$name" "$@"
}
bad missing_label.csv 'id,path\nx,x.png\n' 1 '^eyeball: missing_label.csv:1: no .label. column in the header'
bad missing_path.csv 'id,label\nx,cat\n' 1 'missing_path.csv:1: no .path. column'
bad unknown_split.csv 'path,label,split\nx.png,cat,validation\n' 1 "unknown_split.csv:2: unknown split 'validation'; use train, dev, test, train-dev or leave it empty"
bad dup_id.csv 'id,path,label\nn1,1.png,cat\nn2,2.png,cat\nn1,3.png,cat\n' 1 "dup_id.csv:4: id 'n1' appears twice in the file"
bad conflict.csv 'id,path,label\ns1,a.png,dog\n' 1 "conflict.csv:2: id 's1' is already in the store with another label \('cat'\); pass --update"
bad quoting.csv 'path,label\n"a.png,cat\nb.png,dog\n' 1 'quoting.csv:2: quoted field never closed \(the file ends on line 4\)'
bad stray.csv 'path,label\na"b.png,cat\n' 1 'stray.csv:2: stray quote'
bad latin1.csv 'path,label\ncaf\351.png,cat\n' 1 'latin1.csv:2: field 1 is not valid UTF-8'
bad empty.csv '' 1 'empty.csv:1: empty file'
bad header_only.csv 'path,label\n' 1 'header_only.csv:2: no data rows'
bad fields.csv 'path,label\na.png,cat,extra\n' 1 'fields.csv:2: 3 fields, but the header has 2'
bad empty_label.csv 'path,label\na.png,\n' 1 'empty_label.csv:2: empty label'
bad empty_path.csv 'path,label\n,cat\n' 1 'empty_path.csv:2: empty path'
bad dup_col.csv 'path,label,label\na.png,cat,dog\n' 1 "dup_col.csv:1: column 'label' appears twice"
bad late.csv 'path,label\nok1.png,cat\nok2.png,cat\nbad.png,cat,x\n' 1 'late.csv:4: 3 fields'
bad bad.jsonl '{"path":"a.png","label":"cat"}\n{"path": "b.png", "label": \n' 1 'bad.jsonl:2: invalid JSON'
bad notobj.jsonl '["a.png","cat"]\n' 1 'notobj.jsonl:1: expected a JSON object'
bad arr.jsonl '{"path":["a"],"label":"cat"}\n' 1 "arr.jsonl:1: 'path' must be a string"
bad nolabel.jsonl '{"path":"a.png"}\n' 1 'nolabel.jsonl:1: empty label'
bad empty.jsonl '\n\n' 1 'empty.jsonl:1: empty file'
bad latin1.jsonl '{"path":"caf\351.png","label":"cat"}\n' 1 'latin1.jsonl:1: not valid UTF-8'
refused "missing file" 1 "nosuch.csv: no such file" import samples nosuch.csv
refused "unknown format" 1 "unknown format 'xml'" import samples good0.csv --format xml
refused "unknown option" 1 "unknown option '--frobnicate'" import samples good0.csv --frobnicate
refused "unknown kind" 1 "unknown kind 'images'" import images good.csv
refused "--model on samples" 1 "--model is for import preds" import samples good0.csv --model m
mkdir emptydir
refused "folder without images" 1 "emptydir: no image files found" import samples emptydir
mkdir good.csv
refused "directory as csv" 1 "good.csv: is a directory; use --format folder" import samples good.csv --format csv

# A failed first import creates no store.
rm -f other.db
EYEBALL_DB=$T_DIR/other.db run "$EYEBALL" import samples empty.csv
is "failed first import exits 1" "$RC" 1
ok "failed first import leaves no store file" test ! -e other.db
ok "and no WAL file" test ! -e other.db-wal
refused "unknown command" 1 "unknown command 'frob'" frob
refused "status on a missing store" 1 "no such store" -d "$T_DIR/none.db" status
ok "status did not create the store" test ! -e none.db
# Labels follow the rules of fix: at most 200 bytes, printable, not only spaces.
long=$(printf '%0201d' 0)
bad long_label.csv "path,label\na.png,$long\n" 1 "^eyeball: long_label.csv:2: label is 201 bytes long; labels are at most 200$"
bad spaces_label.csv 'path,label\na.png,   \n' 1 "^eyeball: spaces_label.csv:2: label is only spaces; give a visible name$"
bad ctl_label.csv 'path,label\na.png,c\001t\n' 1 "^eyeball: ctl_label.csv:2: label holds a control character \(byte 2\)$"
bad rlo_label.csv 'path,label\na.png,c\342\200\256t\n' 1 "^eyeball: rlo_label.csv:2: label holds a control character \(byte 2\)$"
bad nel_label.jsonl '{"path":"a.png","label":"c\\u0085t"}\n' 1 "^eyeball: nel_label.jsonl:1: label holds a control character \(byte 2\)$"
printf 'path,label\na.png,%s\n' "$(printf '%0200d' 0)" > max_label.csv
eb import samples max_label.csv
is "a label of 200 bytes is imported" "$RC" 0
# A header of 300,000 columns is checked for duplicates in n log n, not n squared; the
# duplicate named is the first one met reading left to right.
awk 'BEGIN { printf "path,label"; for (i = 0; i < 300000; i++) printf ",m%d", i;
             printf ",m299999,m7\n"; printf "a.png,cat"; for (i = 0; i < 300002; i++) printf ",";
             printf "\n" }' > wide.csv
refused "300,000 columns, one twice" 1 "^eyeball: wide.csv:1: column 'm299999' appears twice in the header$" import samples wide.csv
done_testing
