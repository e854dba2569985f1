#!/usr/bin/env bash
# Every CSV eyeball writes ends each record with CRLF (RFC 4180), header included:
# suspects, review --list, report and export fixes|samples.
. "$top_srcdir/tests/cli/lib.sh"

cat > s.csv <<'C'
id,path,label,split
a,a.png,cat,dev
b,b.png,dog,dev
c,c.png,cat,dev
d,d.png,dog,test
C
cat > p.csv <<'C'
id,pred,prob:cat,prob:dog
a,dog,0.1,0.9
b,dog,0.2,0.8
c,cat,0.7,0.3
d,cat,0.6,0.4
C
eb import samples s.csv
eb import preds p.csv --model m1
eb fix a dog
is "set-up" "$RC" 0

# crlf NAME LINES: $OUT has LINES records, each ending in CR LF, and no bare LF.
crlf() {
    printf '%s\n' "$OUT" > out.csv
    is "$1: records" "$(wc -l < out.csv)" "$2"
    is "$1: every one ends in CRLF" "$(grep -c "$(printf '\r')\$" out.csv)" "$2"
}
eb suspects --format csv
crlf "suspects --format csv" 3
eb review --list --seed 1
crlf "review --list" 2
eb report --format csv
ok "report --format csv: at least a header and a row" test "$(printf '%s\n' "$OUT" | wc -l)" -ge 2
crlf "report --format csv" "$(printf '%s\n' "$OUT" | wc -l)"
eb export fixes --format csv
crlf "export fixes" 2
eb export samples --format csv
crlf "export samples" 5
done_testing
