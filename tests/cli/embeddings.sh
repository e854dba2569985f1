#!/usr/bin/env bash
# import embeddings: CSV and JSONL, float32 blobs per sample, replacement, refusals, and the
# migration of a schema 2 store.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\ns1,a.png,cat,train\ns2,b.png,dog,train\ns3,c.png,cat,dev\n' > s.csv
eb import samples s.csv

refused "embeddings before any: train refuses" 1 \
    "the store has no embeddings; import them first: eyeball import embeddings FILE" train

printf 'id,e0,e1,e2\ns1,0.5,-1,2\ns2,1e-3,0,3.25\ns3,"7",8,9\n' > e.csv
eb import embeddings e.csv
is "CSV import" "$RC $OUT" "0 imported 3 embeddings of dimension 3 from e.csv"
is "one blob per sample, 4 bytes a number" "$(sql "SELECT count(*), sum(length(vec)) FROM embeddings")" "3|36"
# 0.5, -1, 2 as little-endian float32.
is "little-endian float32" "$(sql "SELECT hex(vec) FROM embeddings JOIN samples USING(sid) WHERE id='s1'")" \
    "0000003F000080BF00000040"
is "dimension recorded" "$(sql "SELECT value FROM meta WHERE key='embedding_dim'")" "3"

# Columns in any order: id need not come first.
printf 'a,b,id\n1,2,s1\n' > order.csv
eb import embeddings order.csv
is "id anywhere in the header; replaces all" "$OUT" "imported 1 embedding of dimension 2 from order.csv (replacing 3)"
is "the old vectors are gone" "$(sql "SELECT count(*), sum(length(vec)) FROM embeddings")" "1|8"

cat > e.jsonl <<'J'
{"id": "s1", "embedding": [0.5, -1, 2, 4]}
{"id": "s2", "embedding": [1, 2, 3, 4]}

{"id": "s3", "embedding": [-0.25, 0, 0, 1e-3]}
J
eb import embeddings e.jsonl
is "JSONL import" "$OUT" "imported 3 embeddings of dimension 4 from e.jsonl (replacing 1)"
is "JSONL vectors" "$(sql "SELECT hex(vec) FROM embeddings JOIN samples USING(sid) WHERE id='s3'")" \
    "000080BE00000000000000006F12833A"

cp e.jsonl x.data
eb import embeddings x.data --format jsonl
is "--format" "$OUT" "imported 3 embeddings of dimension 4 from x.data (replacing 3)"

bade() { # bade NAME CONTENT PATTERN
    printf "$2" > "$1"
    refused "$1 refused" 1 "$3" import embeddings "$1"
}
bade dim.csv 'id,e0,e1\ns1,1,2\ns2,1,2,3\n' \
    'dim.csv:3: 3 numbers, but the header names 2 dimensions; every embedding must have the same dimension'
bade nan.csv 'id,e0,e1\ns1,1,2\ns2,nan,2\n' "nan.csv:3: column e0 \\(dimension 0\\) is 'nan', not a finite number"
bade inf.csv 'id,e0,e1\ns1,1,inf\n' "inf.csv:2: column e1 \\(dimension 1\\) is 'inf', not a finite number"
bade word.csv 'id,e0,e1\ns1,1,x\n' "word.csv:2: column e1 \\(dimension 1\\) is 'x', not a finite number"
bade empty_cell.csv 'id,e0,e1\ns1,1,\n' "empty_cell.csv:2: column e1 \\(dimension 1\\) is '', not a finite number"
bade big.csv 'id,e0\ns1,1e39\n' "big.csv:2: column e0 \\(dimension 0\\) is 1e\\+39, outside the range of a 32-bit float"
bade unknown.csv 'id,e0\ns1,1\nzz,2\n' "unknown.csv:3: unknown sample id 'zz'; import the samples first"
bade dup.csv 'id,e0\ns1,1\ns1,2\n' "dup.csv:3: a second embedding for id 's1'; give one per id"
bade noid.csv 'e0,e1\n1,2\n' "noid.csv:1: no 'id' column in the header"
bade onlyid.csv 'id\ns1\n' "onlyid.csv:1: only an id column"
bade emptyid.csv 'id,e0\n,1\n' "emptyid.csv:2: empty id"
bade empty.csv '' "empty.csv:1: empty file; expected a header row: id,e0,e1,..."
bade header.csv 'id,e0\n' "header.csv:2: no data rows after the header"
bade twice.csv 'id,e0,e0\ns1,1,2\n' "twice.csv:1: column 'e0' appears twice"
bade dim.jsonl '{"id":"s1","embedding":[1,2]}\n{"id":"s2","embedding":[1]}\n' \
    'dim.jsonl:2: an embedding of 1 numbers, but the first line has 2'
bade str.jsonl '{"id":"s1","embedding":[1,"2"]}\n' 'str.jsonl:1: embedding\[1\] is not a number'
bade big.jsonl '{"id":"s1","embedding":[1e300]}\n' 'big.jsonl:1: embedding\[0\] is 1e\+300, outside the range of a 32-bit float'
bade noemb.jsonl '{"id":"s1"}\n' 'noemb.jsonl:1: "embedding" must be a non-empty array of numbers'
bade emptyemb.jsonl '{"id":"s1","embedding":[]}\n' 'emptyemb.jsonl:1: "embedding" must be a non-empty array of numbers'
bade noid.jsonl '{"embedding":[1]}\n' 'noid.jsonl:1: each line needs "id"'
bade unknown.jsonl '{"id":"s1","embedding":[1]}\n{"id":"zz","embedding":[2]}\n' "unknown.jsonl:2: unknown sample id 'zz'"
bade bad.jsonl '{"id":"s1","embedding":[NaN]}\n' 'bad.jsonl:1: invalid JSON'
bade empty.jsonl '' 'empty.jsonl:1: empty file'
refused "no format" 1 "x.txt: cannot tell the format from the file name; pass --format csv, jsonl or npy" \
    import embeddings x.txt
refused "missing file" 1 "nothing.csv: no such file" import embeddings nothing.csv
refused "--model is for preds" 1 "--model is for import preds" import embeddings e.csv --model m
is "failed imports kept the embeddings" "$(sql "SELECT count(*), sum(length(vec)) FROM embeddings")" "3|48"

# .npy matrices (as numpy.save writes them) with an ids file.
npy() { python3 "$top_srcdir/tests/train/npy.py" "$@"; }
npy e.npy '<f4' False 3,2 0.5 -1 2 3 7 8
printf 's1\ns2\ns3\n' > e.ids
eb import embeddings e.npy
is ".npy with the ids file beside it" "$RC $OUT" "0 imported 3 embeddings of dimension 2 from e.npy (replacing 3)"
is ".npy vectors" "$(sql "SELECT group_concat(hex(vec), ' ') FROM (SELECT vec FROM embeddings ORDER BY sid)")" \
    "0000003F000080BF 0000004000004040 0000E04000000041"
npy e8.npy '<f8' False 3,2 1 2 3 4 5 6
printf 's3\ns1\r\ns2\n' > other.ids
eb import embeddings e8.npy --ids other.ids
is "float64 .npy, --ids, CRLF ids" "$OUT" "imported 3 embeddings of dimension 2 from e8.npy (replacing 3)"
is "rows follow the ids' order" "$(sql "SELECT hex(vec) FROM embeddings JOIN samples USING(sid) WHERE id = 's3'")" \
    "0000803F00000040"
cp e.npy matrix.bin
eb import embeddings matrix.bin --format npy --ids e.ids
is "--format npy" "$OUT" "imported 3 embeddings of dimension 2 from matrix.bin (replacing 3)"
npy f.npy '<f4' True 3,2 0 0 0 0 0 0
refused "Fortran order refused" 1 "f.npy: a matrix in Fortran order; save it in C order" import embeddings f.npy --ids e.ids
npy i.npy '<i4' False 3,2 1 2 3 4 5 6
refused "integers refused" 1 "i.npy: the matrix holds <i4, not little-endian float32 or float64" import embeddings i.npy --ids e.ids
npy v.npy '<f4' False 3 1 2 3
refused "a vector refused" 1 "v.npy: the array is not a non-empty 2-dimensional matrix" import embeddings v.npy --ids e.ids
npy nan.npy '<f4' False 3,2 1 2 3 nan 5 6
refused "NaN in .npy" 1 "nan.npy: row 2, dimension 1 is not a finite number" import embeddings nan.npy --ids e.ids
printf 's1\ns2\n' > short.ids
refused "fewer ids than rows" 1 "short.ids:3: the ids file ends, but the matrix has 3 rows" import embeddings e.npy --ids short.ids
printf 's1\ns2\nzz\n' > zz.ids
refused "unknown id in the ids file" 1 "zz.ids:3: unknown sample id 'zz'" import embeddings e.npy --ids zz.ids
printf 's1\ns2\ns3\ns1\n' > long.ids
refused "more ids than rows" 1 "long.ids:4: more ids than the 3 rows of e.npy" import embeddings e.npy --ids long.ids
head -c $(($(wc -c < e.npy) - 4)) e.npy > cut.npy
refused "truncated .npy" 1 "cut.npy: the file ends in row 3 of 3; it is truncated" import embeddings cut.npy --ids e.ids
refused "not .npy" 1 "s.csv: not a .npy file" import embeddings s.csv --format npy --ids e.ids
refused "no ids file" 1 "f.npy: cannot open the ids file f.ids" import embeddings f.npy
refused "--ids without npy" 1 "--ids is for a .npy matrix" import embeddings e.csv --ids e.ids
refused "unknown format" 1 "unknown format 'xml'; use csv, jsonl or npy" import embeddings e.csv --format xml
is "failed .npy imports kept the embeddings" "$(sql "SELECT count(*), sum(length(vec)) FROM embeddings")" "3|24"

rm -f "$EYEBALL_DB"
refused "no store" 1 "no such store" import embeddings e.csv
is "no store made" "$(ls "$EYEBALL_DB" 2>/dev/null)" ""

# A store of schema 2 (before embeddings) opens and migrates.
eb import samples s.csv
downgrade "$EYEBALL_DB" 2
eb import embeddings e.jsonl
is "a schema 2 store takes embeddings" "$RC $OUT" "0 imported 3 embeddings of dimension 4 from e.jsonl"
is "migrated to schema 7" "$(sql "PRAGMA user_version")" 7
is "with the new columns" "$(sql "SELECT count(*) FROM pragma_table_info('preds') WHERE name='oof';
    SELECT count(*) FROM pragma_table_info('models') WHERE name='trained'")" "1
1"

eb import embeddings --help
like "help names the embeddings formats" "$OUT" 'Embeddings JSONL: \{"id": \.\.\., "embedding": \[0\.12'
done_testing
