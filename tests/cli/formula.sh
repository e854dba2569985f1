#!/bin/sh
# CSV written for spreadsheets: a cell that a spreadsheet would run as a formula gets a
# leading apostrophe (OWASP, CSV injection) in every CSV eyeball writes, plain numbers
# such as -1 excepted; --no-formula-guard writes cells as they are, for round trips. The
# markdown report escapes markdown and HTML in text from the data.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split,note,=key\n=id,a.png,=cmd,dev,=1+2,x\nb,b.png,-1,dev,"\tx",\nc,c.png,+0.5,dev,-2+3+cmd|x,\nd,d.png,-1,dev,@SUM(A1),\ne,e.png,=cmd,dev,-x,\nf,f.png,-1,dev,"-1 ",\n' > s.csv
eb import samples s.csv
is "setup" "$RC" 0

eb export samples
is "export samples: formulas guarded, numbers not" "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,path,label,split,source,note,'=key
'=id,a.png,'=cmd,dev,,'=1+2,x
b,b.png,-1,dev,,'	x,
c,c.png,+0.5,dev,,'-2+3+cmd|x,
d,d.png,-1,dev,,'@SUM(A1),
e,e.png,'=cmd,dev,,'-x,
f,f.png,-1,dev,,'-1 ,"

eb export samples --no-formula-guard -o raw.csv
is "--no-formula-guard: exit 0" "$RC" 0
is "--no-formula-guard: cells as they are" "$(tr -d '\r' < raw.csv)" "id,path,label,split,source,note,=key
=id,a.png,=cmd,dev,,=1+2,x
b,b.png,-1,dev,,	x,
c,c.png,+0.5,dev,,-2+3+cmd|x,
d,d.png,-1,dev,,@SUM(A1),
e,e.png,=cmd,dev,,-x,
f,f.png,-1,dev,,-1 ,"
samples() { sqlite3 "$1" "SELECT id, path, label, split, source, meta FROM samples ORDER BY id"; }
EYEBALL_DB=$T_DIR/round.db eb import samples raw.csv
is "--no-formula-guard round trip: import into an empty store" "$RC" 0
is "--no-formula-guard round trip: the same samples" "$(samples round.db)" "$(samples eyeball.db)"

printf 'id,pred,prob:-1,prob:+0.5,prob:=cmd\n=id,-1,0.8,0.1,0.1\nb,-1,0.8,0.1,0.1\nc,+0.5,0.1,0.8,0.1\nd,-1,0.8,0.1,0.1\ne,=cmd,0.1,0.1,0.8\nf,-1,0.8,0.1,0.1\n' > p.csv
eb import preds p.csv --model '=m<b>[x](http://e.vil)'
is "preds" "$RC" 0
eb categories add '@x'
eb suspects --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r')  # CSV records end with CRLF
is "suspects csv" "$OUT" "id,split,given,suggested,self_confidence,normalized_margin
'=id,dev,'=cmd,-1,0.100000,0.150000"
eb suspects --format csv --no-formula-guard
OUT=$(printf '%s' "$OUT" | tr -d '\r')  # CSV records end with CRLF
is "suspects csv --no-formula-guard" "$(printf '%s\n' "$OUT" | sed -n 2p)" "=id,dev,=cmd,-1,0.100000,0.150000"
eb review --list --sample 3 --seed 1
OUT=$(printf '%s' "$OUT" | tr -d '\r')  # CSV records end with CRLF
is "review --list" "$OUT" "position,id,split,label,pred,reviewed,reason
1,'=id,dev,'=cmd,-1,no,"
eb review --list --no-formula-guard
OUT=$(printf '%s' "$OUT" | tr -d '\r')  # CSV records end with CRLF
is "review --list --no-formula-guard" "$(printf '%s\n' "$OUT" | sed -n 2p)" "1,=id,dev,=cmd,-1,no,"
eb report --format csv
is "report csv: the model and a category guarded" "$(printf '%s\n' "$OUT" | tr -d '\r' | grep -F '@x')" \
    "'=m<b>[x](http://e.vil),dev,category,'@x,0,0,,,,0.1666666667,"
eb report --format csv --no-formula-guard
is "report csv --no-formula-guard" "$(printf '%s\n' "$OUT" | tr -d '\r' | grep -F '@x')" \
    "=m<b>[x](http://e.vil),dev,category,@x,0,0,,,,0.1666666667,"
eb fix b 0.5 --new-label --note '=HYPERLINK("http://e.vil","x")'
is "fix with a formula note" "$RC" 0
eb export fixes
is "export fixes: the note guarded" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 2p)" \
    "b,$T_DIR/b.png,dev,-1,0.5,staged,tester,2026-01-02T03:04:05Z,mislabeled,\"'=HYPERLINK(\"\"http://e.vil\"\",\"\"x\"\")\""

# ---- markdown ----
eb categories add '<img src=x onerror=alert(1)>'
eb categories add '[a](http://e.vil)*b*_c_`d`\e&f~g|h'
eb report --format markdown
is "markdown: the model's HTML and link escaped" "$(printf '%s\n' "$OUT" | sed -n 1p)" \
    '# Error analysis of model =m&lt;b&gt;\[x\](http\://e.vil)'
is "markdown: a category's HTML escaped" "$(printf '%s\n' "$OUT" | grep -F 'onerror')" \
    '| &lt;img src=x onerror=alert(1)&gt; | 0 | - | - | - |'
is "markdown: markup characters escaped" "$(printf '%s\n' "$OUT" | grep -F '\*b')" \
    '| \[a\](http\://e.vil)\*b\*\_c\_\`d\`\\\\e&amp;f\~g\|h | 0 | - | - | - |'
done_testing
