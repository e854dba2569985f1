/* report_html.c: the report as one self-contained HTML page: the tally with the same
 * numbers as the text report, an inline SVG bar chart, the confusion matrix as a heat
 * map, and per category the thumbnails of its examples as data: URIs. No script, no
 * file or address outside the page (its Content-Security-Policy forbids them), so it
 * opens from disk anywhere. Every text from the data goes through html_text. */
#include "config.h"
#include "part.h"
#include "report.h"
#include "strbuf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Bar chart geometry, in SVG user units (pixels). */
#define CHART_LABEL_W 170
#define CHART_BAR_W 380
#define CHART_ROW_H 26
#define CHART_TOP 26
/* Colours the browser test looks for: keep them in step with tests/cli/report_html.sh. */
#define COLOR_DEV "#1f5fbf"
#define COLOR_TEST "#e8871e"

static double pct(double x)
{
    return 100.0 * x;
}

/* Text from the data: control characters made visible (util_sanitize), then the five
 * characters HTML reads as markup as entities, so it is text wherever it lands (element
 * content or a quoted attribute). */
static void html_text(FILE *f, const char *s)
{
    char *safe = util_sanitize(s ? s : "(none)");
    for (const char *p = safe; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f);
        }
    }
    free(safe);
}

static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1b1b;"
    "background:#fff;margin:1.5em auto;max-width:1100px;padding:0 1em}"
    "h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ccc}"
    "h3{font-size:1.05em;margin:1.4em 0 .4em}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{padding:.2em .6em;text-align:right;border-bottom:1px solid #e4e4e4}"
    "th:first-child,td:first-child{text-align:left}"
    "thead th{border-bottom:2px solid #999}"
    ".note{color:#555;font-size:.92em}.warn{color:#9a4a00}"
    ".sides{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}"
    ".heat td{text-align:center;min-width:2.4em;border:1px solid #fff}"
    ".heat th{font-weight:normal;font-size:.9em}"
    ".heat th.col{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;"
    "vertical-align:bottom}"
    ".grid{display:flex;flex-wrap:wrap;gap:12px}"
    "figure{margin:0;width:172px;border:1px solid #ddd;border-radius:4px;padding:5px;"
    "background:#fafafa;font-size:.82em;overflow-wrap:anywhere}"
    "figure img{display:block;margin:0 auto 4px;width:160px;height:160px;object-fit:contain}"
    ".ph{height:120px;display:flex;align-items:center;justify-content:center;"
    "text-align:center;background:#eee;color:#777;margin-bottom:4px}"
    ".fix{color:#8a1c1c}.id{font-weight:600}"
    "blockquote{margin:.3em 0 0;padding-left:.5em;border-left:3px solid #ccc;color:#333}"
    "svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}";

static void head(FILE *f, const report_t *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "img-src data:; style-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"eyeball " PACKAGE_VERSION "\">\n<title>", f);
    fputs("Error analysis of model ", f);
    html_text(f, r->model);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Error analysis of model ",
            style);
    html_text(f, r->model);
    fputs("</h1>\n<p>Predictions imported ", f);
    html_text(f, r->imported);
    fputs(".</p>\n", f);
}

static void summary(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev, *t = r->has_test ? &r->test : NULL;
    fprintf(f, "<table id=\"summary\">\n<thead><tr><th></th><th>dev</th>%s</tr></thead>\n"
            "<tbody>\n", t ? "<th>test</th>" : "");
#define HROW(label, fmt, field)                                                               \
    do {                                                                                      \
        fprintf(f, "<tr><th>" label "</th><td>" fmt "</td>", d->field);                        \
        if (t)                                                                                \
            fprintf(f, "<td>" fmt "</td>", t->field);                                         \
        fputs("</tr>\n", f);                                                                  \
    } while (0)
    HROW("examples", "%lld", examples);
    HROW("errors", "%lld", errors);
    fprintf(f, "<tr><th>error rate</th><td>%.2f%%</td>", pct(d->error_rate));
    if (t)
        fprintf(f, "<td>%.2f%%</td>", pct(t->error_rate));
    fputs("</tr>\n", f);
    HROW("reviewed errors", "%lld", reviewed);
    HROW("from random passes", "%lld", passes);
    HROW("judged in a suspects pass (not in the tally)", "%lld", suspects_only);
    HROW("judged in no pass (not in the tally)", "%lld", outside);
    if (d->checked_labels || (t && t->checked_labels))
        HROW("labels checked right", "%lld", checked_labels);
#undef HROW
    if (d->suspects_estimate >= 0 || (t && t->suspects_estimate >= 0)) {
        fputs("<tr><th>mislabeled (suspects estimate)</th>", f);
        for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL)
            if (sp->suspects_estimate >= 0)
                fprintf(f, "<td>%.2f%%</td>", pct(sp->suspects_estimate));
            else
                fputs("<td>-</td>", f);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
    if (!d->fixed_since && !(t && t->fixed_since))
        fputs("<p class=\"note\">Errors are scored against the current labels (no fix applied "
              "after the model's import), as <code>eyeball status</code> counts them.</p>\n", f);
    for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL)
        if (sp->fixed_since)
            fprintf(f, "<p class=\"note\">%s: errors are scored against the labels at the "
                    "model's import (%lld label%s fixed after it). Against the current labels: "
                    "%lld error%s (%.2f%%).</p>\n", sp->split, sp->fixed_since,
                    sp->fixed_since == 1 ? "" : "s", sp->errors_now,
                    sp->errors_now == 1 ? "" : "s",
                    pct((double)sp->errors_now / (double)sp->examples));
}

static const report_cat_t *test_cat(const report_t *r, const char *name)
{
    if (!r->has_test)
        return NULL;
    for (size_t j = 0; j < r->test.ncats; j++)
        if (strcmp(r->test.cats[j].name, name) == 0)
            return &r->test.cats[j];
    return NULL;
}

static void categories(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev;
    fputs("<h2>Error categories (dev)</h2>\n", f);
    if (d->ncats == 0) {
        fputs("<p>No categories: <code>eyeball categories add NAME</code>.</p>\n", f);
        return;
    }
    fprintf(f, "<table id=\"categories\">\n<thead><tr><th>category</th><th>count</th>"
            "<th>share</th><th>95%% CI</th><th>dev error if fixed</th>%s</tr></thead>\n"
            "<tbody>\n", r->has_test ? "<th>test share</th>" : "");
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i];
        fputs("<tr><td>", f);
        html_text(f, k->name);
        fprintf(f, "</td><td>%lld</td>", k->count);
        if (d->reviewed)
            fprintf(f, "<td>%.1f%%</td><td>%.1f-%.1f%%</td><td>%.2f%%</td>", pct(k->share),
                    pct(k->lo), pct(k->hi), pct(k->if_fixed));
        else
            fputs("<td>-</td><td>-</td><td>-</td>", f);
        if (r->has_test) {
            const report_cat_t *tk = test_cat(r, k->name);
            if (tk && r->test.reviewed)
                fprintf(f, "<td>%.1f%%</td>", pct(tk->share));
            else
                fputs("<td>-</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* One bar with its 95% interval as a whisker; y is the bar's top. */
static void chart_bar(FILE *f, double y, double h, double scale, double share, double lo,
                      double hi, const char *color)
{
    double w = share * scale;
    if (share > 0 && w < 1)
        w = 1;
    fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
            CHART_LABEL_W, y, w, h, color);
    double mid = y + h / 2;
    fprintf(f, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#222\" "
            "stroke-width=\"1\" fill=\"none\"/>", CHART_LABEL_W + lo * scale, mid,
            CHART_LABEL_W + hi * scale, CHART_LABEL_W + lo * scale, mid - 3, mid + 3,
            CHART_LABEL_W + hi * scale, mid - 3, mid + 3);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%.1f%%</text>", CHART_LABEL_W + hi * scale + 6,
            mid + 4, pct(share));
}

/* The tally as horizontal bars: share of reviewed errors per category with its interval,
 * test beside dev when reviewed; the axis runs to the largest upper bound. */
static void chart(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev;
    int test = r->has_test && r->test.reviewed > 0;
    if (d->ncats == 0 || (d->reviewed == 0 && !test))
        return;
    double top = 0.1;
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i], *tk = test_cat(r, k->name);
        if (d->reviewed && k->hi > top)
            top = k->hi;
        if (test && tk && tk->hi > top)
            top = tk->hi;
    }
    top = (double)(int)(top * 10 + 0.999) / 10; /* up to the next 10% */
    if (top > 1)
        top = 1;
    double scale = CHART_BAR_W / top;
    int height = CHART_TOP + (int)d->ncats * CHART_ROW_H + 24;
    int width = CHART_LABEL_W + CHART_BAR_W + 60;
    fprintf(f, "<figure class=\"chart\" style=\"width:auto;border:0;background:none\">\n"
            "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title\">"
            "<title id=\"chart-title\">Share of the reviewed errors per category, with 95%% "
            "intervals</title>\n", width, height, width, height);
    for (int g = 0; g <= 10; g += 2) {
        double x = CHART_LABEL_W + top * g / 10 * scale;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f%%</text>\n", x,
                CHART_TOP - 4, x, height - 20, x, height - 6, pct(top * g / 10));
    }
    fprintf(f, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
            "<text x=\"%d\" y=\"13\">dev</text>", CHART_LABEL_W, COLOR_DEV, CHART_LABEL_W + 14);
    if (test)
        fprintf(f, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                "<text x=\"%d\" y=\"13\">test</text>", CHART_LABEL_W + 60, COLOR_TEST,
                CHART_LABEL_W + 74);
    fputc('\n', f);
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i], *tk = test_cat(r, k->name);
        double y = CHART_TOP + (double)i * CHART_ROW_H;
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", CHART_LABEL_W - 8,
                y + CHART_ROW_H / 2.0 + 2);
        html_text(f, k->name);
        fputs("</text>", f);
        double bh = test ? (CHART_ROW_H - 6) / 2.0 : CHART_ROW_H - 8;
        if (d->reviewed)
            chart_bar(f, y + 3, bh, scale, k->share, k->lo, k->hi, COLOR_DEV);
        if (test && tk)
            chart_bar(f, y + 3 + bh, bh, scale, tk->share, tk->lo, tk->hi, COLOR_TEST);
        fputc('\n', f);
    }
    fputs("</svg>\n</figure>\n", f);
}

static void mislabeled(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev, *t = r->has_test ? &r->test : NULL;
    const report_split_t *sp[2] = {d, t};
    fprintf(f, "<h2>Label fixes (mislabeled)</h2>\n<table id=\"mislabeled\">\n<thead><tr><th>"
            "</th><th>dev</th>%s</tr></thead>\n<tbody>\n", t ? "<th>test</th>" : "");
    fputs("<tr><th>reviewed errors fixed</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "<td>%lld</td>", sp[i]->mislabeled);
    fputs("</tr>\n<tr><th>share of reviewed errors</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        if (sp[i]->reviewed)
            fprintf(f, "<td>%.1f%%</td>", pct(sp[i]->mis_share));
        else
            fputs("<td>-</td>", f);
    fputs("</tr>\n<tr><th>95% CI</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        if (sp[i]->reviewed)
            fprintf(f, "<td>%.1f-%.1f%%</td>", pct(sp[i]->mis_lo), pct(sp[i]->mis_hi));
        else
            fputs("<td>-</td>", f);
    fputs("</tr>\n<tr><th>part of the error rate</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        if (sp[i]->reviewed)
            fprintf(f, "<td>%.2f%%</td>", pct(sp[i]->mis_part));
        else
            fputs("<td>-</td>", f);
    fputs("</tr>\n<tr><th>correct examples reviewed</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "<td>%lld</td>", sp[i]->correct_reviewed);
    fputs("</tr>\n<tr><th>of them mislabeled</th>", f);
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "<td>%lld</td>", sp[i]->correct_mislabeled);
    fprintf(f, "</tr>\n</tbody>\n</table>\n<p id=\"verdict\">Verdict at a %g%% threshold "
            "(<code>--mislabeled-threshold</code>): <strong>%s</strong>.</p>\n",
            pct(r->threshold), d->reviewed == 0 ? "nothing reviewed yet"
                               : r->worth_fixing ? "worth fixing" : "not worth the effort");
}

/* Background of a heat map cell: white to dark red for errors (off the diagonal), white
 * to dark green for the diagonal, by count over the largest count of its kind. */
static void heat_color(char *buf, size_t n, double v, int diag)
{
    static const int red[3] = {178, 24, 43}, green[3] = {27, 120, 55};
    const int *c = diag ? green : red;
    int rgb[3];
    for (int i = 0; i < 3; i++)
        rgb[i] = (int)(255 + (c[i] - 255) * v + 0.5);
    snprintf(buf, n, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static void class_name(FILE *f, const char *name)
{
    if (name)
        html_text(f, name);
    else
        fputs("<em>(other classes)</em>", f);
}

static void confusion(FILE *f, const report_split_t *sp)
{
    size_t n = sp->nclasses;
    if (n == 0)
        return;
    long long maxd = 0, maxo = 0;
    for (size_t g = 0; g < n; g++)
        for (size_t p = 0; p < n; p++) {
            long long v = sp->confusion[g * n + p];
            if (g == p && v > maxd)
                maxd = v;
            if (g != p && v > maxo)
                maxo = v;
        }
    fprintf(f, "<div><h3>%s</h3>\n<table class=\"heat\" id=\"confusion-%s\">\n<thead><tr>"
            "<th>label \\ predicted</th>", sp->split, sp->split);
    for (size_t p = 0; p < n; p++) {
        fputs("<th class=\"col\">", f);
        class_name(f, sp->classes[p]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t g = 0; g < n; g++) {
        fputs("<tr><th>", f);
        class_name(f, sp->classes[g]);
        fputs("</th>", f);
        for (size_t p = 0; p < n; p++) {
            long long v = sp->confusion[g * n + p];
            long long max = g == p ? maxd : maxo;
            double x = max ? (double)v / (double)max : 0;
            char bg[16];
            heat_color(bg, sizeof bg, x, g == p);
            fprintf(f, "<td style=\"background:%s;color:%s\">%lld</td>", bg,
                    x > 0.55 ? "#fff" : "#1b1b1b", v);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n", f);
}

static void confusions(FILE *f, const report_t *r)
{
    if (r->dev.nclasses == 0)
        return;
    fputs("<h2>Confusion matrix</h2>\n<p class=\"note\">Every example of the split: rows are "
          "the labels the model was scored on, columns its predictions. Errors in red, "
          "correct in green, darker for more.", f);
    if (r->dev.nclasses > REPORT_MAX_CLASSES ||
        (r->has_test && r->test.nclasses > REPORT_MAX_CLASSES))
        fprintf(f, " The %d classes with the most examples are shown; the others are summed "
                "as (other classes).", REPORT_MAX_CLASSES);
    fputs("</p>\n<div class=\"sides\">\n", f);
    confusion(f, &r->dev);
    if (r->has_test)
        confusion(f, &r->test);
    fputs("</div>\n", f);
}

static void pairs_sources(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev;
    if (d->npairs) {
        fputs("<h2>Most confused (dev)</h2>\n<table id=\"pairs\">\n<thead><tr><th>given</th>"
              "<th>predicted</th><th>errors</th><th>share of errors</th></tr></thead>\n"
              "<tbody>\n", f);
        for (size_t i = 0; i < d->npairs; i++) {
            fputs("<tr><td>", f);
            html_text(f, d->pairs[i].given);
            fputs("</td><td style=\"text-align:left\">", f);
            html_text(f, d->pairs[i].predicted);
            fprintf(f, "</td><td>%lld</td><td>%.1f%%</td></tr>\n", d->pairs[i].count,
                    pct((double)d->pairs[i].count / (double)d->errors));
        }
        fputs("</tbody>\n</table>\n", f);
    }
    fputs("<h2>By source (dev)</h2>\n<table id=\"sources\">\n<thead><tr><th>source</th>"
          "<th>examples</th><th>errors</th><th>error rate</th><th>reviewed</th></tr></thead>\n"
          "<tbody>\n", f);
    for (size_t i = 0; i < d->nsources; i++) {
        const report_source_t *o = &d->sources[i];
        fputs("<tr><td>", f);
        html_text(f, o->source);
        fprintf(f, "</td><td>%lld</td><td>%lld</td><td>%.2f%%</td><td>%lld</td></tr>\n",
                o->examples, o->errors, pct((double)o->errors / (double)o->examples),
                o->reviewed);
    }
    fputs("</tbody>\n</table>\n", f);
    if (!r->leaks)
        return;
    fprintf(f, "<p class=\"warn\" id=\"leakage\"><strong>Warning:</strong> %lld example%s of "
            "dev, test or train-dev %s an exact copy in train (the same image bytes): leakage "
            "that flatters the error rates.", r->leaks, r->leaks == 1 ? "" : "s",
            r->leaks == 1 ? "has" : "have");
    for (size_t i = 0; i < r->nleak; i++) {
        fprintf(f, "%s%s ", i ? ", " : " ", r->leak[i].split);
        html_text(f, r->leak[i].id);
        fputs(" = train ", f);
        html_text(f, r->leak[i].train_id);
    }
    if ((size_t)r->leaks > r->nleak)
        fprintf(f, " (%lld more)", r->leaks - (long long)r->nleak);
    fputs("</p>\n", f);
}

static void example(FILE *f, const report_example_t *x)
{
    fputs("<figure title=\"", f); /* the image file, shown on hover */
    html_text(f, x->path);
    fputs("\">", f);
    if (x->thumb) {
        fprintf(f, "<img src=\"%s\" alt=\"", x->thumb);
        html_text(f, x->id);
        fputs("\">", f);
    } else {
        fputs("<div class=\"ph\">", f);
        html_text(f, x->thumb_why ? x->thumb_why : "no thumbnail");
        fputs("</div>", f);
    }
    fputs("<figcaption><span class=\"id\">", f);
    html_text(f, x->id);
    fputs("</span><br>label ", f);
    html_text(f, x->label);
    fputs(", predicted ", f);
    html_text(f, x->pred);
    if (x->fix_new) {
        fputs("<br><span class=\"fix\">fix: ", f);
        html_text(f, x->fix_old);
        fputs(" \u2192 ", f);
        html_text(f, x->fix_new);
        fprintf(f, " (%s)</span>", x->fix_applied ? "applied" : "staged");
    }
    if (x->note) {
        fputs("<blockquote>", f);
        html_text(f, x->note);
        fputs("</blockquote>", f);
    }
    fputs("</figcaption></figure>\n", f);
}

static void group_head(FILE *f, const char *split, const char *name, size_t n, size_t shown)
{
    fputs("<h3>", f);
    if (name)
        html_text(f, name);
    else
        fputs("(no category)", f);
    fprintf(f, " <span class=\"note\">%zu reviewed error%s", n, n == 1 ? "" : "s");
    if (shown < n)
        fprintf(f, "; the first %zu shown (<code>--thumbnails N</code> shows more)", shown);
    fprintf(f, "</span></h3>\n<div class=\"grid\" data-split=\"%s\">\n", split);
}

static void gallery(FILE *f, const report_split_t *sp, size_t per_cat)
{
    fprintf(f, "<h2 id=\"examples-%s\">Examples behind the numbers (%s)</h2>\n", sp->split,
            sp->split);
    if (sp->nrev == 0) {
        fputs("<p>No reviewed error yet.</p>\n", f);
        return;
    }
    if (per_cat == 0) {
        fputs("<p class=\"note\">Thumbnails left out (<code>--thumbnails 0</code>).</p>\n", f);
        return;
    }
    for (size_t i = 0; i < sp->ncats; i++) {
        const report_cat_t *k = &sp->cats[i];
        if (k->nex == 0)
            continue;
        size_t shown = k->nex < per_cat ? k->nex : per_cat;
        group_head(f, sp->split, k->name, k->nex, shown);
        for (size_t j = 0; j < shown; j++)
            example(f, &sp->rev[k->ex[j]]);
        fputs("</div>\n", f);
    }
    size_t untagged = 0;
    for (size_t i = 0; i < sp->nrev; i++)
        untagged += sp->rev[i].ntags == 0;
    if (untagged) {
        size_t shown = untagged < per_cat ? untagged : per_cat, done = 0;
        group_head(f, sp->split, NULL, untagged, shown);
        for (size_t i = 0; i < sp->nrev && done < shown; i++)
            if (sp->rev[i].ntags == 0) {
                example(f, &sp->rev[i]);
                done++;
            }
        fputs("</div>\n", f);
    }
}

/* Text of several lines in a <pre> element with that id, each line escaped as html_text
 * escapes (which would show a line break as \n). */
static void pre(FILE *f, const char *id, const char *text)
{
    fprintf(f, "<pre id=\"%s\">", id);
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char *one = xstrndup(line, len);
        html_text(f, one);
        free(one);
        fputc('\n', f);
        if (!nl)
            break;
        line = nl + 1;
    }
    fputs("</pre>\n", f);
}

/* The Eyeball and Blackbox table of 'eyeball status', as status prints it, line by line. */
static void dev_parts(FILE *f, const report_t *r)
{
    if (!r->eyeball)
        return;
    strbuf_t b;
    strbuf_init(&b);
    part_table(&b, r->parts, r->nparts, r->eyeball, r->blackbox, r->blackbox_shown, 0);
    fputs("<h2>Eyeball and Blackbox</h2>\n", f);
    pre(f, "dev-parts", b.buf);
    strbuf_done(&b);
}

/* The text of 'eyeball compare' against the model imported before, line by line. */
static void against(FILE *f, const report_t *r)
{
    if (!r->against_text)
        return;
    fputs("<h2>Against the previous model</h2>\n<p class=\"note\">", f);
    html_text(f, r->against);
    fputs(" was imported before ", f);
    html_text(f, r->model);
    fputs(": what the newer model fixed and broke on dev, as <code>eyeball compare</code> "
          "says it.</p>\n", f);
    pre(f, "compare", r->against_text);
}

void report_write_html(FILE *f, const report_t *r, size_t per_cat)
{
    head(f, r);
    fputs("<div class=\"sides\">\n<div>\n", f);
    summary(f, r);
    fputs("</div>\n<div>\n<h2 style=\"margin-top:0\">Recommendation</h2>\n<p id=\"recommendation\">",
          f);
    html_text(f, r->recommendation);
    fputs("</p>\n</div>\n</div>\n", f);
    categories(f, r);
    chart(f, r);
    mislabeled(f, r);
    confusions(f, r);
    pairs_sources(f, r);
    dev_parts(f, r);
    against(f, r);
    gallery(f, &r->dev, per_cat);
    if (r->has_test)
        gallery(f, &r->test, per_cat);
    fputs("<p class=\"note\">Made by eyeball " PACKAGE_VERSION ". The shares are estimates "
          "from random samples of the misclassified examples.</p>\n</body>\n</html>\n", f);
}
