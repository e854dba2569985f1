/* Unit tests of the HTML report's structure on a report built by hand: dev and test side
 * by side, the chart's bars, the heat map with its "(other classes)" bucket, the bound on
 * thumbnails per category, placeholders, and escaping of every text from the data. */
#include "config.h"
#include "report.h"
#include "tap.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void example(report_example_t *x, const char *id, const char *thumb, const char *note)
{
    memset(x, 0, sizeof *x);
    x->id = xstrdup(id);
    x->path = xasprintf("img/%s.png", id);
    x->label = xstrdup("cat");
    x->pred = xstrdup("dog");
    x->note = note ? xstrdup(note) : NULL;
    x->ntags = 1;
    if (thumb)
        x->thumb = xstrdup(thumb);
    else
        x->thumb_why = xstrdup("truncated PNG");
}

/* A split with 5 reviewed errors of 50 examples: all in category 0 ("blurry" or a name
 * full of markup), none in category 1; 3 classes with the third summed as other. */
static void split(report_split_t *sp, const char *name, const char *cat0)
{
    sp->split = name;
    sp->examples = 50;
    sp->errors = 10;
    sp->reviewed = 5;
    sp->passes = 1;
    sp->ncats = 2;
    sp->cats = xcalloc(2, sizeof *sp->cats);
    sp->cats[0].name = xstrdup(cat0);
    sp->cats[0].count = 5;
    sp->cats[1].name = xstrdup("dark");
    sp->nrev = 5;
    sp->rev = xcalloc(5, sizeof *sp->rev);
    sp->cats[0].ex = xcalloc(5, sizeof *sp->cats[0].ex);
    sp->cats[0].nex = 5;
    for (size_t i = 0; i < 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "%s%zu", name, i);
        example(&sp->rev[i], id, i == 1 ? NULL : "data:image/jpeg;base64,AAAA",
                i == 0 ? "line one\nline <two> & \"three\" 'four'" : NULL);
        sp->cats[0].ex[i] = i;
    }
    sp->rev[0].fix_old = xstrdup("cat");
    sp->rev[0].fix_new = xstrdup("dog");
    sp->nclasses = 3;
    sp->classes = xcalloc(3, sizeof *sp->classes);
    sp->classes[0] = xstrdup("cat");
    sp->classes[1] = xstrdup("dog");
    sp->classes[2] = NULL; /* (other classes) */
    sp->confusion = xcalloc(9, sizeof *sp->confusion);
    static const long long m[9] = {20, 4, 1, 3, 18, 0, 1, 1, 2};
    memcpy(sp->confusion, m, sizeof m);
}

static char *render(const report_t *r, size_t per_cat)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    report_write_html(f, r, per_cat);
    fclose(f);
    return buf;
}

int main(void)
{
    report_t r;
    memset(&r, 0, sizeof r);
    r.model = xstrdup("net <v2> & 'b'");
    r.imported = xstrdup("2026-01-02T03:04:05Z");
    r.threshold = REPORT_DEFAULT_THRESHOLD;
    split(&r.dev, "dev", "blurry");
    r.has_test = 1;
    split(&r.test, "test", "<i>\"x\" & 'y'</i>");
    r.test.examples = 40;
    r.test.cats[0].count = 2;
    r.dev.suspects_estimate = r.test.suspects_estimate = -1;
    report_compute(&r);

    char *h = render(&r, 3);
    ok(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 62) == 0,
       "starts as an HTML5 document in UTF-8");
    ok(strstr(h, "</body>\n</html>\n") != NULL, "ends the document");
    ok(strstr(h, "<title>Error analysis of model net &lt;v2&gt; &amp; &#39;b&#39;</title>") != NULL,
       "the model name escaped in the title");
    ok(strstr(h, "<thead><tr><th></th><th>dev</th><th>test</th></tr></thead>") != NULL,
       "dev and test side by side in the summary");
    ok(strstr(h, "<tr><th>examples</th><td>50</td><td>40</td></tr>") != NULL,
       "examples of each split");
    ok(strstr(h, "<tr><th>error rate</th><td>20.00%</td><td>25.00%</td></tr>") != NULL,
       "error rates as the text report prints them");
    /* dev blurry 5/5 = 100.0%, Wilson 56.6-100.0%, 20% x 0 = 0.00%; test share 2/5. */
    ok(strstr(h, "<tr><td>blurry</td><td>5</td><td>100.0%</td><td>56.6-100.0%</td>"
               "<td>0.00%</td><td>-</td></tr>") != NULL,
       "category row; its test share is '-' when test has no category of that name");
    is_int((long long)count(h, "fill=\"#1f5fbf\"/>"), 3, "dev bars: legend and 2 categories");
    is_int((long long)count(h, "fill=\"#e8871e\"/>"), 2,
           "test bars: legend and dark, the only category name in both");
    /* Thumbnails: 5 per split, 3 shown; one of the shown is a placeholder. */
    is_int((long long)count(h, "<figure title="), 6, "3 figures per split with --thumbnails 3");
    is_int((long long)count(h, "<img src=\"data:image/jpeg;base64,AAAA\""), 4,
           "thumbnails as given");
    is_int((long long)count(h, "<div class=\"ph\">truncated PNG</div>"), 2,
           "a placeholder with the reason where there is no thumbnail");
    ok(strstr(h, "<h3>blurry <span class=\"note\">5 reviewed errors; the first 3 shown "
                 "(<code>--thumbnails N</code> shows more)</span></h3>") != NULL,
       "the bound is said");
    ok(strstr(h, "<h3>dark") == NULL, "no heading for a category without examples");
    ok(strstr(h, "<h3>&lt;i&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/i&gt; <span") != NULL,
       "a category name of markup escaped in its heading");
    ok(strstr(h, "<blockquote>line one\\nline &lt;two&gt; &amp; &quot;three&quot; "
                 "&#39;four&#39;</blockquote>") != NULL,
       "a note: line break made visible, markup escaped");
    ok(strstr(h, "<span class=\"fix\">fix: cat \u2192 dog (staged)</span>") != NULL,
       "a staged fix as old -> new");
    ok(strstr(h, "<i>") == NULL && strstr(h, "<two>") == NULL, "no markup from the data");
    is_int((long long)count(h, "<em>(other classes)</em>"), 4,
           "the other-classes bucket as a row and a column in each split");
    ok(strstr(h, "<tr><th>cat</th><td style=\"background:#1b7837;color:#fff\">20</td>"
                 "<td style=\"background:#b2182b;color:#fff\">4</td>") != NULL,
       "heat map: the largest count of each kind at full colour");
    ok(strstr(h, "<td style=\"background:#ecc5ca;color:#1b1b1b\">1</td>") != NULL,
       "heat map: 1 of 4 errors a light red with dark text");
    free(h);

    h = render(&r, 0);
    is_int((long long)count(h, "<figure title="), 0, "--thumbnails 0: no figure");
    ok(strstr(h, "Thumbnails left out") != NULL, "--thumbnails 0 is said");
    free(h);
    report_free(&r);
    return tap_done();
}
