/* Unit tests of each reviewer's verdict: notes, fixes proposed by several, undo putting a
 * verdict back as it was, the blind view, and an adjudicator's decision. */
#include "config.h"
#include "import.h"
#include "store_review.h"
#include "store_review2.h"
#include "store_verdicts.h"
#include "tap.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db; /* a second connection, to look at the store */

/* The rows of sql, one per line, columns joined by '|' ("" without rows); static buffer. */
static const char *q(const char *sql)
{
    static char buf[4096];
    buf[0] = '\0';
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        snprintf(buf, sizeof buf, "SQL error: %s", sqlite3_errmsg(db));
        return buf;
    }
    size_t len = 0;
    while (sqlite3_step(s) == SQLITE_ROW && len < sizeof buf) {
        for (int i = 0; i < sqlite3_column_count(s) && len < sizeof buf; i++) {
            const char *t = (const char *)sqlite3_column_text(s, i);
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                                    i ? "|" : (len ? "\n" : ""), t ? t : "NULL");
        }
    }
    sqlite3_finalize(s);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    setenv("EYEBALL_NOW", "2026-01-02T03:04:05Z", 1);
    if (!getenv("EYEBALL_DATADIR"))
        setenv("EYEBALL_DATADIR", "share/eyeball", 1);
    char dir[] = "/tmp/eyeball-verdicts-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *path = xasprintf("%s/s.db", dir), *csv = xasprintf("%s/s.csv", dir);
    write_file(csv, "id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\n");
    err_t e = {0};
    import_stats_t stats;
    store_t *st = store_open(path, STORE_CREATE, &e);
    ok(st && import_samples(st, csv, "csv", NULL, 0, &stats, &e) == 0, "fixture (%s)", e.msg);
    ok(store_categories_seed(st, &e) == 0, "categories seeded");
    sqlite3_open(path, &db);
    long long a = store_sample_sid(st, "a", &e);
    long long blurry = store_category_find(st, "blurry", &e);

    /* Notes: the same words from a second reviewer are their note too. */
    ok(store_note(st, a, "too dark", "alice", &e) == 0, "alice's note");
    ok(store_note(st, a, "too dark", "bob", &e) == 0, "bob writes the same note");
    is_str(q("SELECT reviewer, note FROM verdicts WHERE sid = 1 ORDER BY 1"),
           "alice|too dark\nbob|too dark", "both notes kept as their own");

    /* Fixes: bob proposing alice's staged fix, then undoing it. */
    ok(store_fix(st, a, "dog", NULL, 0, "alice", &e) == 0, "alice stages dog");
    ok(store_fix(st, a, "dog", NULL, 0, "bob", &e) == 0, "bob proposes dog too");
    is_str(q("SELECT reviewer, fix FROM verdicts WHERE sid = 1 ORDER BY 1"),
           "alice|dog\nbob|dog", "both propose dog");
    is_str(q("SELECT count(*) FROM fixes WHERE sid = 1"), "1", "one fix for the team");
    long long sid = 0;
    char what[256];
    ok(store_undo(st, "bob", 0, &sid, what, sizeof what, &e) == 0, "bob undoes (%s)", e.msg);
    is_str(what, "withdrew your support for the fix of a", "undo says what it took back");
    is_str(q("SELECT reviewer, coalesce(fix, '-') FROM verdicts WHERE sid = 1 ORDER BY 1"),
           "alice|dog\nbob|-", "bob's verdict is back to no fix; alice's stays");
    is_str(q("SELECT new_label || ':' || status FROM fixes WHERE sid = 1"), "dog:staged",
           "the team's fix stays staged");

    /* Undo of a tag puts the verdict back; the team keeps a tag another reviewer holds. */
    ok(store_tag(st, a, blurry, 1, "alice", &e) == 0, "alice tags blurry");
    ok(store_tag(st, a, blurry, 1, "bob", &e) == 0, "bob tags blurry");
    ok(store_undo(st, "alice", 0, &sid, what, sizeof what, &e) == 0, "alice undoes her tag");
    is_str(q("SELECT group_concat(reviewer) FROM verdict_tags WHERE cid = 2"), "bob",
           "only bob's tick is left");
    is_str(q("SELECT count(*) FROM tags WHERE sid = 1 AND cid = 2"), "1",
           "the team's tag stays while bob holds it");

    /* Blind view: bob sees his own verdict only, until he marks the item reviewed. */
    store_set_blind(st, "bob");
    sample_view_t v;
    ok(store_sample_view(st, a, 0, &v, &e) == 0, "bob's blind view");
    ok(v.ntags == 1 && v.tags[0] == blurry && !v.others && v.staged_label == NULL,
       "his tick (blurry: mislabeled went with the undone fix), no fix, no others (%zu tags)",
       v.ntags);
    is_str(v.note, "too dark", "his note");
    store_sample_view_free(&v);
    ok(store_mark_reviewed(st, a, "bob", &e) == 0, "bob marks it reviewed");
    ok(store_sample_view(st, a, 0, &v, &e) == 0, "bob's view after the mark");
    is_str(v.others, "alice: mislabeled → dog \"too dark\"", "then alice's verdict shows");
    store_sample_view_free(&v);
    ok(store_undo(st, "bob", 0, &sid, what, sizeof what, &e) == 0, "bob undoes the mark");
    is_str(q("SELECT done FROM verdicts WHERE sid = 1 AND reviewer = 'bob'"), "0",
           "the mark is taken back");

    /* An adjudicator's decision: carol ticks blurry only, no fix. */
    store_set_adjudicate(st, "carol");
    ok(store_tag(st, a, blurry, 1, "carol", &e) == 0, "carol ticks blurry");
    ok(store_fix_withdraw(st, a, "carol", &e) == 0, "carol withdraws the fix");
    ok(store_mark_reviewed(st, a, "carol", &e) == 0, "carol marks it: the decision");
    is_str(q("SELECT reviewer, coalesce(fix, '-') FROM decisions"), "carol|-", "decided: no fix");
    is_str(q("SELECT group_concat(c.name) FROM tags t JOIN categories c USING(cid)"
             " WHERE t.sid = 1"), "blurry", "the team's tags are the decision's");
    is_str(q("SELECT count(*) FROM fixes WHERE sid = 1 AND status = 'staged'"), "0",
           "no staged fix");
    is_str(q("SELECT action FROM history ORDER BY hid DESC LIMIT 1"), "decide",
           "the decision is in the history");
    store_set_adjudicate(st, NULL);

    sqlite3_close(db);
    store_close(st);
    char *cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        ok(0, "cleanup");
    free(cmd);
    free(path);
    free(csv);
    return tap_done();
}
