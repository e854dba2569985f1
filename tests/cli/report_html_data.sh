#!/usr/bin/env bash
# report_html_data.sh: the dataset of the HTML report tests (sourced after lib.sh).
# Ten dev examples of a model named m<1>, six misclassified (e1, e2, e5: cat predicted dog;
# e3, e6 and the one with markup for an id: dog predicted cat); a random pass over all six
# errors; five of them reviewed: e1, e2 and <script>... blurry, e3 occluded and in a
# category added here whose name is markup, e5 with no category and a missing image file; the
# <script> one has a staged fix to cat with a note full of markup. e1's image is solid
# green (the browser test looks for it).

IMGTOOL=${IMGTOOL:-$top_builddir/tests/imgtool}

make_html_dataset() {
    mkdir -p img
    "$IMGTOOL" png img/e1.png 64 48 solid:00c000
    "$IMGTOOL" png img/e2.png 48 64 gradient
    "$IMGTOOL" jpeg img/e3.jpg 80 60 photo
    "$IMGTOOL" png "img/q\"&'<i>.png" 40 40 gradient
    for f in e6 c1 c2 c3 c4; do "$IMGTOOL" png "img/$f.png" 32 32 gradient; done
    cat > samples.csv <<'CSV'
id,path,label,split
e1,img/e1.png,cat,dev
e2,img/e2.png,cat,dev
e3,img/e3.jpg,dog,dev
<script>alert(1)</script>,"img/q""&'<i>.png",dog,dev
e5,img/e5.png,cat,dev
e6,img/e6.png,dog,dev
c1,img/c1.png,cat,dev
c2,img/c2.png,cat,dev
c3,img/c3.png,dog,dev
c4,img/c4.png,dog,dev
CSV
    cat > preds.csv <<'CSV'
id,pred
e1,dog
e2,dog
e3,cat
<script>alert(1)</script>,cat
e5,dog
e6,cat
c1,cat
c2,cat
c3,dog
c4,dog
CSV
    eb import samples samples.csv
    eb import preds preds.csv --model 'm<1>'
    eb categories add '<b>bold</b> & "q"'
    eb review --model 'm<1>' --sample 6 --seed 1 --new --list
    eb tag e1 blurry
    eb tag e2 blurry
    eb tag '<script>alert(1)</script>' blurry
    eb tag e3 occluded '<b>bold</b> & "q"'
    eb tag e5 blurry
    eb untag e5 blurry
    eb fix '<script>alert(1)</script>' cat --note "<img src=x onerror=alert(1)> \"quoted\" & 'single'"
}
