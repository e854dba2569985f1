/* view_review.c: the review screen: the layout, the status line, the key loop. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "store_import.h"
#include "store_review2.h"
#include "ui.h"
#include "view.h"
#include "view_review.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this size the screen says so instead of drawing. */
#define MIN_COLS 60
#define MIN_LINES 16

#define KEY(action, shown, help, hint, rank, ...) \
    static const int codes_##action[] = {__VA_ARGS__, 0};
#include "keys.def"
#undef KEY

const view_key_t view_keys[] = {
#define KEY(action, shown, help, hint, rank, ...) \
    {ACT_##action, shown, help, hint, rank, codes_##action},
#include "keys.def"
#undef KEY
};
const size_t view_nkeys = sizeof view_keys / sizeof *view_keys;

void view_review_print_keys(void)
{
    for (size_t i = 0; i < view_nkeys; i++)
        printf("%-20s %s\n", view_keys[i].shown, view_keys[i].help);
}

void view_msg(review_t *r, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    r->msg_error = error;
    /* Store errors start with the store's path: on this screen it only takes room. */
    size_t n = strlen(store_path(r->st));
    if (error && strncmp(r->msg, store_path(r->st), n) == 0 && r->msg[n] == ':' &&
        r->msg[n + 1] == ' ')
        memmove(r->msg, r->msg + n + 2, strlen(r->msg + n + 2) + 1);
}

/* Bytes of the longest start of s that fits in w columns, cut after a space when one
 * is in the second half. */
static size_t fit_bytes(const char *s, int w)
{
    size_t len = strlen(s), fit = 0, space = 0;
    for (size_t i = 1; i <= len; i++) {
        if (i < len && (s[i] & 0xC0) == 0x80)
            continue;
        char *head = xstrndup(s, i);
        int fits = ui_width(head) <= w;
        free(head);
        if (!fits)
            break;
        fit = i;
        if (s[i - 1] == ' ')
            space = i;
    }
    return fit < len && space > fit / 2 ? space : fit;
}

static enum view_action action_for(const review_t *r, int key, long long *cid)
{
    for (size_t i = 0; i < view_nkeys; i++)
        for (const int *c = view_keys[i].codes; *c; c++)
            if (*c == key)
                return view_keys[i].action;
    if (key > 0 && key < 128) {
        for (size_t i = 0; i < r->ncats; i++)
            if (r->cats[i].key && r->cats[i].key[0] == key && !r->cats[i].key[1]) {
                *cid = r->cats[i].cid;
                return ACT_TOGGLE;
            }
    }
    return ACT_NONE;
}

static int load_item(review_t *r, err_t *e)
{
    if (r->have_view)
        store_sample_view_free(&r->view);
    r->have_view = 0;
    if (r->n == 0)
        return 0;
    if (store_sample_view(r->st, r->sids[r->cur], r->pass.mid, &r->view, e) < 0)
        return -1;
    r->have_view = 1;
    if (store_sample_view_nearest(r->st, &r->view, e) < 0)
        return -1;
    r->reviewed[r->cur] = r->view.reviewed;
    return 0;
}

static int reload_categories(review_t *r, err_t *e)
{
    store_categories_free(r->cats, r->ncats);
    r->cats = NULL;
    r->ncats = 0;
    return store_categories(r->st, &r->cats, &r->ncats, e);
}

static size_t count_reviewed(const review_t *r)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        k += r->reviewed[i] != 0;
    return k;
}

static const char *cat_name(const review_t *r, long long cid)
{
    for (size_t i = 0; i < r->ncats; i++)
        if (r->cats[i].cid == cid)
            return r->cats[i].name;
    return "?";
}

static void draw_status(review_t *r)
{
    int y = LINES - 2;
    char buf[128];
    size_t done = count_reviewed(r);
    ui_fill(y, 0, COLS, UI_PAIR_STATUS, A_NORMAL);
    int len = snprintf(buf, sizeof buf, " %zu/%zu  reviewed %zu ", r->n ? r->cur + 1 : 0, r->n,
                       done);
    ui_put(y, 0, COLS, buf, A_BOLD, UI_PAIR_STATUS);
    int barw = COLS >= 100 ? 20 : 10;
    if (COLS > len + barw + 20) {
        move(y, len);
        int fill = r->n ? (int)(done * (size_t)barw / r->n) : 0;
        for (int i = 0; i < barw; i++) {
            cchar_t cc;
            setcchar(&cc, i < fill ? L"█" : L"░", A_NORMAL, UI_PAIR_STATUS, NULL);
            add_wch(&cc);
        }
        len += barw + 1;
    }
    int room = COLS - len - 2;
    if (r->msg_error && ui_width(r->msg) > room) {
        /* An error goes on over the key-hint row, so its reason and remedy are seen. */
        size_t cut = fit_bytes(r->msg, room);
        char *head = xstrndup(r->msg, cut);
        ui_put(y, len + 1, room, head, A_BOLD, UI_PAIR_ERROR);
        free(head);
        ui_fill(LINES - 1, 0, COLS, 0, A_NORMAL);
        ui_put(LINES - 1, 1, COLS - 2, r->msg + cut, A_BOLD, UI_PAIR_ERROR);
        return;
    }
    ui_put(y, len + 1, room, r->msg, r->msg_error ? A_BOLD : A_NORMAL,
           r->msg_error ? UI_PAIR_ERROR : UI_PAIR_STATUS);
    /* Key hints from the key table in rank order, as many as fit; '?' shows them all. */
    ui_fill(LINES - 1, 0, COLS, 0, A_NORMAL);
    int x = 1;
    for (int rank = 1; rank <= (int)view_nkeys; rank++) {
        const char *hint = NULL;
        for (size_t i = 0; i < view_nkeys && !hint; i++)
            if (view_keys[i].rank == rank)
                hint = view_keys[i].hint;
        if (!hint)
            continue;
        int hw = (int)strlen(hint);
        if (x + hw + 1 > COLS)
            break;
        ui_put(LINES - 1, x, hw, hint, A_NORMAL, UI_PAIR_DIM);
        x += hw + 2;
    }
}

int view_panel_width(void)
{
    int pw = COLS * 45 / 100;
    return pw < 34 ? 34 : pw > 64 ? 64 : pw;
}

int view_too_small(void)
{
    return COLS < MIN_COLS || LINES < MIN_LINES;
}

/* Draws text from row y down, wrapped on spaces to the screen width; returns the next row. */
static int put_wrapped(int y, const char *text, int attr)
{
    const char *p = text;
    for (; y < LINES && *p; y++) {
        size_t len = strlen(p), cut = len;
        if ((int)len > COLS) {
            cut = (size_t)COLS;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = (size_t)COLS;
        }
        char line[128];
        snprintf(line, sizeof line, "%.*s", (int)cut, p);
        ui_put(y, 0, COLS, line, attr, 0);
        p += cut;
        while (*p == ' ')
            p++;
    }
    return y;
}

/* The "too small" screen: what the size is and what it needs, wrapped to fit. */
static void draw_too_small(void)
{
    char buf[64];
    snprintf(buf, sizeof buf, "terminal too small: %dx%d", COLS, LINES);
    int y = put_wrapped(0, buf, A_BOLD);
    snprintf(buf, sizeof buf, "eyeball needs %dx%d", MIN_COLS, MIN_LINES);
    put_wrapped(y, buf, A_NORMAL);
}

/* refresh(), with the pixel images put right around it. */
static void refresh_screen(review_t *r)
{
    view_preview_before_refresh(r);
    refresh();
    view_preview_after_refresh(r);
}

void view_redraw(review_t *r)
{
    erase();
    if (view_too_small()) {
        draw_too_small();
        view_preview_hide(r);
        refresh_screen(r);
        return;
    }
    char title[256];
    ui_fill(0, 0, COLS, UI_PAIR_TITLE, A_NORMAL);
    snprintf(title, sizeof title, " eyeball · pass #%lld · %s · %s · model %s%s%s", r->pass.pid,
             r->pass.split, r->pass.kind, r->pass.model,
             store_readonly(r->st) ? " · READ-ONLY" : "",
             r->zoom ? " · zoom (z: back)" : r->grid ? " · grid (v: back)" : "");
    ui_put(0, 0, COLS - 10, title, A_BOLD, UI_PAIR_TITLE);
    ui_put(0, COLS - 9, 9, "? help", A_NORMAL, UI_PAIR_TITLE);
    int pw = view_panel_width();
    int iw = COLS - pw - 2;
    int body = LINES - 3;
    if (r->n == 0) {
        ui_put(2, 2, COLS - 4, "this pass has no items", A_BOLD, 0);
    } else if (r->zoom && r->have_view) {
        /* The whole body; the preview keeps one column of margin, here none is needed. */
        view_preview_draw(r, 1, 0, body, COLS + 1);
    } else if (r->grid) {
        view_draw_grid(r);
    } else if (r->have_view) {
        view_preview_draw(r, 1, 0, body, iw);
        view_draw_panel(r, 1, iw + 2, pw, 1 + body);
    }
    draw_status(r);
    if (r->help) {
        char line[256];
        /* No image over the help: it would cover it. */
        view_preview_hide(r);
        view_draw_help(view_preview_describe(r, line, sizeof line));
    }
    refresh_screen(r);
}

/* Moves to item i and loads it. */
static void go(review_t *r, size_t i)
{
    err_t e = {0};
    if (r->n == 0)
        return;
    r->cur = i;
    if (load_item(r, &e) < 0)
        view_msg(r, 1, "%s", e.msg);
}

static void after_change(review_t *r, err_t *e, int ok)
{
    if (!ok) {
        view_msg(r, 1, "%s", e->msg);
        return;
    }
    err_t e2 = {0};
    if (load_item(r, &e2) < 0)
        view_msg(r, 1, "%s", e2.msg);
}

static void do_toggle(review_t *r, long long cid)
{
    err_t e = {0};
    int on = !view_has_tag(r, cid);
    for (size_t i = 0; i < r->ncats; i++)
        if (r->cats[i].cid == cid)
            r->cat_show = (long)i;
    int ok = store_tag(r->st, r->view.sid, cid, on, r->reviewer, &e) == 0;
    if (ok)
        view_msg(r, 0, "%s %s", on ? "tagged" : "untagged", cat_name(r, cid));
    after_change(r, &e, ok);
}

static void do_relabel(review_t *r)
{
    char title[256];
    snprintf(title, sizeof title, "fix the label of %s (now %s)", r->view.id, r->view.label);
    /* Selected first: the staged fix, else the label the model suggests (the most
     * probable class in a suspects pass, the prediction otherwise), so Enter takes it. */
    const sample_view_t *v = &r->view;
    const char *first = v->staged_label;
    if (!first && strcmp(r->pass.kind, "suspects") == 0 && v->ntop)
        first = v->top_labels[0];
    if (!first)
        first = v->pred ? v->pred : v->label;
    char *label = view_pick_label(r, title, first);
    if (!label) {
        view_msg(r, 0, "relabel cancelled");
        return;
    }
    err_t e = {0};
    char *old = xstrdup(r->view.label);
    int ok = store_fix(r->st, r->view.sid, label, NULL, 0, r->reviewer, &e) == 0;
    if (ok) {
        if (strcmp(label, old) == 0)
            view_msg(r, 0, "label stays %s: staged fix withdrawn", old);
        else
            view_msg(r, 0, "staged fix %s → %s", old, label);
    }
    free(old);
    free(label);
    after_change(r, &e, ok);
    if (ok && reload_categories(r, &e) < 0)
        view_msg(r, 1, "%s", e.msg);
}

static void do_note(review_t *r)
{
    char *note = view_prompt(r, "note: ", r->view.note ? r->view.note : "", STORE_NOTE_MAX);
    if (!note) {
        view_msg(r, 0, "note unchanged");
        return;
    }
    err_t e = {0};
    int ok = store_note(r->st, r->view.sid, note, r->reviewer, &e) == 0;
    if (ok)
        view_msg(r, 0, *note ? "note saved" : "note cleared");
    free(note);
    after_change(r, &e, ok);
}

static void do_newcat(review_t *r)
{
    char *name = view_prompt(r, "new category: ", "", 0);
    if (!name || !*name) {
        free(name);
        view_msg(r, 0, "no category added");
        return;
    }
    err_t e = {0};
    long long cid;
    if (store_category_add_by(r->st, name, NULL, r->reviewer, &cid, &e) < 0) {
        view_msg(r, 1, "%s", e.msg);
    } else if (reload_categories(r, &e) < 0) {
        view_msg(r, 1, "%s", e.msg);
    } else {
        const char *key = NULL;
        for (size_t i = 0; i < r->ncats; i++)
            if (r->cats[i].cid == cid)
                key = r->cats[i].key;
        view_msg(r, 0, "added category %s%s%s", name, key ? " on key " : " (no free key)",
                 key ? key : "");
    }
    free(name);
}

/* After an undo or a redo of a change to example sid: shows it (when it is in the pass),
 * and reloads the categories and every item's reviewed mark (it may be off screen). */
static void after_history(review_t *r, long long sid)
{
    err_t e = {0};
    if (reload_categories(r, &e) < 0)
        view_msg(r, 1, "%s", e.msg);
    for (size_t i = 0; sid && i < r->n; i++)
        if (r->sids[i] == sid) {
            r->cur = i;
            break;
        }
    after_change(r, &e, 1);
    int *rev = NULL;
    long long *sids = NULL;
    size_t n = 0;
    if (store_pass_items(r->st, r->pass.pid, &sids, &rev, &n, &e) == 0 && n == r->n)
        memcpy(r->reviewed, rev, n * sizeof *rev);
    free(rev);
    free(sids);
}

static void do_undo(review_t *r)
{
    err_t e = {0};
    long long sid = 0;
    char what[256];
    /* Since the start of the store's history: undo goes on across sessions. */
    int u = store_undo(r->st, r->reviewer, 0, &sid, what, sizeof what, &e);
    if (u < 0) {
        view_msg(r, 1, "%s", e.msg);
        return;
    }
    if (u == 1) {
        view_msg(r, 0, "nothing of yours (%s) to undo", r->reviewer);
        return;
    }
    view_msg(r, 0, "undone: %s", what);
    after_history(r, sid);
}

static void do_redo(review_t *r)
{
    err_t e = {0};
    long long sid = 0;
    char what[256];
    int u = store_redo(r->st, r->reviewer, &sid, what, sizeof what, &e);
    if (u < 0) {
        view_msg(r, 1, "%s", e.msg);
        return;
    }
    if (u == 1) {
        view_msg(r, 0, "nothing to redo");
        return;
    }
    view_msg(r, 0, "redone: %s", what);
    after_history(r, sid);
}

/* The first item not yet reviewed after the current one, going round to the start;
 * r->n when every item is reviewed. */
static size_t next_unreviewed(const review_t *r)
{
    for (size_t k = 1; k <= r->n; k++) {
        size_t i = (r->cur + k) % r->n;
        if (!r->reviewed[i])
            return i;
    }
    return r->n;
}

/* Says once, when the reviewer's change reviews the last item, that the pass is done and
 * what comes next (announce=0 after an undo or redo: their own message matters more). */
static void check_finished(review_t *r, int announce)
{
    size_t done = count_reviewed(r);
    if (done < r->n) {
        r->finished = 0;
        return;
    }
    int was = r->finished;
    r->finished = 1;
    if (was || r->msg_error || !announce)
        return;
    view_msg(r, 0, "pass finished; next: eyeball report");
}

/* Before changing an item another reviewer has reviewed: says who and asks, once per
 * visit (after the first change, the item is the reviewer's to work on). 1 to go ahead. */
static int confirm_other(review_t *r)
{
    const sample_view_t *v = &r->view;
    if (!v->reviewed || !v->reviewer || strcmp(v->reviewer, r->reviewer) == 0 ||
        r->confirmed == v->sid) {
        r->confirmed = v->sid;
        return 1;
    }
    char q[256];
    snprintf(q, sizeof q, "%s was reviewed by %s; change it too? (y/n)", v->id, v->reviewer);
    if (!view_confirm(r, q)) {
        view_msg(r, 0, "left %s as %s reviewed it", v->id, v->reviewer);
        return 0;
    }
    r->confirmed = v->sid;
    return 1;
}

static int handle(review_t *r, int key)
{
    long long cid = 0;
    enum view_action a = action_for(r, key, &cid);
    if (r->help && a != ACT_QUIT && key != UI_FN(KEY_RESIZE)) {
        r->help = 0;
        if (a == ACT_HELP || key == 27)
            return 0;
    }
    if (key == UI_FN(KEY_RESIZE)) {
        view_preview_stale(r);
        return 0;
    }
    /* On a screen too small to show the item, keys that change it would act unseen. */
    if (view_too_small() && a != ACT_QUIT && a != ACT_REDRAW)
        return 0;
    if (r->n == 0 && a != ACT_QUIT && a != ACT_HELP)
        return 0;
    /* Esc leaves the zoom, then the grid. */
    if (key == 27 && (r->zoom || r->grid)) {
        if (r->zoom)
            r->zoom = 0;
        else
            r->grid = 0;
        return 0;
    }
    if (r->grid && !r->zoom) {
        size_t to;
        /* Arrows move the selection over the tiles; Enter opens the selected item. */
        if (view_grid_key(r, key, &to)) {
            if (to != r->cur)
                go(r, to);
            return 0;
        }
        if (key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER)) {
            r->grid = 0;
            return 0;
        }
    }
    int ro = store_readonly(r->st);
    switch (a) {
    case ACT_NEXT:
        if (r->cur + 1 < r->n)
            go(r, r->cur + 1);
        else
            view_msg(r, 0, "last item; %zu of %zu reviewed", count_reviewed(r), r->n);
        break;
    case ACT_PREV:
        if (r->cur > 0)
            go(r, r->cur - 1);
        else
            view_msg(r, 0, "first item");
        break;
    case ACT_FIRST: go(r, 0); break;
    case ACT_LAST: go(r, r->n - 1); break;
    case ACT_UNREVIEWED: {
        size_t i = 0;
        while (i < r->n && r->reviewed[i])
            i++;
        if (i < r->n)
            go(r, i);
        else
            view_msg(r, 0, r->n == 1 ? "the item is reviewed; 'eyeball report' shows the tally"
                                      : "all %zu items are reviewed; 'eyeball report' shows the "
                                        "tally", r->n);
        break;
    }
    case ACT_HELP: r->help = 1; break;
    case ACT_ZOOM: r->zoom = !r->zoom; break;
    case ACT_GRID:
        r->zoom = 0;
        r->grid = !r->grid;
        r->grid_top = r->cur;
        break;
    case ACT_CATMORE:
        /* The next page of the category list, back to the top after the last. */
        if (r->cat_rows && r->cat_rows < r->ncats) {
            r->cat_top = r->cat_top + r->cat_rows >= r->ncats ? 0 : r->cat_top + r->cat_rows;
            r->cat_show = -1;
        } else {
            view_msg(r, 0, "all %zu categories are shown", r->ncats);
        }
        break;
    case ACT_QUIT: return 1;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        view_preview_stale(r);
        break;
    case ACT_NONE:
        if (key > 0 && key < 0x110000)
            view_msg(r, 1, "no key '%lc' here; ? shows the keys", (wint_t)key);
        break;
    default:
        if (ro) {
            view_msg(r, 1, "the store is read-only: nothing can be changed");
            break;
        }
        if (a != ACT_NEWCAT && a != ACT_UNDO && a != ACT_REDO && !confirm_other(r))
            break;
        switch (a) {
        case ACT_TOGGLE: do_toggle(r, cid); break;
        case ACT_MARK: {
            err_t e = {0};
            int ok = store_mark_reviewed(r->st, r->view.sid, r->reviewer, &e) == 0;
            after_change(r, &e, ok);
            if (ok) {
                view_msg(r, 0, "reviewed %s", r->view.id);
                size_t next = next_unreviewed(r);
                if (next < r->n)
                    go(r, next);
            }
            break;
        }
        case ACT_NEWCAT: do_newcat(r); break;
        case ACT_RELABEL: do_relabel(r); break;
        case ACT_CLEARFIX: {
            err_t e = {0};
            if (!r->view.staged_label) {
                view_msg(r, 0, "no staged fix to withdraw");
                break;
            }
            int ok = store_fix_withdraw(r->st, r->view.sid, r->reviewer, &e) == 0;
            if (ok)
                view_msg(r, 0, "withdrew the staged fix");
            after_change(r, &e, ok);
            break;
        }
        case ACT_NOTE: do_note(r); break;
        case ACT_LABELOK: {
            err_t e = {0};
            if (r->view.staged_label) {
                view_msg(r, 1, "a fix to %s is staged: x withdraws it if the label is right",
                         r->view.staged_label);
                break;
            }
            int ok = store_label_ok(r->st, r->view.sid, r->reviewer, &e) == 0;
            char *id = xstrdup(r->view.id), *label = xstrdup(r->view.label);
            after_change(r, &e, ok);
            if (ok) {
                view_msg(r, 0, "%s: label %s checked, right", id, label);
                size_t next = next_unreviewed(r);
                if (next < r->n)
                    go(r, next);
            }
            free(id);
            free(label);
            break;
        }
        case ACT_UNDO: do_undo(r); break;
        case ACT_REDO: do_redo(r); break;
        default: break;
        }
        check_finished(r, a != ACT_UNDO && a != ACT_REDO);
    }
    return 0;
}

/* The line printed on quit: where the pass stands, and what to run next when it is done. */
static void print_summary(const review_t *r)
{
    long long reviewed, tagged, fixes;
    err_t e = {0};
    if (store_pass_summary(r->st, r->pass.pid, &reviewed, &tagged, &fixes, &e) < 0) {
        fprintf(stderr, "eyeball: %s\n", e.msg);
        return;
    }
    printf("pass #%lld: %lld of %zu reviewed, %lld tagged, %lld label fix%s staged%s\n",
           r->pass.pid, reviewed, r->n, tagged, fixes, fixes == 1 ? "" : "es",
           r->n && (size_t)reviewed >= r->n ? "; finished, next: eyeball report" : "");
}

int view_review_run(store_t *st, const pass_info_t *p, const char *reviewer, const char *note,
                    const char *preview, err_t *e)
{
    review_t r;
    int status = -1;
    memset(&r, 0, sizeof r);
    r.st = st;
    r.pass = *p;
    r.reviewer = reviewer;
    r.cat_show = -1;
    size_t npaths = 0;
    if (store_pass_items(st, p->pid, &r.sids, &r.reviewed, &r.n, e) < 0)
        return -1;
    if (store_pass_paths(st, p->pid, &r.paths, &r.reasons, &npaths, e) < 0)
        goto fail;
    if (npaths != r.n) {
        err_set(e, EXIT_SYSTEM, "the pass changed while it was being read; try again");
        goto fail;
    }
    if (store_categories(st, &r.cats, &r.ncats, e) < 0)
        goto fail;
    r.labels = store_labels(st, &r.nlabels, e);
    if (!r.labels)
        goto fail;
    r.finished = r.n && count_reviewed(&r) == r.n;
    /* Resume at the first item not yet reviewed. */
    while (r.cur < r.n && r.reviewed[r.cur])
        r.cur++;
    if (r.cur == r.n)
        r.cur = 0;
    if (r.n && load_item(&r, e) < 0)
        goto fail;
    if (note && *note)
        view_msg(&r, 0, "%s", note);
    if (store_readonly(st))
        view_msg(&r, 1, "read-only store: you can look, but changes are refused");
    char msg[256];
    /* The preview workers start their decoder processes before curses takes the
     * terminal, so a failure can still be printed plainly. */
    r.preview = view_preview_new(preview);
    if (view_preview_pixels(&r) || (preview && strcmp(preview, "auto") != 0 &&
                                    strcmp(preview, "symbols") != 0)) {
        /* Say how images are drawn when it is not the usual symbols, or when pixels were
         * asked for and could not be had. */
        char line[256];
        view_preview_describe(&r, line, sizeof line);
        if (r.msg[0] && !r.msg_error) {
            char *both = xasprintf("%s; %s", r.msg, line);
            view_msg(&r, 0, "%s", both);
            free(both);
        } else if (!r.msg[0]) {
            view_msg(&r, 0, "%s", line);
        }
    }
    if (ui_init(msg, sizeof msg) < 0) {
        err_set(e, EXIT_USER, "%s", msg);
        goto fail;
    }
    for (;;) {
        view_redraw(&r);
        if (!view_preview_pending(r.preview))
            ui_step_drawn();
        /* While a preview is loading, wake up to draw it when it is ready. */
        int key = ui_getkey_timeout(view_preview_pending(r.preview) ? 20 : -1);
        if (key == UI_KEY_NONE)
            continue;
        if (key == UI_KEY_EOF || handle(&r, key))
            break;
    }
    view_preview_leave(&r);
    ui_done();
    print_summary(&r);
    status = 0;
fail:
    view_preview_free(r.preview);
    if (r.have_view)
        store_sample_view_free(&r.view);
    store_categories_free(r.cats, r.ncats);
    for (size_t i = 0; r.labels && i < r.nlabels; i++)
        free(r.labels[i]);
    free(r.labels);
    for (size_t i = 0; r.paths && i < npaths; i++) {
        free(r.paths[i]);
        free(r.reasons[i]);
    }
    free(r.paths);
    free(r.reasons);
    free(r.sids);
    free(r.reviewed);
    return status;
}
