/* view_panel.c: the item panel beside the image: the example's fields, the top classes
 * with the given label's probability, metadata, the category list (scrolled when it does
 * not fit) and the fix, note and reviewed lines. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "strbuf.h"
#include "ui.h"
#include "view.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Width of the field names in the panel ("predicted " and a space). */
#define PANEL_LABEL_W 11

int view_has_tag(const review_t *r, long long cid)
{
    for (size_t i = 0; i < r->view.ntags; i++)
        if (r->view.tags[i] == cid)
            return 1;
    return 0;
}

/* A "label  value" row of the panel; returns the next row. */
static int field(int y, int x, int w, const char *label, const char *value, int pair, int attr)
{
    ui_put(y, x, PANEL_LABEL_W, label, A_BOLD, 0);
    ui_put(y, x + PANEL_LABEL_W, w - PANEL_LABEL_W, value ? value : "-", attr, pair);
    return y + 1;
}

/* A field whose value wraps on spaces over at most maxlines rows. */
static int field_wrapped(int y, int x, int w, const char *label, const char *value, int maxlines,
                         int ymax)
{
    int vw = w - PANEL_LABEL_W;
    if (y >= ymax || vw < 8)
        return y;
    ui_put(y, x, PANEL_LABEL_W, label, A_BOLD, 0);
    const char *p = value;
    for (int line = 0; line < maxlines && *p && y < ymax; line++, y++) {
        size_t len = strlen(p), cut = len;
        if (line < maxlines - 1 && ui_width(p) > vw) {
            /* The longest prefix that fits, ending at a space. */
            cut = 0;
            for (size_t i = 1; i <= len; i++) {
                if (p[i] != ' ' && p[i] != '\0')
                    continue;
                char *head = xstrndup(p, i);
                int fits = ui_width(head) <= vw;
                free(head);
                if (!fits)
                    break;
                cut = i;
            }
            if (cut == 0)
                cut = len;
        }
        char *part = xstrndup(p, cut);
        ui_put(y, x + PANEL_LABEL_W, vw, part, A_NORMAL, UI_PAIR_WRONG);
        free(part);
        p += cut;
        while (*p == ' ')
            p++;
    }
    return y;
}

/* One row of the top classes: name, percentage, bar; the given label stands out. */
static void prob_row(int y, int x, int w, const char *name, double prob, int given,
                     const char *rank)
{
    char num[16];
    snprintf(num, sizeof num, "%5.1f%%", 100 * prob);
    ui_put(y, x + PANEL_LABEL_W, 11, name, given ? A_BOLD : A_NORMAL, given ? UI_PAIR_ACCENT : 0);
    ui_put(y, x + PANEL_LABEL_W + 11, 7, num, A_NORMAL, 0);
    /* The bar starts after the label (11 columns), the number (7) and a space, and must
     * end inside the panel: a cell past the last column wraps onto the image. */
    int barw = w - PANEL_LABEL_W - 19;
    if (rank) {
        /* "#7" at the end, the bar shortened for it: where the given label stands. */
        int rw = (int)strlen(rank);
        if (barw >= rw) {
            ui_put(y, x + w - rw, rw, rank, A_NORMAL, UI_PAIR_DIM);
            barw -= rw + 1;
        }
    }
    if (barw <= 2)
        return;
    int cells8 = (int)lround(prob * barw * 8);
    move(y, x + PANEL_LABEL_W + 19);
    for (int c = 0; c < barw && cells8 > 0; c++, cells8 -= 8) {
        static const wchar_t *const parts[] = {L" ", L"▏", L"▎", L"▍", L"▌",
                                               L"▋", L"▊", L"▉", L"█"};
        cchar_t cc;
        setcchar(&cc, parts[cells8 >= 8 ? 8 : cells8], A_NORMAL, UI_PAIR_BAR, NULL);
        add_wch(&cc);
    }
}

/* The top classes, and the given label's own row when it is not among those shown. */
static int draw_probs(const review_t *r, int y, int x, int w, int ymax)
{
    const sample_view_t *v = &r->view;
    size_t rows = ymax > y ? (size_t)(ymax - y) : 0, shown = v->ntop < rows ? v->ntop : rows;
    int given_shown = 0;
    for (size_t i = 0; i < shown; i++)
        given_shown |= strcmp(v->top_labels[i], v->label) == 0;
    if (!given_shown && v->label_prob >= 0 && shown > 0 && shown == rows)
        shown--; /* its row takes the last place */
    given_shown = 0;
    for (size_t i = 0; i < shown; i++) {
        int given = strcmp(v->top_labels[i], v->label) == 0;
        given_shown |= given;
        prob_row(y++, x, w, v->top_labels[i], v->top_probs[i], given, NULL);
    }
    if (!given_shown && v->label_prob >= 0 && y < ymax) {
        char rank[32];
        snprintf(rank, sizeof rank, "#%zu", v->label_rank);
        prob_row(y++, x, w, v->label, v->label_prob, 1, rank);
    }
    return y;
}

static int draw_meta(const review_t *r, int y, int x, int w, int ymax)
{
    if (!r->view.meta)
        return y;
    json_t *o = json_loads(r->view.meta, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return y;
    }
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        if (y >= ymax)
            break;
        char kbuf[PANEL_LABEL_W + 1];
        snprintf(kbuf, sizeof kbuf, "%.*s", PANEL_LABEL_W - 1, key);
        y = field(y, x, w, kbuf, json_is_string(val) ? json_string_value(val) : "", 0,
                  A_NORMAL);
    }
    json_decref(o);
    return y;
}

/* The category list in rows y..ymax-1: as many as fit, from r->cat_top, scrolled so that
 * r->cat_show (the one just toggled) is in view; the last row then says how many are
 * hidden, how many of those are ticked, and their keys (">" shows them), so nothing is
 * tagged unseen. Returns the
 * next row. */
static int draw_categories(review_t *r, int y, int x, int w, int ymax)
{
    char buf[256];
    int rows = ymax - y;
    size_t n = r->ncats;
    if (rows <= 0)
        return y;
    if (n == 0) {
        ui_put(y, x, w, " none yet: + adds one", A_NORMAL, UI_PAIR_DIM);
        return y + 1;
    }
    size_t fit = n <= (size_t)rows ? n : (size_t)(rows > 1 ? rows - 1 : 1);
    r->cat_rows = fit;
    if (r->cat_show >= 0) {
        size_t i = (size_t)r->cat_show;
        if (i < r->cat_top)
            r->cat_top = i;
        else if (i >= r->cat_top + fit)
            r->cat_top = i - fit + 1;
        r->cat_show = -1;
    }
    if (fit == n || r->cat_top + fit > n)
        r->cat_top = fit == n ? 0 : n - fit;
    for (size_t i = r->cat_top; i < r->cat_top + fit; i++) {
        int on = view_has_tag(r, r->cats[i].cid);
        snprintf(buf, sizeof buf, " %s [%s] %s", r->cats[i].key ? r->cats[i].key : " ",
                 on ? "x" : " ", r->cats[i].name);
        ui_put(y++, x, w, buf, on ? A_BOLD : A_NORMAL, on ? UI_PAIR_ACCENT : 0);
    }
    if (fit == n)
        return y;
    /* What is hidden: its keys, how many of them are ticked, and how to see them. */
    strbuf_t b;
    strbuf_init(&b);
    size_t ticked = 0;
    for (size_t i = 0; i < n; i++)
        if (i < r->cat_top || i >= r->cat_top + fit)
            ticked += view_has_tag(r, r->cats[i].cid);
    strbuf_addf(&b, " > %zu more", n - fit);
    if (ticked)
        strbuf_addf(&b, ", %zu ticked", ticked);
    strbuf_adds(&b, ":");
    for (size_t i = 0; i < n; i++)
        if ((i < r->cat_top || i >= r->cat_top + fit) && r->cats[i].key)
            strbuf_addf(&b, " %s", r->cats[i].key);
    ui_put(y, x, w, b.buf, ticked ? A_BOLD : A_NORMAL, ticked ? UI_PAIR_WRONG : UI_PAIR_DIM);
    strbuf_done(&b);
    return y + 1;
}

void view_draw_panel(review_t *r, int y0, int x, int w, int ymax)
{
    const sample_view_t *v = &r->view;
    char buf[256];
    int y = y0;
    /* Rows kept below the top fields: the blank line, the categories header, some of the
     * list (all of it when short; the top classes give way first), and the fix, note and
     * reviewed lines. */
    int tail = (v->staged_label || v->applied_label) + (v->note && *v->note) + v->reviewed +
               (v->others != NULL);
    int want = ymax - y0 - 13 > 4 ? ymax - y0 - 13 : 4; /* 8 rows at 80x24, 4 at 60x16 */
    int keep = 2 + (r->ncats ? (r->ncats < (size_t)want ? (int)r->ncats : want) : 1) + tail;
    y = field(y, x, w, "id", v->id, 0, A_BOLD);
    ui_put(y, x, PANEL_LABEL_W, "path", A_BOLD, 0);
    ui_put_tail(y++, x + PANEL_LABEL_W, w - PANEL_LABEL_W, v->path, A_NORMAL, UI_PAIR_DIM);
    snprintf(buf, sizeof buf, "%s%s%s", v->split ? v->split : "unassigned",
             v->source ? " · source " : "", v->source ? v->source : "");
    y = field(y, x, w, "split", buf, 0, A_NORMAL);
    y = field(y, x, w, "label", v->label, UI_PAIR_ACCENT, A_BOLD);
    if (v->pred) {
        int right = strcmp(v->pred, v->label) == 0;
        if (v->confidence >= 0)
            snprintf(buf, sizeof buf, "%s (%.1f%%) %s", v->pred, 100 * v->confidence,
                     right ? "right" : "wrong");
        else
            snprintf(buf, sizeof buf, "%s %s", v->pred, right ? "right" : "wrong");
        y = field(y, x, w, "predicted", buf, right ? UI_PAIR_OK : UI_PAIR_WRONG, A_BOLD);
    } else {
        y = field(y, x, w, "predicted", "(no prediction)", UI_PAIR_DIM, A_NORMAL);
    }
    int top_end = ymax - keep;
    y = draw_probs(r, y, x, w, top_end);
    if (r->reasons[r->cur])
        y = field_wrapped(y, x, w, "suspect", r->reasons[r->cur], 3, top_end);
    y = draw_meta(r, y, x, w, top_end);
    for (size_t i = 0; i < v->nnear && y < top_end; i++) {
        snprintf(buf, sizeof buf, "%s  %s  %.2f", v->near_ids[i], v->near_labels[i],
                 v->near_sims[i]);
        y = field(y, x, w, i ? "" : "nearest", buf,
                  strcmp(v->near_labels[i], v->label) == 0 ? 0 : UI_PAIR_WRONG, A_NORMAL);
    }
    if (v->ncopies && y < top_end) {
        snprintf(buf, sizeof buf, "%zu exact duplicate%s in the store", v->ncopies,
                 v->ncopies == 1 ? "" : "s");
        y = field(y, x, w, "copies", buf, UI_PAIR_WRONG, A_NORMAL);
    }
    if (y < ymax - tail - 2)
        y++;
    if (y < ymax)
        ui_put(y++, x, w, "categories", A_BOLD, 0);
    y = draw_categories(r, y, x, w, ymax - tail);
    if (v->staged_label) {
        snprintf(buf, sizeof buf, "%s → %s (staged)", v->label, v->staged_label);
        y = field(y, x, w, "fix", buf, UI_PAIR_WRONG, A_BOLD);
    } else if (v->applied_label) {
        snprintf(buf, sizeof buf, "applied earlier (now %s)", v->label);
        y = field(y, x, w, "fix", buf, UI_PAIR_DIM, A_NORMAL);
    }
    if (v->note && *v->note)
        y = field(y, x, w, "note", v->note, 0, A_NORMAL);
    if (v->others)
        y = field(y, x, w, "others", v->others, UI_PAIR_ACCENT, A_NORMAL);
    if (v->reviewed) {
        snprintf(buf, sizeof buf, "reviewed%s%s", v->reviewer ? " by " : "",
                 v->reviewer ? v->reviewer : "");
        ui_put(y, x, w, buf, A_NORMAL, UI_PAIR_OK);
    }
}
