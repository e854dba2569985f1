#!/usr/bin/env bash
# report --format html: the page holds the text report's numbers, a chart, the confusion
# matrix, thumbnails per category (decoded images as data: URIs, a placeholder for a
# missing file), escapes every text from the data, and is written atomically.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/report_html_data.sh"

make_html_dataset
eb report --format html -o report.html
is "html report written" "$RC $ERR" "0 "
html=$(cat report.html)
eb report
text=$OUT

# The numbers of the text report, each found in the page.
like "doctype and charset" "$(head -4 report.html | tr -d '\n')" '^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
like "summary: examples" "$html" '<tr><th>examples</th><td>10</td></tr>'
like "summary: errors" "$html" '<tr><th>errors</th><td>6</td></tr>'
like "summary: error rate, as the text report prints it" "$html" '<tr><th>error rate</th><td>60.00%</td></tr>'
like "text report agrees on the error rate" "$text" '^error rate +60.00%$'
like "summary: reviewed errors" "$html" '<tr><th>reviewed errors</th><td>5</td></tr>'
like "blurry: 3 of 5, Wilson interval, error if fixed" "$html" '<tr><td>blurry</td><td>3</td><td>60.0%</td><td>23.1-88.2%</td><td>24.00%</td></tr>'
like "the text report has the same blurry row" "$text" '^blurry +3 +60.0% .* 23.1-88.2% +24.00%$'
# Every number of the text report's category table is in the page.
# Count, share, interval and error if fixed: the last fields of each row (the bar, when
# there is one, stands between share and interval).
rows=$(printf '%s\n' "$text" | sed -n '/^Category (dev)/,/^$/p' | sed '1d;/^$/d' |
       awk '{s = ($(NF-2) ~ /%$/) ? NF-2 : NF-3; print $(s-1), $s, $(NF-1), $NF}')
is "the text report has 9 category rows" "$(printf '%s\n' "$rows" | wc -l)" 9
missing=
while read -r count share ci fixed; do
    grep -qF "<td>$count</td><td>$share</td><td>$ci</td><td>$fixed</td>" report.html ||
        missing="$missing [$count $share $ci $fixed]"
done <<< "$rows"
is "every category row of the text report is in the page" "$missing" ""
like "label fixes: share and interval" "$html" '<tr><th>share of reviewed errors</th><td>20.0%</td></tr>'
like "verdict" "$html" 'Verdict at a 10% threshold \(<code>--mislabeled-threshold</code>\): <strong>worth fixing</strong>'
like "recommendation as the text report words it" "$html" "<p id=\"recommendation\">Largest category: blurry, 60.0% of the reviewed errors"

# Chart and heat map.
is "one inline SVG chart" "$(grep -c '<svg id="chart"' report.html)" 1
is "a bar per category (the store's 8 and one added)" "$(grep -o '<rect x="170" y="[0-9]*\.[0-9]" width="[0-9.]*" height="[0-9.]*" fill="#1f5fbf"/>' report.html | wc -l)" 9
like "blurry's bar: 60% of an axis to 90% over 380 pixels" "$html" '<rect x="170" y="29.0" width="253.3" height="18.0" fill="#1f5fbf"/>'
like "confusion matrix: the cat row, dark green then dark red" "$html" '<tr><th>cat</th><td style="background:#1b7837;color:#fff">2</td><td style="background:#b2182b;color:#fff">3</td></tr>'
cells=$(grep -o '<td style="background:#[0-9a-f]*;color:#[0-9a-f]*">[0-9]*</td>' report.html | sed 's/.*">//;s/<.*//' | tr '\n' ' ')
is "confusion matrix counts: cat/cat cat/dog dog/cat dog/dog" "$cells" "2 3 3 2 "

# Thumbnails: one figure per example and category; a missing file gets its reason.
is "figures: blurry 3, occluded 1, <b> 1, mislabeled 1, no category 1" "$(grep -c '^<figure title=' report.html)" 7
is "thumbnails embedded as JPEG data URIs" "$(grep -o '<img src="data:image/jpeg;base64,/9j/' report.html | wc -l)" 6
like "missing image: a placeholder with the decoder's reason" "$html" '<div class="ph">missing file</div><figcaption><span class="id">e5</span>'
uri=$(grep -o 'data:image/jpeg;base64,[A-Za-z0-9+/=]*' report.html | head -1 | sed 's/^data:image\/jpeg;base64,//')
is "a data URI decodes to a JPEG file" "$(printf '%s' "$uri" | base64 -d | head -c 3 | od -An -tx1 | tr -d ' ')" "ffd8ff"
like "fix shown old -> new" "$html" '<span class="fix">fix: dog → cat \(staged\)</span>'
like "group heading with its count" "$html" '<h3>blurry <span class="note">3 reviewed errors</span></h3>'
like "examples without a category get their own group" "$html" '<h3>\(no category\) <span class="note">1 reviewed error</span></h3>'

# Escaping: the id, the file name, the category name and the note hold markup.
is "no markup from the data: no <script> element" "$(grep -ci '<script' report.html)" 0
is "no <img onerror> from the note" "$(grep -c '<img src=x' report.html)" 0
is "no <b> from a category name" "$(grep -c '<b>' report.html)" 0
like "the id, escaped" "$html" '<span class="id">&lt;script&gt;alert\(1\)&lt;/script&gt;</span>'
like "the id in the alt attribute, escaped" "$html" 'alt="&lt;script&gt;alert\(1\)&lt;/script&gt;"'
like "the note, escaped (quotes and ampersand too)" "$html" '<blockquote>&lt;img src=x onerror=alert\(1\)&gt; &quot;quoted&quot; &amp; &#39;single&#39;</blockquote>'
like "the category name, escaped in the table" "$html" '<tr><td>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;</td>'
like "the category name, escaped in the chart" "$html" '<text x="162" y="[0-9.]+" text-anchor="end">&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;</text>'
like "the file name, escaped in the figure's title" "$html" '<figure title="[^"]*/img/q&quot;&amp;&#39;&lt;i&gt;.png"><img src="data:image/jpeg;base64,'
like "the model name, escaped in the title" "$html" '<title>Error analysis of model m&lt;1&gt;</title>'
is "nothing loaded from elsewhere" "$(grep -Eo '(src|href)="[a-z]+:' report.html | sort -u | tr '\n' ' ')" 'src="data: '
like "a policy that forbids scripts and outside resources" "$html" "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\""

# --thumbnails bounds each group and says so.
eb report -o small.html --thumbnails 2
is "--thumbnails 2" "$RC $(grep -c '^<figure title=' small.html)" "0 6"
like "the page says more exist" "$(cat small.html)" '<h3>blurry <span class="note">3 reviewed errors; the first 2 shown \(<code>--thumbnails N</code> shows more\)</span></h3>'
eb report -o none.html --thumbnails 0
is "--thumbnails 0: no figure" "$RC $(grep -c '<figure title=' none.html)" "0 0"
like "--thumbnails 0: said in the page" "$(cat none.html)" 'Thumbnails left out'
eb report --format html
is "html to standard output" "$RC $(printf '%s\n' "$OUT" | grep -c '^<figure title=')" "0 7"
eb report -o same.md
like "-o picks the format from the extension" "$(head -1 same.md)" '^# Error analysis of model m\\?<1>|^# Error analysis of model m&lt;1&gt;'

# Bad input: refused, nothing written, store unchanged.
refused "--thumbnails not a number" 1 "--thumbnails 'x' is not a number from 0 to 100000" report -o x.html --thumbnails x
ok "nothing written after a refusal" test ! -e x.html
refused "-o into a missing directory" 1 "nodir" report -o nodir/r.html
cp report.html before.html
refused "unknown model leaves the old file" 1 "unknown model 'nope'" report --model nope -o report.html
ok "old file kept as it was" cmp -s report.html before.html
is "no temporary file left behind" "$(ls -A | grep -c eyeball-tmp)" 0

# Test beside dev once a test pass exists: three test examples, two misclassified, both
# in a random test pass, t1 tagged blurry.
printf 't1,img/e2.png,cat,test\nt2,img/e2.png,dog,test\nt3,img/e2.png,dog,test\n' >> samples.csv
printf 't1,dog\nt2,cat\nt3,dog\n' >> preds.csv
eb import samples samples.csv
eb import preds preds.csv --model 'm<1>'
eb review --model 'm<1>' --split test --sample 2 --seed 1 --new --list
eb tag t1 blurry
eb report -o both.html
is "report with test written" "$RC" 0
both=$(cat both.html)
eb report
like "the text report has test beside dev" "$OUT" '^error rate +60.00% +66.67%$'
like "the page too" "$both" '<tr><th>error rate</th><td>60.00%</td><td>66.67%</td></tr>'
like "blurry's test share (1 of 1 reviewed) beside dev's, as in the text report" "$both" '<tr><td>blurry</td><td>3</td><td>60.0%</td><td>23.1-88.2%</td><td>24.00%</td><td>100.0%</td></tr>'
is "test bars in the chart (one per category)" "$(grep -o '<rect x="170" y="[0-9]*\.[0-9]" width="[0-9.]*" height="[0-9.]*" fill="#e8871e"/>' both.html | wc -l)" 9
is "a confusion matrix per split" "$(grep -o '<table class="heat" id="confusion-[a-z]*"' both.html | tr '\n' ' ')" '<table class="heat" id="confusion-dev" <table class="heat" id="confusion-test" '
like "test's examples, after dev's" "$both" '<h2 id="examples-test">Examples behind the numbers \(test\)</h2>'
is "test's blurry group holds t1" "$(sed -n '/id="examples-test"/,$p' both.html | grep -o '<span class="id">[^<]*' | sed 's/.*>//' | tr '\n' ' ')" "t1 "

# Past 20 classes the matrix keeps the 20 with the most examples and sums the rest: class
# cNN has NN dev examples, all predicted right but one c25 predicted c01. Kept: c06-c25;
# c01-c05 (15 examples) become "(other classes)", where c25's error lands too.
{
    echo id,path,label,split
    for i in $(seq 1 25); do for j in $(seq 1 "$i"); do printf 'x%02d-%02d,none.png,c%02d,dev\n' "$i" "$j" "$i"; done; done
} > many.csv
{
    echo id,pred
    for i in $(seq 1 25); do for j in $(seq 1 "$i"); do printf 'x%02d-%02d,c%02d\n' "$i" "$j" "$i"; done; done | sed 's/^x25-01,c25$/x25-01,c01/'
} > many_preds.csv
run "$EYEBALL" -d many.db import samples many.csv
run "$EYEBALL" -d many.db import preds many_preds.csv --model many
run "$EYEBALL" -d many.db report -o many.html --thumbnails 0
is "many classes: report written" "$RC" 0
heat=$(sed -n '/<table class="heat" id="confusion-dev">/,/<\/table>/p' many.html)
is "20 classes and the other-classes bucket as rows" "$(printf '%s\n' "$heat" | grep -c '^<tr><th>')" 21
is "the kept classes are the largest, by name" "$(printf '%s\n' "$heat" | grep -o '^<tr><th>c[0-9]*' | sed 's/.*>//' | tr '\n' ' ')" "$(for i in $(seq 6 25); do printf 'c%02d ' "$i"; done)"
is "every example counted once" "$(printf '%s\n' "$heat" | grep -o '>[0-9]*</td>' | tr -dc '0-9\n' | awk '{s += $1} END {print s}')" 325
like "c25's error in the other-classes column" "$heat" '^<tr><th>c25</th>(<td[^>]*>0</td>){19}<td[^>]*>24</td><td[^>]*>1</td></tr>$'
like "the other classes' own examples on the diagonal" "$heat" '^<tr><th><em>\(other classes\)</em></th>(<td[^>]*>0</td>){20}<td[^>]*>15</td></tr>$'
like "the page says classes were summed" "$(cat many.html)" 'The 20 classes with the most examples are shown; the others are summed as \(other classes\).'

# With an Eyeball part of dev the page holds the Eyeball and Blackbox table, line for line
# as the text report (and status) print it.
run "$EYEBALL" -d many.db split --eyeball 200
is "many classes: an Eyeball part" "$RC" 0
run "$EYEBALL" -d many.db report -o parts.html --thumbnails 0
is "report with parts written" "$RC" 0
run "$EYEBALL" -d many.db report
text_parts=$(printf '%s\n' "$OUT" | sed -n '/^Eyeball and Blackbox$/,/^$/p' | sed '1d;$d')
html_parts=$(sed -n '/<pre id="dev-parts">/,/<\/pre>/p' parts.html | sed 's/<pre id="dev-parts">//; s/<\/pre>//' | sed '/^$/d')
like "the text report has the table" "$text_parts" 'Eyeball'
is "the page's table is the text report's" "$html_parts" "$text_parts"

# With a model imported before the reported one, the page sets them against each other:
# the text of 'eyeball compare' on dev, line for line.
printf 'id,pred\n' > older.csv
sed 1d many_preds.csv | sed 's/^x24-01,c24$/x24-01,c02/; s/^x25-01,c01$/x25-01,c25/' >> older.csv
run "$EYEBALL" -d two.db import samples many.csv
run "$EYEBALL" -d two.db import preds older.csv --model older
run "$EYEBALL" -d two.db import preds many_preds.csv --model newer
run "$EYEBALL" -d two.db report -o two.html --thumbnails 0
is "two models: report written" "$RC" 0
run "$EYEBALL" -d two.db compare older newer
compare_text=$OUT
is "compare runs" "$RC" 0
html_compare=$(sed -n '/<pre id="compare">/,/<\/pre>/p' two.html | sed 's/<pre id="compare">//; s/<\/pre>//' | sed '/^$/d' | sed 's/&gt;/>/g; s/&lt;/</g; s/&amp;/\&/g; s/&#39;/'"'"'/g; s/&quot;/"/g')
like "the page names the previous model" "$(cat two.html)" 'older was imported before newer'
is "the page's comparison is compare's" "$html_compare" "$(printf '%s\n' "$compare_text" | sed '/^$/d')"
run "$EYEBALL" -d many.db report -o one.html --thumbnails 0
is "one model: no comparison" "$(grep -c 'id="compare"' one.html)" 0

done_testing
