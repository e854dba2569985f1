#!/usr/bin/env bash
# The review screen with hostile and unusual text (headless, screens dumped as text):
# right-to-left (Arabic, Hebrew) and wide (CJK) labels, paths and metadata, very long ids
# and labels, escape sequences and bidi overrides in the data; then resizing while the
# label picker or the note prompt is open, down to a terminal too small to draw in.
# Nothing may overflow its columns, no control character may reach the screen, and a
# screen after a resize must equal the same screen drawn fresh at that size.
. "$top_srcdir/tests/cli/lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')
csi=$(printf '\302\233')   # U+009B, the one-byte CSI of C1
rlo=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE
long_id=$(printf 'i%.0s' $(seq 1 300))
long_label=label-$(printf 'L%.0s' $(seq 1 194)) # 200 bytes, the longest label
cat > s.csv <<C
id,path,label,split,source,camera
$long_id,dir/$long_id.png,$long_label,dev,web,
ع/١,صور/قطة.png,قطة,dev,ويب,مرحبا بالعالم هذا نص طويل باللغة العربية لاختبار الاتجاه من اليمين إلى اليسار
ש/1,תמונות/כלב.png,כלב,dev,רשת,"שלום עולם ${rlo}reversed"
猫/1,图片/猫一号.png,猫,dev,网络,这是一张很长的描述文字用来测试宽字符在面板中的截断是否正确处理不会溢出到下一行
esc/1,"e${esc}]0;pwned${bel}.png",cat,dev,"${csi}2J","${esc}[2J${esc}[31mred${bel}"
C
cat > p.csv <<C
id,pred
$long_id,猫
ع/١,כלב
ש/1,猫
猫/1,قطة
esc/1,猫
C
eb import samples s.csv --root /nonexistent/terminal
eb import preds p.csv --model m
is "the odd dataset imports" "$RC" 0

# raw_controls FILE: counts lines holding a C0 control (but tab), DEL or a C1 control.
raw_controls() {
    LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')\|$(printf '\302[\200-\237]')" "$1"
}
# screens FILE: the screens of a dump file, one per file FILE.N (N from 1).
screens() {
    awk -v base="$1" '/^----$/ { n++; next } { print > (base "." (n + 1)) }' "$1"
}

# --- every item at 80x24, the picker, a filter, a note ---
cat > keys <<'K'
key g
dump
key j
dump
key j
dump
key j
dump
key j
dump
key r
dump
type 猫
dump
key Esc
key e
type 東京 שלום
key Enter
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=d80.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review --seed 2
is "review exits normally" "$RC" 0
screens d80.txt
is "eight screens" "$(ls d80.txt.* | wc -l)" 8
for f in d80.txt.*; do
    n=${f##*.}
    w=$(wc -L < "$f")
    ok "screen $n is at most 80 columns wide (widest: $w)" test "$w" -le 80
    is "screen $n has 24 rows" "$(wc -l < "$f")" 24
done
is "no control character reached the screen" "$(raw_controls d80.txt)" 0
# The five items, whatever order the pass has.
all=$(cat d80.txt.1 d80.txt.2 d80.txt.3 d80.txt.4 d80.txt.5)
like "a 300-character id is cut with …" "$all" "id +iiiiiiiiiiiiiiiiiiiiiiii…$"
like "a 200-byte label is cut with …" "$all" "label +label-LLLLLLLLLLLLLLLLLL…$"
like "a long path keeps its end" "$all" "path +…i{20}\.png$"
like "an Arabic label" "$all" "label +قطة$"
like "an Arabic path, cut at the front" "$all" "path +…ent/terminal/صور/قطة\.png$"
like "Arabic metadata, cut to fit" "$all" "camera +مرحبا بالعالم هذا نص طو.*…$"
like "a Hebrew label" "$all" "label +כלב$"
like "a bidi override in metadata is shown escaped" "$all" 'camera +שלום עולם \\u\{202e\}revers…$'
like "a CJK label" "$all" "label +猫$"
like "a CJK path, cut at the front" "$all" "path +…terminal/图片/猫一号\.png$"
like "CJK metadata, cut to fit on a wide-character boundary" "$all" "camera +这是一张很长的描述文字用…$"
like "a title-setting escape in a path is shown escaped" "$all" 'path +….*/e\\e\]0;pwned\\x07\.png$'
like "a clear-screen escape in metadata is shown escaped" "$all" 'camera +\\e\[2J\\e\[31mred\\x07$'
like "a C1 CSI in the source is shown escaped" "$all" 'split +dev · source \\u\{9b\}2J$'
# Wide and right-to-left text does not push the panel: every row of the image box still
# starts with its border.
for n in 1 2 3 4 5; do
    is "screen $n: the image box is whole" "$(sed -n '3,21p' d80.txt.$n | grep -vc '^│')" 0
done
picker=$(cat d80.txt.6)
like "the picker lists the Arabic label" "$picker" "│ [1-9] قطة +│$"
like "the picker lists the CJK label" "$picker" "│ [1-9] 猫 +│$"
like "the picker cuts the long label" "$picker" "│ [1-9] label-LLLLL.*… │$"
like "the picker lists the plain label" "$picker" '│ [1-9] cat +│$'
like "typing 猫 filters to it" "$(cat d80.txt.7)" "filter: 猫 .*
.*│ 猫 +│$"
like "  one of five" "$(cat d80.txt.7)" "1 of 5 · type to filter"
is "a note typed in CJK and Hebrew is stored as typed" \
    "$(sql "SELECT note FROM reviews WHERE note IS NOT NULL")" "東京 שלום"

# --- resizing with the picker and the prompt open ---
cat > keys2 <<'K'
key g
key r
resize 100x30
dump
key Esc
key r
dump
resize 60x16
dump
key Esc
key r
dump
resize 20x6
dump
key 1
key Enter
resize 3x2
resize 80x24
dump
key Esc
key r
dump
key Esc
key e
type 東京
resize 70x20
dump
key Esc
key e
type 東京
dump
resize 20x6
key Enter
resize 70x20
key Esc
resize 20x6
key 1
key 2
key r
key e
key +
resize 80x24
dump
key q
K
EYEBALL_KEYS=keys2 EYEBALL_SCREEN_DUMP=dr.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "review survives the resizes" "$RC" 0
is "no control character reached the screen" "$(raw_controls dr.txt)" 0
screens dr.txt
# same_but_status A B H DESC: screens A and B are the same but for the status row (H-1).
same_but_status() {
    if diff <(sed "$(($3 - 1))d" dr.txt.$1) <(sed "$(($3 - 1))d" dr.txt.$2) > same.diff; then
        _t_result 0 "$4"
    else
        _t_result 1 "$4"
        sed 's/^/#   /' same.diff | head -30
    fi
}
same_but_status 1 2 30 "the picker after a resize to 100x30 is the picker drawn fresh at 100x30"
is "  with one picker on it" "$(grep -c 'fix the label of' dr.txt.1)" 1
same_but_status 3 4 16 "the picker after a resize to 60x16 is the picker drawn fresh at 60x16"
is "  with one picker on it" "$(grep -c 'fix the label of' dr.txt.3)" 1
is "a 20x6 terminal says it is too small" "$(cat dr.txt.5)" "terminal too small:
20x6
eyeball needs 60x16"
same_but_status 6 7 24 "back at 80x24, the picker is whole again, and the keys typed while too small did nothing"
like "  its filter is empty" "$(cat dr.txt.6)" "filter: +│$"
same_but_status 8 9 20 "the note prompt after a resize to 70x20 is the prompt drawn fresh at 70x20"
like "  with the text typed so far" "$(sed -n 20p dr.txt.8)" "^note: 東京$"
is "no key changed anything while the terminal was too small" \
    "$(sql "SELECT (SELECT count(*) FROM tags) || ' tags, ' || (SELECT count(*) FROM categories)
    || ' categories, note ' || (SELECT note FROM reviews WHERE note IS NOT NULL)")" \
    "0 tags, 8 categories, note 東京 שלום"
like "the last screen is the review screen at 80x24" "$(sed -n 1p dr.txt.10)" \
    "^ eyeball · pass #1 · dev · random · model m +\? help$"
done_testing
