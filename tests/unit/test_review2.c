/* Unit tests of store_review2.c: the pass tally, the "label is right" judgement and the
 * checked-label count (undo takes it back, a label fix or another split leaves it out),
 * and redo (newest undo first, across connections, ended by a new change). */
#include "config.h"
#include "import.h"
#include "store_review.h"
#include "store_review2.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char dir[] = "/tmp/eyeball-review2-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *path = xasprintf("%s/s.db", dir), *csv = xasprintf("%s/s.csv", dir),
         *preds = xasprintf("%s/p.csv", dir);
    write_file(csv, "id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,test\n");
    write_file(preds, "id,pred\na,dog\nb,cat\nc,dog\n");
    err_t e = {0};
    import_stats_t stats;
    store_t *st = store_open(path, STORE_CREATE, &e);
    ok(st && import_samples(st, csv, "csv", NULL, 0, &stats, &e) == 0 &&
           import_preds(st, preds, "m1", "csv", &stats, &e) == 0 &&
           store_categories_seed(st, &e) == 0,
       "fixture imported (%s)", e.msg);
    long long a = store_sample_sid(st, "a", &e), b = store_sample_sid(st, "b", &e),
              c = store_sample_sid(st, "c", &e);

    /* ---- checked labels ---- */
    is_int(store_checked_labels(st, NULL, &e), 0, "no label checked yet");
    ok(store_label_ok(st, a, "ann", &e) == 0 && store_label_ok(st, c, "ann", &e) == 0,
       "a and c judged right (%s)", e.msg);
    ok(store_label_ok(st, a, "bob", &e) == 0, "a judged right again, by bob");
    is_int(store_checked_labels(st, NULL, &e), 2, "two examples checked (a twice counts once)");
    is_int(store_checked_labels(st, "dev", &e), 1, "one of them in dev");
    is_int(store_checked_labels(st, "test", &e), 1, "one in test");
    long long sid = 0;
    ok(store_undo(st, "ann", 0, &sid, NULL, 0, &e) == 0 && sid == c, "ann's last undone: c");
    is_int(store_checked_labels(st, NULL, &e), 1, "c no longer counts");
    ok(store_fix(st, a, "dog", NULL, 0, "ann", &e) == 0, "a's label fixed (staged)");
    is_int(store_checked_labels(st, NULL, &e), 1, "a staged fix leaves the label as it is");

    /* ---- redo ---- */
    char what[256];
    is_int(store_redo(st, "ann", &sid, what, sizeof what, &e), 1,
           "a new change (the fix) since the undo: nothing to redo");
    long long blurry = store_category_find(st, "blurry", &e);
    ok(store_tag(st, b, blurry, 1, "ann", &e) == 0, "b tagged blurry");
    ok(store_note(st, b, "hm", "ann", &e) == 0, "b noted");
    ok(store_undo(st, "ann", 0, &sid, NULL, 0, &e) == 0, "undo the note");
    ok(store_undo(st, "ann", 0, &sid, NULL, 0, &e) == 0, "undo the tag");
    is_int(store_redo(st, "bob", &sid, what, sizeof what, &e), 1, "bob has nothing to redo");
    /* A new connection: redo works across sessions. */
    store_close(st);
    st = store_open(path, 0, &e);
    ok(st != NULL, "reopened (%s)", e.msg);
    is_int(store_redo(st, "ann", &sid, what, sizeof what, &e), 0, "redo (%s)", e.msg);
    is_str(what, "tagged blurry on b", "the last undo is redone first");
    is_int(sid, b, "on b");
    is_int(store_redo(st, "ann", &sid, what, sizeof what, &e), 0, "redo again");
    is_str(what, "set the note of b again", "then the one before");
    is_int(store_redo(st, "ann", &sid, what, sizeof what, &e), 1, "then nothing");
    sample_view_t v;
    ok(store_sample_view(st, b, 0, &v, &e) == 0, "b read back");
    is_str(v.note ? v.note : "(null)", "hm", "b's note is back");
    is_int((long long)v.ntags, 1, "b's tag is back");
    store_sample_view_free(&v);
    ok(store_undo(st, "ann", 0, &sid, what, sizeof what, &e) == 0, "the redone note undone");
    is_int(store_redo(st, "ann", &sid, what, sizeof what, &e), 0, "and redone");
    is_str(what, "set the note of b again", "the same note");

    /* ---- the pass tally ---- */
    long long reviewed, tagged, fixes;
    ok(store_pass_summary(st, 999, &reviewed, &tagged, &fixes, &e) == 0 && reviewed == 0 &&
           tagged == 0 && fixes == 0,
       "a pass with no items counts nothing");

    store_close(st);
    char *cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    free(path);
    free(csv);
    free(preds);
    return tap_done();
}
