/* part.c: choosing and sizing the Eyeball part of dev, and the overfit check. */
#include "config.h"
#include "part.h"
#include "stats.h"
#include "strbuf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Shown examples first, then by position, then by id bytes. */
static int cmp_candidate(const void *a, const void *b)
{
    const part_item_t *x = *(const part_item_t *const *)a, *y = *(const part_item_t *const *)b;
    if (x->shown != y->shown)
        return y->shown - x->shown;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return strcmp(x->id, y->id);
}

size_t part_choose(part_item_t *items, size_t n, long long want, long long *shown)
{
    part_item_t **cand = xmalloc((n ? n : 1) * sizeof *cand);
    size_t nc = 0, nshown = 0;
    for (size_t i = 0; i < n; i++) {
        items[i].take = 0;
        if (!items[i].eyeball) {
            cand[nc++] = &items[i];
            nshown += items[i].shown != 0;
        }
    }
    qsort(cand, nc, sizeof *cand, cmp_candidate);
    size_t k = want < 0 ? 0 : (unsigned long long)want > nc ? nc : (size_t)want;
    if (k < nshown)
        k = nshown;
    for (size_t i = 0; i < k; i++)
        cand[i]->take = 1;
    free(cand);
    if (shown)
        *shown = (long long)nshown;
    return k;
}

long long part_auto_size(long long errors, long long examples, long long target,
                         long long pool)
{
    if (errors <= 0 || examples <= 0 || target <= 0)
        return 0;
    /* ceil(target × examples / errors) in integers: both stay far below 2^31 in practice,
     * and the product is computed in 64 bits. */
    long long size = (target * examples + errors - 1) / errors;
    return size > pool ? pool : size;
}

int part_overfit(const part_counts_t *a, const part_counts_t *b)
{
    double elo, ehi, blo, bhi;
    if (stats_diff_ci(a->eye_errors, a->eye_n, b->eye_errors, b->eye_n, STATS_Z95, &elo,
                      &ehi) < 0 ||
        stats_diff_ci(a->bb_errors, a->bb_n, b->bb_errors, b->bb_n, STATS_Z95, &blo, &bhi) < 0)
        return 0;
    return elo > bhi;
}

/* 100 × k / n, 0 when n is 0. */
static double pct(long long k, long long n)
{
    return n > 0 ? 100.0 * (double)k / (double)n : 0.0;
}

char *part_overfit_warning(const char *a_name, const part_counts_t *a, const char *b_name,
                           const part_counts_t *b, long long blackbox)
{
    double ea = pct(a->eye_errors, a->eye_n), eb = pct(b->eye_errors, b->eye_n);
    double ba = pct(a->bb_errors, a->bb_n), bb = pct(b->bb_errors, b->bb_n);
    long long renew = part_auto_size(b->bb_errors, b->bb_n, PART_AUTO_ERRORS, blackbox);
    if (renew < 1)
        renew = blackbox < 1 ? 1 : blackbox;
    strbuf_t w;
    strbuf_init(&w);
    strbuf_addf(&w, "warning: from model '%s' to '%s' the Eyeball dev error fell by %.2f points "
                "(%.2f%% to %.2f%%) and the Blackbox error by %.2f (%.2f%% to %.2f%%), further "
                "apart than their 95%% intervals allow: the Eyeball part may be overfit; renew "
                "it with fresh examples: eyeball split --renew %lld\n", a_name, b_name, ea - eb,
                ea, eb, ba - bb, ba, bb, renew);
    return strbuf_detach(&w);
}

size_t part_previous(const part_row_t *rows, size_t m)
{
    if (!rows[m].c.eye_n || !rows[m].c.bb_n)
        return PART_NONE;
    while (m-- > 0)
        if (rows[m].c.eye_n && rows[m].c.bb_n)
            return m;
    return PART_NONE;
}

static char *md_escape(const char *name)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_add_md(&b, name);
    return strbuf_detach(&b);
}

void part_table(void *out, const part_row_t *rows, size_t n, long long eyeball,
                long long blackbox, long long shown, int markdown)
{
    strbuf_t *b = out;
    char n1[32], n2[32];
    strbuf_addf(b, "%s: Eyeball part %s example%s, Blackbox part %s", markdown ? "Dev" : "dev",
                util_fmt_int(eyeball, n1), util_s(eyeball), util_fmt_int(blackbox, n2));
    if (shown)
        strbuf_addf(b, " (%s of them shown by review --blackbox)\n", util_fmt_int(shown, n1));
    else
        strbuf_adds(b, " (nobody has looked at them)\n");
    if (markdown)
        strbuf_adds(b, "\n| model | dev part | examples | errors | error rate | 95% interval |\n"
                       "|---|---|---:|---:|---:|---|\n");
    else
        strbuf_addf(b, "%-16s %-10s %10s %10s %10s  %s\n", "Model", "dev part", "examples",
                    "errors", "error rate", "95% interval");
    for (size_t m = 0; m < n; m++) {
        const part_counts_t *c = &rows[m].c;
        if (!c->eye_n && !c->bb_n)
            continue;
        char *name = util_sanitize(rows[m].name);
        if (markdown) {
            char *md = md_escape(name);
            free(name);
            name = md;
        }
        for (int k = 0; k < 2; k++) {
            long long pn = k ? c->bb_n : c->eye_n, pe = k ? c->bb_errors : c->eye_errors;
            const char *part = k ? "Blackbox" : "Eyeball";
            double lo, hi;
            int ok = stats_wilson(pe, pn, STATS_Z95, &lo, &hi) == 0;
            if (markdown) {
                strbuf_addf(b, "| %s | %s | %s | %s |", k ? "" : name, part,
                            util_fmt_int(pn, n1), util_fmt_int(pe, n2));
                if (ok)
                    strbuf_addf(b, " %.2f%% | %.2f%% to %.2f%% |\n", pct(pe, pn), 100.0 * lo,
                                100.0 * hi);
                else
                    strbuf_adds(b, " - | - |\n");
                continue;
            }
            strbuf_addf(b, "%-16s %-10s %10s %10s", k ? "" : name, part, util_fmt_int(pn, n1),
                        util_fmt_int(pe, n2));
            if (ok)
                strbuf_addf(b, " %9.2f%%  %.2f%% to %.2f%%\n", pct(pe, pn), 100.0 * lo,
                            100.0 * hi);
            else
                strbuf_addf(b, " %10s\n", "-");
        }
        free(name);
    }
    int first = 1;
    for (size_t m = 1; m < n; m++) {
        size_t pm = part_previous(rows, m);
        if (pm == PART_NONE || !part_overfit(&rows[pm].c, &rows[m].c))
            continue;
        char *an = util_sanitize(rows[pm].name), *bn = util_sanitize(rows[m].name);
        if (markdown) {
            char *ma = md_escape(an), *mb = md_escape(bn);
            free(an);
            free(bn);
            an = ma;
            bn = mb;
        }
        char *w = part_overfit_warning(an, &rows[pm].c, bn, &rows[m].c, blackbox);
        if (markdown && first)
            strbuf_addc(b, '\n');
        strbuf_adds(b, markdown ? "**Warning:** " : "");
        strbuf_adds(b, markdown ? w + strlen("warning: ") : w);
        first = 0;
        free(w);
        free(an);
        free(bn);
    }
}
