#!/usr/bin/env bash
# report --format html in a real browser: headless Chromium opens the page from disk and
# takes a screenshot; the page rendered (not blank), the chart's bars and the green test
# image's thumbnail are on it (counted by colour), and the DOM Chromium built holds the
# text report's numbers and no element made from the data.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/report_html_data.sh"

chrome=
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        chrome=$c
        break
    fi
done
if [ -z "$chrome" ]; then
    echo "1..0 # SKIP no headless browser: install Debian's chromium package"
    exit 0
fi

make_html_dataset
eb report -o report.html
is "html report written" "$RC" 0
eb report
text=$OUT

# Chromium refuses to run as root with its sandbox; the page runs no script anyway.
flags=(--headless --disable-gpu --no-first-run --no-default-browser-check --hide-scrollbars
       --user-data-dir="$T_DIR/profile" --window-size=1200,5000)
[ "$(id -u)" = 0 ] && flags+=(--no-sandbox)
url="file://$T_DIR/report.html"
timeout 120 "$chrome" "${flags[@]}" --screenshot="$T_DIR/shot.png" "$url" >/dev/null 2>&1
ok "chromium took a screenshot" test -s shot.png
run "$IMGTOOL" colors shot.png 1f5fbf 00c000
is "screenshot decoded" "$RC $(printf '%s\n' "$OUT" | sed -n 1p)" "0 size 1200x5000"
ink=$(printf '%s\n' "$OUT" | awk '$1 == "not" {print $3}')
bars=$(printf '%s\n' "$OUT" | awk '$1 == "1f5fbf" {print $2}')
thumb=$(printf '%s\n' "$OUT" | awk '$1 == "00c000" {print $2}')
# Blank would be white: text, tables, chart and thumbnails cover far more than 2%.
ok "not blank: $ink pixels not white" test "${ink:-0}" -gt 120000
# The bars are 18 pixels high; blurry's alone is 253 wide (4,554 pixels).
ok "the chart's bars are visible: $bars pixels of the bar colour" test "${bars:-0}" -gt 4000
# e1 is solid green, 64x48, shown at 160x120 (19,200 pixels).
ok "the green thumbnail is visible: $thumb green pixels" test "${thumb:-0}" -gt 15000

timeout 120 "$chrome" "${flags[@]}" --dump-dom "$url" >dom.html 2>/dev/null
ok "chromium dumped the DOM" test -s dom.html
dom=$(cat dom.html)
like "the DOM has the summary table" "$dom" '<tr><th>error rate</th><td>60.00%</td></tr>'
rows=$(printf '%s\n' "$text" | sed -n '/^Category (dev)/,/^$/p' | sed '1d;/^$/d' |
       awk '{s = ($(NF-2) ~ /%$/) ? NF-2 : NF-3; print $(s-1), $s, $(NF-1), $NF}')
missing=
while read -r count share ci fixed; do
    grep -qF "<td>$count</td><td>$share</td><td>$ci</td><td>$fixed</td>" dom.html ||
        missing="$missing [$count $share $ci $fixed]"
done <<< "$rows"
is "the DOM holds every category row of the text report" "$missing" ""
for label in "reviewed errors fixed" "share of reviewed errors" "95% CI" "part of the error rate"; do
    want=$(printf '%s\n' "$text" | sed -n '/^Label fixes/,/^verdict/p' | grep "^ *$label " | awk '{print $NF}')
    like "the DOM has the text report's '$label' ($want)" "$dom" "<tr><th>$label</th><td>$want</td></tr>"
done
is "no script element in the DOM" "$(grep -ci '<script' dom.html)" 0
is "no image element but the thumbnails" "$(grep -o '<img [a-z]*=' dom.html | sort -u | tr '\n' ' ')" '<img src= '
like "the id is text in the DOM" "$dom" '<span class="id">&lt;script&gt;alert\(1\)&lt;/script&gt;</span>'

done_testing
