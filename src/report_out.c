/* report_out.c: the report as text (80 columns, bar charts in Unicode blocks), markdown,
 * CSV and JSON. Text and markdown escape control characters from the data; CSV and JSON
 * carry the data as it is, escaped by their own rules, except on a terminal
 * (util_write_out). */
#include "config.h"
#include "report.h"
#include "stats.h"
#include "near_text.h"
#include "strbuf.h"
#include "util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* Widths of the text table columns, in terminal cells. */
#define NAME_W 16
#define BAR_W 12
#define WRAP_W 78

typedef struct style {
    const char *bold, *bar, *warn, *off;
} style_t;

static const style_t plain = {"", "", "", ""};
static const style_t ansi = {"\033[1m", "\033[36m", "\033[33m", "\033[0m"};

static double pct(double x)
{
    return 100.0 * x;
}

/* Prints s sanitized in exactly w cells: cut with an ellipsis when wider, padded with
 * spaces (on the right, or on the left when right is set). */
static void put_cells(FILE *f, const char *s, int w, int right)
{
    char *safe = util_sanitize(s ? s : "(none)");
    mbstate_t ms;
    memset(&ms, 0, sizeof ms);
    const char *p = safe;
    size_t left = strlen(safe);
    int used = 0;
    size_t cut = left;
    int cut_used = -1;
    while (left > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, left, &ms);
        int cw = 1;
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            n = 1;
            memset(&ms, 0, sizeof ms);
        } else {
            cw = wcwidth(wc);
            if (cw < 0)
                cw = 1;
        }
        if (used + cw > w - 1 && cut_used < 0) {
            cut = (size_t)(p - safe);
            cut_used = used;
        }
        if (used + cw > w) {
            used = -1; /* too wide */
            break;
        }
        used += cw;
        p += n;
        left -= n;
    }
    if (used < 0) {
        safe[cut] = '\0';
        used = cut_used + 1;
        if (right)
            fprintf(f, "%*s", w - used, "");
        fprintf(f, "%s\u2026", safe);
        if (!right)
            fprintf(f, "%*s", w - used, "");
    } else if (right) {
        fprintf(f, "%*s%s", w - used, "", safe);
    } else {
        fprintf(f, "%s%*s", safe, w - used, "");
    }
    free(safe);
}

/* A horizontal bar of share (0..1) over BAR_W cells, in eighths; a non-zero share gets at
 * least one eighth. */
static void put_bar(FILE *f, double share, const style_t *st)
{
    static const char *const part[8] = {"", "\u258f", "\u258e", "\u258d",
                                        "\u258c", "\u258b", "\u258a", "\u2589"};
    if (share < 0)
        share = 0;
    if (share > 1)
        share = 1;
    long eighths = (long)(share * BAR_W * 8 + 0.5);
    if (eighths == 0 && share > 0)
        eighths = 1;
    long full = eighths / 8, rest = eighths % 8;
    int cells = (int)full + (rest > 0);
    fputs(st->bar, f);
    for (long i = 0; i < full; i++)
        fputs("\u2588", f);
    fputs(part[rest], f);
    fputs(st->off, f);
    fprintf(f, "%*s", BAR_W - cells, "");
}

/* Writes text wrapped at WRAP_W columns; the first line starts with first, the others
 * with indent. */
static void put_wrapped(FILE *f, const char *text, const char *first, const char *indent)
{
    char *safe = util_sanitize(text);
    const char *p = safe;
    const char *lead = first;
    while (*p) {
        size_t ind = strlen(lead);
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t room = WRAP_W - ind, len = strlen(p), n = len;
        if (len > room) {
            n = room;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0) { /* one long word */
                n = room;
                while (p[n] && p[n] != ' ')
                    n++;
            }
        }
        fprintf(f, "%s%.*s\n", lead, (int)n, p);
        p += n;
        lead = indent;
    }
    free(safe);
}

static void text_summary(FILE *f, const report_t *r, const style_t *st)
{
    const report_split_t *d = &r->dev, *t = r->has_test ? &r->test : NULL;
    fprintf(f, "%s%-26s%11s", st->bold, "", "dev");
    if (t)
        fprintf(f, "%11s", "test");
    fprintf(f, "%s\n", st->off);
#define ROW(label, fmt, field)                                                                \
    do {                                                                                      \
        fprintf(f, "%-26s" fmt, label, d->field);                                             \
        if (t)                                                                                \
            fprintf(f, fmt, t->field);                                                        \
        fputc('\n', f);                                                                       \
    } while (0)
    ROW("examples", "%11lld", examples);
    ROW("errors", "%11lld", errors);
    fprintf(f, "%-26s%10.2f%%", "error rate", pct(d->error_rate));
    if (t)
        fprintf(f, "%10.2f%%", pct(t->error_rate));
    fputc('\n', f);
    ROW("reviewed errors", "%11lld", reviewed);
    ROW("  from random passes", "%11lld", passes);
    if (d->checked_labels || (t && t->checked_labels))
        ROW("labels checked right", "%11lld", checked_labels);
#undef ROW
    if (d->suspects_estimate >= 0 || (t && t->suspects_estimate >= 0)) {
        fprintf(f, "%-26s", "mislabeled (suspects est.)");
        for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL)
            if (sp->suspects_estimate >= 0)
                fprintf(f, "%10.2f%%", pct(sp->suspects_estimate));
            else
                fprintf(f, "%11s", "-");
        fputc('\n', f);
    }
    if (!d->fixed_since && !(t && t->fixed_since))
        put_wrapped(f, "errors are scored against the current labels (no fix applied after the "
                    "model's import), as 'eyeball status' counts them.", "note: ", "  ");
    for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL) {
        char *note;
        long long apart = sp->suspects_only + sp->outside;
        if (apart) {
            note = xasprintf("%s: also judged outside the random sample: %lld error%s (%lld in "
                             "a suspects pass, %lld in no pass), not in the tally: only what a "
                             "random pass judged estimates the shares.", sp->split, apart,
                             apart == 1 ? "" : "s", sp->suspects_only, sp->outside);
            put_wrapped(f, note, "note: ", "  ");
            free(note);
        }
        if (sp->fixed_since) {
            note = xasprintf("%s: errors are scored against the labels at the model's import "
                             "(%lld label%s fixed after it), as 'eyeball status' counts them. "
                             "Against the current labels: %lld error%s (%.2f%%).", sp->split,
                             sp->fixed_since, sp->fixed_since == 1 ? "" : "s", sp->errors_now,
                             sp->errors_now == 1 ? "" : "s",
                             pct((double)sp->errors_now / (double)sp->examples));
            put_wrapped(f, note, "note: ", "  ");
            free(note);
        }
    }
}

static void text_categories(FILE *f, const report_t *r, const style_t *st)
{
    const report_split_t *d = &r->dev;
    fprintf(f, "\n%s%-*s %5s %6s %-*s %11s %9s", st->bold, NAME_W, "Category (dev)", "count",
            "share", BAR_W, "", "95% CI", "if fixed");
    if (r->has_test)
        fprintf(f, " %6s", "test");
    fprintf(f, "%s\n", st->off);
    if (d->ncats == 0)
        fprintf(f, "(no categories: eyeball categories add NAME)\n");
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i];
        put_cells(f, k->name, NAME_W, 0);
        fprintf(f, " %5lld", k->count);
        if (d->reviewed) {
            char ci[32];
            snprintf(ci, sizeof ci, "%.1f-%.1f%%", pct(k->lo), pct(k->hi));
            fprintf(f, " %5.1f%% ", pct(k->share));
            put_bar(f, k->share, st);
            fprintf(f, " %11s %8.2f%%", ci, pct(k->if_fixed));
        } else {
            fprintf(f, " %6s %-*s %11s %9s", "-", BAR_W, "", "-", "-");
        }
        if (r->has_test) {
            const report_cat_t *tk = NULL;
            for (size_t j = 0; j < r->test.ncats; j++)
                if (strcmp(r->test.cats[j].name, k->name) == 0)
                    tk = &r->test.cats[j];
            if (tk && r->test.reviewed)
                fprintf(f, " %5.1f%%", pct(tk->share));
            else
                fprintf(f, " %6s", "-");
        }
        fputc('\n', f);
    }
    if (d->disputed) {
        put_cells(f, "(disputed)", NAME_W, 0);
        fprintf(f, " %5lld\n", d->disputed);
        fprintf(f, "%lld reviewed error%s disputed: the reviewers split evenly on a category or "
                "on the label; counted by majority where there is one. Settle them with "
                "'eyeball review --adjudicate'.\n", d->disputed,
                d->disputed == 1 ? " is" : "s are");
    }
}

/* Each reviewer's tally beside the team's, when two or more reviewed dev errors. */
static void text_reviewers(FILE *f, const report_t *r, const style_t *st)
{
    const report_split_t *d = &r->dev;
    if (d->nreviewers < 2)
        return;
    fprintf(f, "\n%s%-*s %6s", st->bold, NAME_W, "By reviewer (dev)", "team");
    for (size_t i = 0; i < d->nreviewers; i++) {
        fputc(' ', f);
        put_cells(f, d->rev_names[i], 8, 1);
    }
    fprintf(f, "%s\n%-*s %6lld", st->off, NAME_W, "reviewed", d->reviewed);
    for (size_t i = 0; i < d->nreviewers; i++)
        fprintf(f, " %8lld", d->rev_reviewed[i]);
    fputc('\n', f);
    for (size_t k = 0; k < d->ncats; k++) {
        put_cells(f, d->cats[k].name, NAME_W, 0);
        fprintf(f, " %6lld", d->cats[k].count);
        for (size_t i = 0; i < d->nreviewers; i++)
            fprintf(f, " %8lld", d->cats[k].by_reviewer[i]);
        fputc('\n', f);
    }
}

static void text_mislabeled(FILE *f, const report_t *r, const style_t *st)
{
    const report_split_t *d = &r->dev, *t = r->has_test ? &r->test : NULL;
    fprintf(f, "\n%s%-26s%11s", st->bold, "Label fixes (mislabeled)", "dev");
    if (t)
        fprintf(f, "%11s", "test");
    fprintf(f, "%s\n", st->off);
    const report_split_t *sp[2] = {d, t};
    char buf[64];
    fprintf(f, "%-26s", "reviewed errors fixed");
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "%11lld", sp[i]->mislabeled);
    fprintf(f, "\n%-26s", "share of reviewed errors");
    for (int i = 0; i < 2 && sp[i]; i++) {
        snprintf(buf, sizeof buf, "%.1f%%", pct(sp[i]->mis_share));
        fprintf(f, "%11s", sp[i]->reviewed ? buf : "-");
    }
    fprintf(f, "\n%-26s", "  95% CI");
    for (int i = 0; i < 2 && sp[i]; i++) {
        snprintf(buf, sizeof buf, "%.1f-%.1f%%", pct(sp[i]->mis_lo), pct(sp[i]->mis_hi));
        fprintf(f, "%11s", sp[i]->reviewed ? buf : "-");
    }
    fprintf(f, "\n%-26s", "  part of the error rate");
    for (int i = 0; i < 2 && sp[i]; i++) {
        snprintf(buf, sizeof buf, "%.2f%%", pct(sp[i]->mis_part));
        fprintf(f, "%11s", sp[i]->reviewed ? buf : "-");
    }
    fprintf(f, "\n%-26s", "correct examples reviewed");
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "%11lld", sp[i]->correct_reviewed);
    fprintf(f, "\n%-26s", "  of them mislabeled");
    for (int i = 0; i < 2 && sp[i]; i++)
        fprintf(f, "%11lld", sp[i]->correct_mislabeled);
    fprintf(f, "\nverdict at a %g%% threshold (--mislabeled-threshold): %s\n", pct(r->threshold),
            d->reviewed == 0 ? "nothing reviewed yet"
            : r->worth_fixing ? "worth fixing" : "not worth the effort");
}

static void text_pairs_sources(FILE *f, const report_t *r, const style_t *st)
{
    const report_split_t *d = &r->dev;
    if (d->npairs) {
        fprintf(f, "\n%s%-*s %7s %7s%s\n", st->bold, 2 * NAME_W + 4,
                "Most confused (dev): given -> predicted", "errors", "share", st->off);
        for (size_t i = 0; i < d->npairs; i++) {
            put_cells(f, d->pairs[i].given, NAME_W, 0);
            fputs(" -> ", f);
            put_cells(f, d->pairs[i].predicted, NAME_W, 0);
            fprintf(f, " %7lld %6.1f%%\n", d->pairs[i].count,
                    pct((double)d->pairs[i].count / (double)d->errors));
        }
    }
    fprintf(f, "\n%s%-*s %9s %7s %11s %9s%s\n", st->bold, NAME_W + 4, "Source (dev)", "examples",
            "errors", "error rate", "reviewed", st->off);
    for (size_t i = 0; i < d->nsources; i++) {
        const report_source_t *o = &d->sources[i];
        put_cells(f, o->source, NAME_W + 4, 0);
        fprintf(f, " %9lld %7lld %10.2f%% %9lld\n", o->examples, o->errors,
                pct((double)o->errors / (double)o->examples), o->reviewed);
    }
}

static void text_leaks(FILE *f, const report_t *r, const style_t *st)
{
    if (!r->leaks)
        return;
    fprintf(f, "\n%swarning: %lld example%s of dev, test or train-dev %s an exact copy in train\n"
            "(the same image bytes): leakage that flatters the error rates%s\n", st->warn,
            r->leaks, r->leaks == 1 ? "" : "s", r->leaks == 1 ? "has" : "have", st->off);
    for (size_t i = 0; i < r->nleak; i++) {
        char *a = util_sanitize(r->leak[i].id), *b = util_sanitize(r->leak[i].train_id);
        fprintf(f, "  %s %s = train %s\n", r->leak[i].split, a, b);
        free(a);
        free(b);
    }
    if ((size_t)r->leaks > r->nleak)
        fprintf(f, "  (%lld more)\n", r->leaks - (long long)r->nleak);
}

void report_write_text(FILE *f, const report_t *r, int color)
{
    const style_t *st = color ? &ansi : &plain;
    char *model = util_sanitize(r->model);
    fprintf(f, "%sError analysis of model %s%s (predictions imported %s)\n\n", st->bold, model,
            st->off, r->imported);
    free(model);
    text_summary(f, r, st);
    text_categories(f, r, st);
    text_reviewers(f, r, st);
    text_mislabeled(f, r, st);
    text_pairs_sources(f, r, st);
    text_leaks(f, r, st);
    if (r->eyeball) {
        strbuf_t b;
        strbuf_init(&b);
        part_table(&b, r->parts, r->nparts, r->eyeball, r->blackbox, r->blackbox_shown, 0);
        fprintf(f, "\n%sEyeball and Blackbox%s\n", st->bold, st->off);
        fputs(b.buf, f);
        strbuf_done(&b);
    }
    if (r->near.cross || r->near.inside) {
        fprintf(f, "\n%s", st->warn);
        near_text_warnings(f, "warning: ", &r->near);
        fputs(st->off, f);
    }
    fprintf(f, "\n%sRecommendation%s\n", st->bold, st->off);
    put_wrapped(f, r->recommendation, "", "");
}

/* ---- markdown ---- */

/* Text from the data in markdown: sanitized (line breaks become \n), then every character
 * markdown or HTML would read as markup escaped, so it renders as the text it is: no
 * table cell ends early, no tag, entity, link, image, code span, emphasis or autolink. */
static void md_cell(FILE *f, const char *s)
{
    char *safe = util_sanitize(s ? s : "(none)");
    for (const char *p = safe; *p; p++) {
        if (*p == '<')
            fputs("&lt;", f);
        else if (*p == '>')
            fputs("&gt;", f);
        else if (*p == '&')
            fputs("&amp;", f);
        else if (strchr("|[]`*_\\~", *p) || (*p == ':' && p[1] == '/' && p[2] == '/') ||
                 (*p == '.' && p - safe >= 3 && strncasecmp(p - 3, "www", 3) == 0)) {
            fputc('\\', f); /* ':' of "://" and '.' of "www." break autolinks */
            fputc(*p, f);
        } else
            fputc(*p, f);
    }
    free(safe);
}

void report_write_markdown(FILE *f, const report_t *r)
{
    const report_split_t *d = &r->dev, *t = r->has_test ? &r->test : NULL;
    fputs("# Error analysis of model ", f);
    md_cell(f, r->model);
    fprintf(f, "\n\nPredictions imported %s.", r->imported);
    if (!d->fixed_since && !(t && t->fixed_since))
        fputs(" Errors are scored against the current labels (no fix applied after the model's "
              "import), as 'eyeball status' counts them.", f);
    else
        fputs(" Errors are scored against the labels at the model's import, as 'eyeball status' "
              "counts them.", f);
    for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL)
        if (sp->fixed_since)
            fprintf(f, " %s: %lld label%s fixed after it; against the current labels %lld "
                    "error%s (%.2f%%).", sp->split, sp->fixed_since,
                    sp->fixed_since == 1 ? "" : "s", sp->errors_now,
                    sp->errors_now == 1 ? "" : "s",
                    pct((double)sp->errors_now / (double)sp->examples));
    fputs("\n\n", f);
    fprintf(f, "| | dev |%s\n|---|---:|%s\n", t ? " test |" : "", t ? "---:|" : "");
#define MROW(label, fmt, field)                                                                \
    do {                                                                                       \
        fprintf(f, "| " label " | " fmt " |", d->field);                                       \
        if (t)                                                                                 \
            fprintf(f, " " fmt " |", t->field);                                                \
        fputc('\n', f);                                                                        \
    } while (0)
    MROW("examples", "%lld", examples);
    MROW("errors", "%lld", errors);
    fprintf(f, "| error rate | %.2f%% |", pct(d->error_rate));
    if (t)
        fprintf(f, " %.2f%% |", pct(t->error_rate));
    fputc('\n', f);
    MROW("reviewed errors", "%lld", reviewed);
    MROW("from random passes", "%lld", passes);
    MROW("judged in a suspects pass (not in the tally)", "%lld", suspects_only);
    MROW("judged in no pass (not in the tally)", "%lld", outside);
    if (d->checked_labels || (t && t->checked_labels))
        MROW("labels checked right", "%lld", checked_labels);
#undef MROW
    fputs("\n## Error categories (dev)\n\n", f);
    fprintf(f, "| category | count | share | 95%% CI | dev error if fixed |%s\n",
            t ? " test share |" : "");
    fprintf(f, "|---|---:|---:|---:|---:|%s\n", t ? "---:|" : "");
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i];
        fputs("| ", f);
        md_cell(f, k->name);
        if (d->reviewed)
            fprintf(f, " | %lld | %.1f%% | %.1f-%.1f%% | %.2f%% |", k->count, pct(k->share),
                    pct(k->lo), pct(k->hi), pct(k->if_fixed));
        else
            fprintf(f, " | %lld | - | - | - |", k->count);
        if (t) {
            const report_cat_t *tk = NULL;
            for (size_t j = 0; j < t->ncats; j++)
                if (strcmp(t->cats[j].name, k->name) == 0)
                    tk = &t->cats[j];
            if (tk && t->reviewed)
                fprintf(f, " %.1f%% |", pct(tk->share));
            else
                fputs(" - |", f);
        }
        fputc('\n', f);
    }
    if (d->disputed)
        fprintf(f, "| (disputed) | %lld | | | |%s\n\n%lld reviewed error%s disputed: the "
                "reviewers split evenly on a category or on the label; counted by majority "
                "where there is one. Settle them with `eyeball review --adjudicate`.\n",
                d->disputed, t ? " |" : "", d->disputed, d->disputed == 1 ? " is" : "s are");
    if (d->nreviewers >= 2) {
        fputs("\n## By reviewer (dev)\n\n| | team |", f);
        for (size_t i = 0; i < d->nreviewers; i++) {
            fputc(' ', f);
            md_cell(f, d->rev_names[i]);
            fputs(" |", f);
        }
        fputs("\n|---|---:|", f);
        for (size_t i = 0; i < d->nreviewers; i++)
            fputs("---:|", f);
        fprintf(f, "\n| reviewed | %lld |", d->reviewed);
        for (size_t i = 0; i < d->nreviewers; i++)
            fprintf(f, " %lld |", d->rev_reviewed[i]);
        for (size_t k = 0; k < d->ncats; k++) {
            fputs("\n| ", f);
            md_cell(f, d->cats[k].name);
            fprintf(f, " | %lld |", d->cats[k].count);
            for (size_t i = 0; i < d->nreviewers; i++)
                fprintf(f, " %lld |", d->cats[k].by_reviewer[i]);
        }
        fputc('\n', f);
    }
    fputs("\n## Mislabeled examples\n\n", f);
    for (const report_split_t *sp = d; sp; sp = sp == d ? t : NULL) {
        if (sp->reviewed)
            fprintf(f, "- %s: %lld of %lld reviewed errors had their label fixed: %.1f%% "
                    "(95%% CI %.1f-%.1f%%), %.2f%% of the %.2f%% error.\n", sp->split,
                    sp->mislabeled, sp->reviewed, pct(sp->mis_share), pct(sp->mis_lo),
                    pct(sp->mis_hi), pct(sp->mis_part), pct(sp->error_rate));
        fprintf(f, "- %s: %lld correctly classified example%s reviewed, %lld of them "
                "mislabeled.\n", sp->split, sp->correct_reviewed,
                sp->correct_reviewed == 1 ? "" : "s", sp->correct_mislabeled);
    }
    fprintf(f, "- Verdict at a %g%% threshold: %s.\n", pct(r->threshold),
            d->reviewed == 0 ? "nothing reviewed yet"
            : r->worth_fixing ? "worth fixing" : "not worth the effort");
    if (d->npairs) {
        fputs("\n## Most confused pairs (dev)\n\n| given | predicted | errors | share of errors |\n"
              "|---|---|---:|---:|\n", f);
        for (size_t i = 0; i < d->npairs; i++) {
            fputs("| ", f);
            md_cell(f, d->pairs[i].given);
            fputs(" | ", f);
            md_cell(f, d->pairs[i].predicted);
            fprintf(f, " | %lld | %.1f%% |\n", d->pairs[i].count,
                    pct((double)d->pairs[i].count / (double)d->errors));
        }
    }
    fputs("\n## By source (dev)\n\n| source | examples | errors | error rate | reviewed |\n"
          "|---|---:|---:|---:|---:|\n", f);
    for (size_t i = 0; i < d->nsources; i++) {
        const report_source_t *o = &d->sources[i];
        fputs("| ", f);
        md_cell(f, o->source);
        fprintf(f, " | %lld | %lld | %.2f%% | %lld |\n", o->examples, o->errors,
                pct((double)o->errors / (double)o->examples), o->reviewed);
    }
    if (r->leaks) {
        fprintf(f, "\n**Warning:** %lld example%s of dev, test or train-dev %s an exact copy in "
                "train (leakage):", r->leaks, r->leaks == 1 ? "" : "s",
                r->leaks == 1 ? "has" : "have");
        for (size_t i = 0; i < r->nleak; i++) {
            fprintf(f, "%s%s ", i ? ", " : " ", r->leak[i].split);
            md_cell(f, r->leak[i].id);
            fputs(" = train ", f);
            md_cell(f, r->leak[i].train_id);
        }
        fputs(".\n", f);
    }
    if (r->eyeball) {
        strbuf_t b;
        strbuf_init(&b);
        part_table(&b, r->parts, r->nparts, r->eyeball, r->blackbox, r->blackbox_shown, 1);
        fputs("\n## Eyeball and Blackbox\n\n", f);
        fputs(b.buf, f);
        strbuf_done(&b);
    }
    if (r->near.cross || r->near.inside) {
        fputc('\n', f);
        near_text_warnings(f, "- **Warning:** ", &r->near);
    }
    fputs("\n## Recommendation\n\n", f);
    md_cell(f, r->recommendation);
    fputc('\n', f);
}

/* ---- CSV: one row per category and split, plus the label fixes row ---- */

static void csv_num(strbuf_t *b, double v, int defined)
{
    strbuf_addc(b, ',');
    if (defined)
        strbuf_addf(b, "%.10g", v);
}

static void csv_split(strbuf_t *b, const report_t *r, const report_split_t *sp, int guard)
{
    for (size_t i = 0; i <= sp->ncats; i++) {
        int fixes = i == sp->ncats;
        const report_cat_t *k = fixes ? NULL : &sp->cats[i];
        strbuf_add_csv(b, r->model, guard);
        strbuf_addf(b, ",%s,%s,", sp->split, fixes ? "label_fixed" : "category");
        strbuf_add_csv(b, fixes ? "label fixed" : k->name, guard);
        long long count = fixes ? sp->mislabeled : k->count;
        double share = fixes ? sp->mis_share : k->share, lo = fixes ? sp->mis_lo : k->lo,
               hi = fixes ? sp->mis_hi : k->hi;
        strbuf_addf(b, ",%lld,%lld", count, sp->reviewed);
        csv_num(b, share, sp->reviewed > 0);
        csv_num(b, lo, sp->reviewed > 0);
        csv_num(b, hi, sp->reviewed > 0);
        csv_num(b, sp->error_rate, 1);
        csv_num(b, fixes ? sp->error_rate - sp->mis_part : k->if_fixed, sp->reviewed > 0);
        strbuf_adds(b, "\r\n");
    }
}

void report_write_csv(FILE *f, const report_t *r, int guard)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_adds(&b, "model,split,kind,name,count,reviewed,share,ci95_low,ci95_high,error_rate,"
                "error_rate_if_fixed\r\n");
    csv_split(&b, r, &r->dev, guard);
    if (r->has_test)
        csv_split(&b, r, &r->test, guard);
    util_write_out(b.buf, b.len, f);
    strbuf_done(&b);
}

/* ---- JSON ---- */

static json_t *share_or_null(double v, long long reviewed)
{
    return reviewed > 0 ? json_real(v) : json_null();
}

static json_t *json_split(const report_split_t *sp, double threshold, int with_name)
{
    json_t *o = json_object();
    if (with_name)
        json_object_set_new(o, "split", json_string(sp->split));
    json_object_set_new(o, "examples", json_integer(sp->examples));
    json_object_set_new(o, "errors", json_integer(sp->errors));
    json_object_set_new(o, "error_rate", json_real(sp->error_rate));
    json_object_set_new(o, "reviewed", json_integer(sp->reviewed));
    json_object_set_new(o, "disputed", json_integer(sp->disputed));
    json_object_set_new(o, "suspects_estimate", sp->suspects_estimate >= 0
                                                    ? json_real(sp->suspects_estimate)
                                                    : json_null());
    json_t *cats = json_array();
    for (size_t i = 0; i < sp->ncats; i++) {
        const report_cat_t *k = &sp->cats[i];
        json_t *c = json_object();
        json_object_set_new(c, "name", json_string(k->name));
        json_object_set_new(c, "count", json_integer(k->count));
        json_object_set_new(c, "share", share_or_null(k->share, sp->reviewed));
        json_object_set_new(c, "ci95", sp->reviewed > 0 ? json_pack("[f,f]", k->lo, k->hi)
                                                        : json_null());
        json_object_set_new(c, "error_rate_if_fixed", share_or_null(k->if_fixed, sp->reviewed));
        json_object_set_new(c, "mislabeled_category", json_boolean(k->mislabeled));
        json_array_append_new(cats, c);
    }
    json_object_set_new(o, "categories", cats);
    if (sp->nreviewers >= 2) {
        json_t *rv = json_array();
        for (size_t i = 0; i < sp->nreviewers; i++) {
            json_t *cc = json_array();
            for (size_t k = 0; k < sp->ncats; k++)
                json_array_append_new(cc, json_pack("{s:s,s:I}", "name", sp->cats[k].name,
                                                    "count",
                                                    (json_int_t)sp->cats[k].by_reviewer[i]));
            json_array_append_new(rv, json_pack("{s:s,s:I,s:o}", "name", sp->rev_names[i],
                                                "reviewed", (json_int_t)sp->rev_reviewed[i],
                                                "categories", cc));
        }
        json_object_set_new(o, "reviewers", rv);
    }
    json_object_set_new(o, "passes", json_integer(sp->passes));
    json_object_set_new(o, "judged_outside_sample",
                        json_integer(sp->suspects_only + sp->outside));
    json_object_set_new(o, "left_out_suspects", json_integer(sp->suspects_only));
    json_object_set_new(o, "left_out_no_pass", json_integer(sp->outside));
    json_object_set_new(o, "errors_current_labels", json_integer(sp->errors_now));
    json_object_set_new(o, "labels_fixed_since_import", json_integer(sp->fixed_since));
    json_t *m = json_object();
    json_object_set_new(m, "count", json_integer(sp->mislabeled));
    json_object_set_new(m, "share", share_or_null(sp->mis_share, sp->reviewed));
    json_object_set_new(m, "ci95", sp->reviewed > 0 ? json_pack("[f,f]", sp->mis_lo, sp->mis_hi)
                                                    : json_null());
    json_object_set_new(m, "error_rate_part", share_or_null(sp->mis_part, sp->reviewed));
    json_object_set_new(m, "threshold", json_real(threshold));
    json_object_set_new(m, "correct_reviewed", json_integer(sp->correct_reviewed));
    json_object_set_new(m, "correct_mislabeled", json_integer(sp->correct_mislabeled));
    json_object_set_new(m, "checked_labels", json_integer(sp->checked_labels));
    json_object_set_new(o, "mislabeled", m);
    json_t *pairs = json_array();
    for (size_t i = 0; i < sp->npairs; i++)
        json_array_append_new(pairs, json_pack("{s:s,s:s,s:I}", "given", sp->pairs[i].given,
                                               "predicted", sp->pairs[i].predicted, "count",
                                               (json_int_t)sp->pairs[i].count));
    json_object_set_new(o, "confused_pairs", pairs);
    json_t *src = json_array();
    for (size_t i = 0; i < sp->nsources; i++) {
        const report_source_t *s = &sp->sources[i];
        json_array_append_new(src, json_pack("{s:s?,s:I,s:I,s:f,s:I}", "source", s->source,
                                             "examples", (json_int_t)s->examples, "errors",
                                             (json_int_t)s->errors, "error_rate",
                                             (double)s->errors / (double)s->examples,
                                             "reviewed", (json_int_t)s->reviewed));
    }
    json_object_set_new(o, "sources", src);
    return o;
}

/* {examples, errors, error_rate, ci95}; error_rate and ci95 null without examples. */
static json_t *part_json(long long errors, long long n)
{
    double lo, hi;
    int ok = stats_wilson(errors, n, STATS_Z95, &lo, &hi) == 0;
    return json_pack("{s:I,s:I,s:o,s:o}", "examples", (json_int_t)n, "errors",
                     (json_int_t)errors, "error_rate",
                     ok ? json_real((double)errors / (double)n) : json_null(), "ci95",
                     ok ? json_pack("[f,f]", lo, hi) : json_null());
}

/* The reported model's eyeball and blackbox objects, and dev_parts with every model. */
static void json_parts(json_t *o, const report_t *r)
{
    json_t *models = json_array(), *overfit = json_array();
    for (size_t m = 0; m < r->nparts; m++) {
        const part_counts_t *c = &r->parts[m].c;
        if (strcmp(r->parts[m].name, r->model) == 0) {
            json_object_set_new(o, "eyeball", part_json(c->eye_errors, c->eye_n));
            json_object_set_new(o, "blackbox", part_json(c->bb_errors, c->bb_n));
        }
        if (c->eye_n || c->bb_n)
            json_array_append_new(models, json_pack("{s:s,s:o,s:o}", "model", r->parts[m].name,
                                                    "eyeball", part_json(c->eye_errors, c->eye_n),
                                                    "blackbox", part_json(c->bb_errors, c->bb_n)));
        size_t pm = part_previous(r->parts, m);
        if (pm != PART_NONE && part_overfit(&r->parts[pm].c, c))
            json_array_append_new(overfit, json_pack("{s:s,s:s}", "from", r->parts[pm].name,
                                                     "to", r->parts[m].name));
    }
    json_object_set_new(o, "dev_parts", json_pack("{s:I,s:I,s:I,s:o,s:o}", "eyeball",
                                                  (json_int_t)r->eyeball, "blackbox",
                                                  (json_int_t)r->blackbox, "blackbox_shown",
                                                  (json_int_t)r->blackbox_shown, "models",
                                                  models, "overfit", overfit));
}

void report_write_json(FILE *f, const report_t *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "model", json_string(r->model));
    json_object_set_new(o, "split", json_string("dev"));
    json_t *d = json_split(&r->dev, r->threshold, 0);
    json_object_update(o, d);
    json_decref(d);
    json_object_set_new(json_object_get(o, "mislabeled"), "worth_fixing",
                        json_boolean(r->worth_fixing));
    json_object_set_new(o, "recommendation", json_string(r->recommendation));
    json_object_set_new(o, "imported", json_string(r->imported));
    if (r->has_test)
        json_object_set_new(o, "test", json_split(&r->test, r->threshold, 1));
    json_t *leaks = json_array();
    for (size_t i = 0; i < r->nleak; i++)
        json_array_append_new(leaks, json_pack("{s:s,s:s,s:s}", "id", r->leak[i].id, "split",
                                               r->leak[i].split, "train_id",
                                               r->leak[i].train_id));
    json_object_set_new(o, "leakage", json_pack("{s:I,s:o}", "count", (json_int_t)r->leaks,
                                                "examples", leaks));
    if (r->eyeball)
        json_parts(o, r);
    json_object_set_new(o, "near_duplicates", near_text_json(&r->near));
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    util_write_out(text, strlen(text), f);
    fputc('\n', f);
    free(text);
    json_decref(o);
}
