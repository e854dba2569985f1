#!/usr/bin/env bash
# sheet: a contact sheet PNG of a category's reviewed errors (the HTML report's data set):
# its size follows the grid, the green image is on it, a missing file gets a placeholder,
# bad requests are refused without writing anything.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/report_html_data.sh"

make_html_dataset
# Cells: 160-pixel box + 2 x 8 padding wide (176), + 4 caption lines of 10 high (216);
# 8 between and around; a 36-pixel title. blurry has e1, e2 and <script>...: 3 in a row.
eb sheet --category blurry -o blurry.png
is "sheet written" "$RC $ERR" "0 "
run "$IMGTOOL" colors blurry.png 00c000 1b1b1b b0b0b0
is "3 cells in a row: 8 + 3 x 184 wide, 36 + 224 + 8 high" "$(printf '%s\n' "$OUT" | sed -n 1p)" "size 560x268"
green=$(printf '%s\n' "$OUT" | awk '$1 == "00c000" {print $2}')
# e1 is 64x48 solid green, enlarged twice: 128 x 96 = 12,288 pixels.
is "e1's image, enlarged twice" "$green" 12288
text=$(printf '%s\n' "$OUT" | awk '$1 == "1b1b1b" {print $2}')
ok "captions drawn ($text text pixels)" test "${text:-0}" -gt 500
grey=$(printf '%s\n' "$OUT" | awk '$1 == "b0b0b0" {print $2}')
is "no placeholder in blurry" "$grey" 0

eb sheet -o all.png --columns 2
is "every reviewed error: 5" "$RC" 0
run "$IMGTOOL" colors all.png b0b0b0
# The title (font pixels doubled) is wider than two cells: it sets the width.
is "2 columns, 3 rows: 36 + 3 x 224 + 8 high" "$(printf '%s\n' "$OUT" | sed -n 1p)" "size 546x716"
grey=$(printf '%s\n' "$OUT" | awk '$1 == "b0b0b0" {print $2}')
ok "e5's missing file: a grey placeholder ($grey pixels)" test "${grey:-0}" -gt 20000

eb sheet --category blurry --max 2 -o two.png
run "$IMGTOOL" colors two.png
is "--max 2: one row, the title saying so sets the width" "$(printf '%s\n' "$OUT" | sed -n 1p)" "size 766x268"

# Refusals: nothing written, the store unchanged.
refused "no -o" 1 "sheet writes a PNG file: give it with -o FILE.png" sheet
refused "unknown category" 1 "unknown category 'nope'; the categories are mislabeled, blurry" sheet --category nope -o x.png
refused "a category with no reviewed error" 1 "no reviewed error of dev is in category 'dark' yet" sheet --category dark -o x.png
refused "test without a test pass" 1 "has no review pass over test" sheet --split test -o x.png
refused "bad --split" 1 "--split 'train': use dev or test" sheet --split train -o x.png
refused "bad --max" 1 "--max '0' is not a number from 1 to 1000" sheet --max 0 -o x.png
ok "nothing written after the refusals" test ! -e x.png
is "no temporary file left behind" "$(ls -A | grep -c eyeball-tmp)" 0

done_testing
