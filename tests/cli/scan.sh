#!/usr/bin/env bash
# scan: content hashes of the image files, unreadable files, exact duplicates, leakage,
# and fixes copied to duplicates once hashes are known.
. "$top_srcdir/tests/cli/lib.sh"

P=$(pwd -P)
mkdir img img/dir.png
printf 'AAA' > img/a.png
cp img/a.png img/b.png
cp img/a.png img/c.png
printf 'BBB' > img/d.png
cp img/d.png img/e.png
: > img/empty.png
mkfifo img/fifo.png
cat > s.csv <<'EOF'
id,path,label,split
a,img/a.png,cat,train
b,img/b.png,cat,dev
c,img/c.png,dog,test
d,img/d.png,dog,dev
e,img/e.png,dog,dev
m,img/missing.png,cat,dev
f,img/fifo.png,cat,
g,img/dir.png,cat,
z,img/empty.png,cat,train
EOF
eb import samples s.csv
is "setup" "$RC" 0

refused "scan of a missing store" 1 "none.db: no such store" -d "$T_DIR/none.db" scan
refused "an unknown split" 1 "^eyeball scan: unknown split 'val' in --split \(use train, dev, test, train-dev or unassigned, comma-separated\)" scan --split dev,val
refused "an empty split list" 1 "--split needs at least one split name" scan --split ,
refused "an argument" 1 "unexpected argument 'img'" scan img
refused "no samples in the chosen splits" 1 "^eyeball: no samples to scan in the chosen splits; 'eyeball status' shows the splits$" scan --split train-dev

eb scan
is "scan exit status" "$RC" 0
is "scan report" "$OUT" "scanned 9 samples: 6 files hashed, 3 missing or unreadable
  m: No such file or directory ($P/img/missing.png)
  f: not a regular file ($P/img/fifo.png)
  g: is a directory ($P/img/dir.png)
exact duplicates: 2 groups, 5 samples (a label fix to one is staged for all copies)
LEAKAGE: 1 train image is also in dev, test or train-dev (2 examples there):
  a (train), b (dev), c (test)"
is "the empty file has the published XXH3-128 of no bytes" "$(sql "SELECT hash FROM samples WHERE id='z'")" "99aa06d3014798d86001c324468d497f"
is "copies share a hash, others differ" "$(sql "SELECT group_concat(id, '') FROM (SELECT id, hash, sid FROM samples WHERE hash IS NOT NULL ORDER BY sid) GROUP BY hash ORDER BY min(sid)")" "abc
de
z"
is "hashes are 32 hex digits" "$(sql "SELECT count(*) FROM samples WHERE hash GLOB '[0-9a-f]*' AND length(hash)=32")" 6
is "unreadable files have no hash" "$(sql "SELECT group_concat(id, '') FROM (SELECT id FROM samples WHERE hash IS NULL ORDER BY sid)")" "mfg"

# Only the chosen splits are read; duplicates and leakage are counted over the store.
sql "UPDATE samples SET hash='stale' WHERE id='a'"
eb scan --split dev
is "--split dev" "$OUT" "scanned 4 samples: 3 files hashed, 1 missing or unreadable
  m: No such file or directory ($P/img/missing.png)
exact duplicates: 2 groups, 4 samples (a label fix to one is staged for all copies)
no leakage: no image in train is also in dev, test or train-dev"
is "train was not read" "$(sql "SELECT hash FROM samples WHERE id='a'")" "stale"

# A file that vanished loses its hash: it is no longer anybody's copy.
rm img/d.png
eb scan --split train,dev
is "a vanished file" "$(printf '%s\n' "$OUT" | sed -n 1,3p)" "scanned 6 samples: 4 files hashed, 2 missing or unreadable
  d: No such file or directory ($P/img/d.png)
  m: No such file or directory ($P/img/missing.png)"
is "its hash is cleared" "$(sql "SELECT hash IS NULL FROM samples WHERE id='d'")" 1
eb scan --split unassigned
is "unassigned samples" "$(printf '%s\n' "$OUT" | sed -n 1p)" "scanned 2 samples: 0 files hashed, 2 missing or unreadable"

# A fix reaches every copy once the hashes are known.
eb fix b dog
is "fix after scan" "$OUT" "staged a fix of b: cat -> dog
also staged for 1 exact duplicate: a"
is "c says dog already: no fix for it" "$(sql "SELECT group_concat(id, '') FROM (SELECT s.id FROM fixes f JOIN samples s USING(sid) WHERE f.status='staged' ORDER BY f.fid)")" "ba"

# Many unreadable files and many leaking images: the first ones are listed.
printf 'id,path,label,split\n' > many.csv
i=0
while [ $i -lt 12 ]; do
    printf 'img %d' $i > img/l$i.png
    cp img/l$i.png img/k$i.png
    printf 't%02d,img/l%d.png,cat,train\nv%02d,img/k%d.png,cat,test\nn%02d,img/none%d.png,cat,dev\n' $i $i $i $i $i $i >> many.csv
    i=$((i + 1))
done
EYEBALL_DB=$T_DIR/many.db run "$EYEBALL" import samples many.csv
EYEBALL_DB=$T_DIR/many.db run "$EYEBALL" scan
is "long lists are cut" "$OUT" "scanned 36 samples: 24 files hashed, 12 missing or unreadable
  n00: No such file or directory ($P/img/none0.png)
  n01: No such file or directory ($P/img/none1.png)
  n02: No such file or directory ($P/img/none2.png)
  n03: No such file or directory ($P/img/none3.png)
  n04: No such file or directory ($P/img/none4.png)
  ... and 7 more
exact duplicates: 12 groups, 24 samples (a label fix to one is staged for all copies)
LEAKAGE: 12 train images are also in dev, test or train-dev (12 examples there):
  t00 (train), v00 (test)
  t01 (train), v01 (test)
  t02 (train), v02 (test)
  t03 (train), v03 (test)
  t04 (train), v04 (test)
  t05 (train), v05 (test)
  t06 (train), v06 (test)
  t07 (train), v07 (test)
  t08 (train), v08 (test)
  t09 (train), v09 (test)
  ... and 2 more"

if [ "$(id -u)" = 0 ]; then
    _t_result 0 "a read-only store refuses scan # SKIP root can write to read-only files"
else
    chmod a-w "$EYEBALL_DB" "$T_DIR"
    refused "a read-only store refuses scan" 1 "the store is read-only" scan
    chmod u+w "$EYEBALL_DB" "$T_DIR"
fi
# A file over the decoder's size cap is not read: a 5 GB sparse file is skipped at once.
truncate -s 5G huge.png
truncate -s 1K huge2.png
cp huge2.png same.png
printf 'id,path,label,split\nh,huge.png,cat,dev\nk,huge2.png,cat,dev\nl,same.png,dog,dev\n' > h.csv
eb -d "$T_DIR/huge.db" import samples h.csv
eb -d "$T_DIR/huge.db" scan
is "a file over the size cap is skipped" "$(printf '%s\n' "$OUT" | sed -n 1,2p)" \
    "scanned 3 samples: 2 files hashed, 1 missing or unreadable
  h: skipped: 5368709120 bytes, over the 64 MiB image size limit ($P/huge.png)"
is "the skipped file has no hash" \
    "$(sqlite3 "$T_DIR/huge.db" "SELECT id, hash IS NULL FROM samples ORDER BY id")" "h|1
k|0
l|0"

# A path changed by import --update drops the old file's hash: no fix reaches a sample
# through a duplicate it no longer is.
mkdir mv
printf 'same' > mv/a.png
cp mv/a.png mv/b.png
printf 'other' > mv/c.png
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,cat,dev\nc,c.png,dog,dev\n' > mv/s.csv
printf 'id,path,label,split\nb,c.png,cat,dev\n' > mv/u.csv
eb -d "$T_DIR/mv.db" import samples mv/s.csv
eb -d "$T_DIR/mv.db" scan
eb -d "$T_DIR/mv.db" import samples mv/u.csv --update
is "import --update of a path: says scan is needed" "$OUT" \
    "imported 1 sample from mv/u.csv: 0 added, 1 updated, 0 unchanged
1 updated sample points to another file: run 'eyeball scan' to find exact duplicates again"
is "its hash is cleared, the others kept" \
    "$(sqlite3 "$T_DIR/mv.db" "SELECT id, hash IS NULL FROM samples ORDER BY id")" "a|0
b|1
c|0"
eb -d "$T_DIR/mv.db" fix a dog
is "a fix no longer reaches the moved sample" "$OUT" "staged a fix of a: cat -> dog"

done_testing
