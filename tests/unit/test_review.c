/* Unit tests of the review actions: tags, notes, fixes with duplicates, withdraw, undo
 * chains, categories, the sample view, and the append-only history. */
#include "config.h"
#include "import.h"
#include "store_review.h"
#include "tap.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db; /* a second connection, to look at the store */

/* The first column of the first row of sql as text ("" without rows); static buffer. */
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
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "\n" : "",
                                t ? t : "NULL");
        if (len >= sizeof buf)
            break;
    }
    sqlite3_finalize(s);
    return buf;
}

static long long qi(const char *sql)
{
    return atoll(q(sql));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static long long sid_of(store_t *st, const char *id)
{
    err_t e = {0};
    return store_sample_sid(st, id, &e);
}

static long long cid_of(store_t *st, const char *name)
{
    err_t e = {0};
    return store_category_find(st, name, &e);
}

int main(void)
{
    setenv("EYEBALL_NOW", "2026-01-02T03:04:05Z", 1);
    if (!getenv("EYEBALL_DATADIR"))
        setenv("EYEBALL_DATADIR", "share/eyeball", 1);
    char dir[] = "/tmp/eyeball-review-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *path = xasprintf("%s/s.db", dir), *csv = xasprintf("%s/s.csv", dir),
         *preds = xasprintf("%s/p.csv", dir);
    /* a, e and f are the same image (hashes set below); f already says dog. */
    write_file(csv, "id,path,label,split\n"
                    "a,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,test\nd,d.png,bird,train\n"
                    "e,e.png,cat,dev\nf,f.png,dog,test\n");
    write_file(preds, "id,pred,prob:bird,prob:cat,prob:dog\n"
                      "a,dog,0.1,0.3,0.6\nb,dog,0.2,0.2,0.6\nc,bird,0.5,0.4,0.1\n");
    err_t e = {0};
    import_stats_t stats;
    store_t *st = store_open(path, STORE_CREATE, &e);
    ok(st && import_samples(st, csv, "csv", NULL, 0, &stats, &e) == 0 &&
           import_preds(st, preds, "m1", "csv", &stats, &e) == 0,
       "fixture imported (%s)", e.msg);
    sqlite3_open(path, &db);
    sqlite3_exec(db, "UPDATE samples SET hash='h1' WHERE id IN ('a','e','f')", NULL, NULL, NULL);

    long long a = sid_of(st, "a"), e_ = sid_of(st, "e"), f = sid_of(st, "f");
    ok(a > 0 && e_ > 0 && f > 0, "sample ids resolve");
    is_int(store_sample_sid(st, "zz", &e), -1, "unknown id");
    is_int(e.code, EXIT_USER, "unknown id is a user error");
    is_str(e.msg, "unknown sample id 'zz'; ids are those of the samples file "
                  "('eyeball export samples' lists them)", "unknown id message");

    /* ---- categories ---- */
    ok(store_categories_seed(st, &e) == 0, "seed (%s)", e.msg);
    is_str(q("SELECT group_concat(key||' '||name||' '||mislabeled, ',') FROM "
             "(SELECT * FROM categories ORDER BY position)"),
           "1 mislabeled 1,2 blurry 0,3 occluded 0,4 too-small 0,5 dark 0,6 filtered 0,"
           "7 ambiguous 0,8 look-alike-class 0",
           "defaults from share/eyeball/categories");
    ok(store_categories_seed(st, &e) == 0, "seeding again");
    is_int(qi("SELECT count(*) FROM categories"), 8, "seeding twice adds nothing");
    long long blurry = cid_of(st, "blurry"), misl = cid_of(st, "mislabeled");
    long long h0 = store_history_last(st, &e);
    is_int(h0, 1, "one history row for the seed");

    /* ---- tag, untag, undo ---- */
    ok(store_tag(st, a, blurry, 1, "ann", &e) == 0, "tag");
    is_str(q("SELECT reviewer||' '||time FROM tags"), "ann 2026-01-02T03:04:05Z", "tag row");
    is_str(q("SELECT reviewer FROM reviews WHERE sid=1"), "ann", "tagging reviews it");
    is_str(q("SELECT action||' '||detail FROM history ORDER BY hid DESC LIMIT 1"),
           "tag {\"cid\":2,\"name\":\"blurry\",\"review_created\":true}", "tag history row");
    long long h1 = store_history_last(st, &e);
    ok(store_tag(st, a, blurry, 1, "ann", &e) == 0, "tag again");
    is_int(store_history_last(st, &e), h1, "tagging a tagged example records nothing");
    ok(store_tag(st, a, blurry, 0, "ann", &e) == 0, "untag");
    is_int(qi("SELECT count(*) FROM tags"), 0, "untagged");
    is_int(qi("SELECT count(*) FROM reviews"), 1, "still reviewed");
    char what[200];
    long long usid = 0;
    is_int(store_undo(st, "bob", 0, &usid, what, sizeof what, &e), 1,
           "bob has nothing to undo");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo untag");
    is_str(what, "tagged again blurry on a", "undo untag says");
    is_int(usid, a, "undo tells the example");
    is_str(q("SELECT reviewer||' '||time FROM tags"), "ann 2026-01-02T03:04:05Z",
           "the tag is back as it was");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo tag");
    is_str(what, "untagged blurry on a", "undo tag says");
    is_int(qi("SELECT count(*) FROM tags") + qi("SELECT count(*) FROM reviews"), 0,
           "tag gone, and the review it created");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 1, "nothing left to undo");
    is_str(q("SELECT group_concat(action, ',') FROM history WHERE hid>1"),
           "tag,untag,undo,undo", "the history keeps every step");

    /* all or nothing over names */
    char n_blurry[] = "blurry", n_nope[] = "nope", n_dark[] = "dark";
    char *names[] = {n_blurry, n_nope};
    int changed[2] = {9, 9};
    ok(store_tag_names(st, a, names, 2, 1, "ann", changed, &e) < 0, "an unknown name fails");
    is_str(e.msg, "unknown category 'nope'; 'eyeball categories' lists them, "
                  "'eyeball categories add nope' adds it", "unknown category message");
    is_int(qi("SELECT count(*) FROM tags"), 0, "and nothing was tagged");
    names[1] = n_dark;
    ok(store_tag_names(st, a, names, 2, 1, "ann", changed, &e) == 0, "tag two by name");
    is_int(changed[0] + changed[1], 2, "both changed");
    ok(store_tag_names(st, a, names, 1, 0, "ann", changed, &e) == 0 && changed[0] == 1,
       "untag one by name");

    /* ---- notes ---- */
    long long b = sid_of(st, "b");
    ok(store_note(st, b, "hello", "ann", &e) == 0, "note");
    ok(store_note(st, b, "bye", "ann", &e) == 0, "note changed");
    is_str(q("SELECT note FROM reviews WHERE sid=2"), "bye", "note stored");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo note");
    is_str(q("SELECT note FROM reviews WHERE sid=2"), "hello", "previous note back");
    is_str(what, "restored the previous note of b", "undo note says");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo first note");
    is_int(qi("SELECT count(*) FROM reviews WHERE sid=2"), 0, "note and review gone");
    ok(store_mark_reviewed(st, b, "ann", &e) == 0, "mark reviewed");
    is_int(qi("SELECT count(*) FROM reviews WHERE sid=2 AND note IS NULL"), 1, "marked");
    long long h2 = store_history_last(st, &e);
    ok(store_mark_reviewed(st, b, "ann", &e) == 0 && store_history_last(st, &e) == h2,
       "marking twice records nothing");
    is_int(store_undo(st, "ann", h2, &usid, what, sizeof what, &e), 1,
           "since_hid hides older changes");
    is_int(store_undo(st, "ann", h2 - 1, &usid, what, sizeof what, &e), 0, "undo mark");
    is_str(what, "b is no longer marked reviewed", "undo mark says");

    /* ---- fixes and duplicates ---- */
    fix_outcome_t out;
    ok(store_fix_ex(st, a, "dog", "looks like a dog", 0, "ann", &out, &e) == 0, "fix a (%s)",
       e.msg);
    is_int(out.action, FIX_STAGED, "staged");
    is_int(out.ncopies, 1, "one copy changed (f says dog already)");
    is_str(out.ncopies ? out.copies[0] : NULL, "e", "the copy is e");
    store_fix_outcome_free(&out);
    is_str(q("SELECT group_concat(fid||':'||id||':'||old_label||'>'||new_label||':'||status||"
             "':'||coalesce(origin,'-')||':'||coalesce(note,'-'), ' ') FROM (SELECT * FROM "
             "fixes JOIN samples s USING(sid) ORDER BY fid)"),
           "1:a:cat>dog:staged:-:looks like a dog 2:e:cat>dog:staged:1:looks like a dog",
           "fix and its copy");
    is_str(q("SELECT group_concat(c.name, ',') FROM tags t JOIN categories c USING(cid) "
             "WHERE sid=1"),
           "mislabeled,dark", "mislabeled ticked");
    is_int(qi("SELECT count(*) FROM reviews WHERE sid IN (5,6)"), 0,
           "copies are not marked reviewed");
    ok(store_fix_ex(st, a, "bird", NULL, 0, "ann", &out, &e) == 0, "fix a again");
    is_str(out.prev, "dog", "it replaced the dog fix");
    is_int(out.ncopies, 2, "both copies changed");
    store_fix_outcome_free(&out);
    is_str(q("SELECT group_concat(fid||':'||sid||':'||new_label||':'||status||':'||"
             "coalesce(origin,'-'), ' ') FROM (SELECT * FROM fixes ORDER BY fid)"),
           "1:1:dog:withdrawn:- 2:5:dog:withdrawn:1 3:1:bird:staged:- 4:5:bird:staged:3 "
           "5:6:bird:staged:3",
           "previous fixes withdrawn, new ones staged for all copies");
    is_str(q("SELECT group_concat(action||':'||sid||':'||coalesce(json_extract(detail,'$.part_of'),"
             "'-'), ' ') FROM (SELECT * FROM history WHERE hid >= (SELECT hid FROM history "
             "WHERE action='fix' AND json_extract(detail,'$.fid')=3) ORDER BY hid)"),
           "fix:1:- withdraw:5:17 fix:5:17 fix:6:17 withdraw:1:17",
           "one history row per example, the extra ones part of the first");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo the bird fix");
    is_str(what, "withdrew the fix of a to 'bird'; the fix to 'dog' is staged again",
           "undo fix says");
    is_str(q("SELECT group_concat(fid||':'||status, ' ') FROM "
             "(SELECT * FROM fixes ORDER BY fid)"),
           "1:staged 2:staged 3:withdrawn 4:withdrawn 5:withdrawn", "dog fixes are back");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1 AND cid=1"), 1, "mislabeled stays ticked");

    ok(store_fix_withdraw_ex(st, a, "ann", &out, &e) == 0, "withdraw");
    is_int(out.action, FIX_WITHDRAWN, "withdrawn");
    is_int(out.ncopies, 1, "with its copy");
    store_fix_outcome_free(&out);
    is_str(q("SELECT group_concat(fid||':'||status, ' ') FROM "
             "(SELECT * FROM fixes WHERE fid<3 ORDER BY fid)"),
           "1:withdrawn 2:withdrawn", "fix and copy withdrawn");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1 AND cid=1"), 0,
           "the mislabeled tick the fix made is cleared");
    ok(store_fix_withdraw(st, a, "ann", &e) < 0 && e.code == EXIT_USER,
       "nothing staged to withdraw");
    is_str(e.msg, "'a' has no staged fix to withdraw", "withdraw message");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo withdraw");
    is_str(what, "staged the fix of a to 'dog' again", "undo withdraw says");
    is_str(q("SELECT group_concat(fid||':'||status, ' ') FROM "
             "(SELECT * FROM fixes WHERE fid<3 ORDER BY fid)"),
           "1:staged 2:staged", "staged again");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1 AND cid=1"), 1, "mislabeled ticked again");

    /* A fix that replaced another inherits its mislabeled tick. */
    ok(store_fix(st, a, "bird", NULL, 0, "ann", &e) == 0, "replace the dog fix by bird");
    ok(store_fix_ex(st, a, "cat", NULL, 0, "ann", &out, &e) == 0 &&
           out.action == FIX_WITHDRAWN,
       "fixing to the current label withdraws");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1 AND cid=1"), 0,
           "the tick made by the replaced fix is cleared too");
    store_fix_outcome_free(&out);
    is_int(qi("SELECT count(*) FROM fixes WHERE status='staged'"), 0, "nothing staged");
    long long h3 = store_history_last(st, &e);
    ok(store_fix(st, a, "cat", NULL, 0, "ann", &e) < 0 && e.code == EXIT_USER,
       "fixing to the current label with nothing staged is refused");
    is_str(e.msg, "'a' already has the label 'cat'; nothing to fix", "its message");
    ok(store_fix(st, a, "fox", NULL, 0, "ann", &e) < 0 && e.code == EXIT_USER,
       "an unknown label is refused");
    is_str(e.msg, "'fox' is not a label of the dataset ('eyeball status' lists the labels); "
                  "check the spelling, or pass --new-label to introduce it",
           "unknown label message");
    ok(store_fix(st, a, "", NULL, 1, "ann", &e) < 0, "an empty label is refused");
    ok(store_fix(st, a, "f\033x", NULL, 1, "ann", &e) < 0, "a control character is refused");
    is_int(store_history_last(st, &e), h3, "refusals record nothing");
    ok(store_fix(st, a, "fox", NULL, 1, "ann", &e) == 0, "a new label when allowed");
    ok(store_fix(st, b, "fox", NULL, 0, "ann", &e) == 0, "a staged new label is known");
    ok(store_fix_ex(st, b, "fox", NULL, 0, "ann", &out, &e) == 0 && out.action == FIX_UNCHANGED,
       "the same fix again changes nothing");
    store_fix_outcome_free(&out);
    sqlite3_exec(db, "UPDATE fixes SET status='applied' WHERE sid=2 AND status='staged'", NULL,
                 NULL, NULL);
    long long h4 = store_history_last(st, &e);
    ok(store_undo(st, "ann", 0, &usid, what, sizeof what, &e) < 0 && e.code == EXIT_USER,
       "an applied fix cannot be undone");
    is_str(e.msg, "cannot undo the fix of 'b' to 'fox': it has been applied since; fix the "
                  "label again instead", "its message");
    is_int(store_history_last(st, &e), h4, "the failed undo records nothing");

    /* ---- the sample view ---- */
    sample_view_t v;
    ok(store_sample_view(st, a, 1, &v, &e) == 0, "view a");
    is_str(v.id, "a", "view id");
    is_str(v.pred, "dog", "view pred");
    ok(v.confidence > 0.59 && v.confidence < 0.61, "view confidence");
    is_int(v.ntop, 3, "three classes");
    is_str(v.ntop == 3 ? v.top_labels[0] : NULL, "dog", "best first");
    is_str(v.ntop == 3 ? v.top_labels[2] : NULL, "bird", "worst last");
    ok(v.ntop == 3 && v.top_probs[1] > 0.29 && v.top_probs[1] < 0.31, "second prob");
    is_int(v.reviewed, 1, "reviewed");
    is_str(v.reviewer, "ann", "reviewer");
    is_int(v.ntags, 2, "two tags");
    ok(v.ntags == 2 && v.tags[0] == misl, "tags in category order");
    is_str(v.staged_label, "fox", "staged label");
    is_str(v.applied_label, NULL, "nothing applied");
    is_str(v.hash, "h1", "hash");
    is_int(v.ncopies, 2, "two copies");
    store_sample_view_free(&v);
    ok(store_sample_view(st, b, 1, &v, &e) == 0, "view b");
    is_str(v.applied_label, "fox", "applied label");
    is_int(v.ncopies, 0, "no hash, no copies");
    store_sample_view_free(&v);
    ok(store_sample_view(st, sid_of(st, "d"), 1, &v, &e) == 0, "view d");
    ok(v.pred == NULL && v.ntop == 0 && v.confidence < 0 && !v.reviewed, "no prediction");
    store_sample_view_free(&v);
    ok(store_sample_view(st, 999, 1, &v, &e) < 0 && e.code == EXIT_USER, "unknown sid");

    /* ---- category changes and their undo ---- */
    long long cid = 0;
    ok(store_category_add(st, "glare", NULL, &cid, &e) == 0 && cid > 0, "add");
    is_str(q("SELECT key FROM categories WHERE name='glare'"), "9", "first free key");
    ok(store_category_add_by(st, "tilted", NULL, "ann", &cid, &e) == 0, "add by ann");
    is_str(q("SELECT key FROM categories WHERE name='tilted'"), "a", "then letters");
    ok(store_category_add(st, "x1", "j", NULL, &e) < 0, "reserved key refused");
    ok(strstr(e.msg, "key 'j' is used by the review screen itself") != NULL, "reserved message");
    ok(store_category_add(st, "x1", "2", NULL, &e) < 0, "taken key refused");
    is_str(e.msg, "key '2' is taken by category 'blurry'; choose another key or leave --key "
                  "out to get a free one", "taken key message");
    ok(store_category_add(st, "x1", "ab", NULL, &e) < 0, "two-letter key refused");
    ok(store_category_add(st, "glare", NULL, NULL, &e) < 0, "existing name refused");
    is_str(e.msg, "category 'glare' exists already; 'eyeball categories' lists them",
           "existing name message");
    ok(store_category_add(st, "a;b", NULL, NULL, &e) < 0, "';' refused");
    ok(store_category_add(st, "", NULL, NULL, &e) < 0, "empty name refused");
    ok(store_category_rename(st, "tilted", "glare", &e) < 0, "rename onto a name refused");
    ok(store_category_rename(st, "nope", "other", &e) < 0 && e.code == EXIT_USER,
       "rename of an unknown category refused");
    ok(store_category_rename(st, "tilted", "rotated", &e) == 0, "rename");
    is_int(store_undo(st, "ann", 0, &usid, what, sizeof what, &e), 0, "undo add by ann");
    is_str(what, "removed category 'rotated'", "ann's add is undone under its new name");
    is_int(cid_of(st, "rotated"), 0, "gone");
    ok(store_tag(st, a, cid_of(st, "glare"), 1, "ann", &e) == 0, "tag glare");
    ok(store_category_rm(st, "glare", 0, &e) < 0, "rm of a used category refused");
    is_str(e.msg, "category 'glare' is ticked on 1 example; untag it first, or pass --force to "
                  "remove it with its tags", "rm message");
    ok(store_category_rm(st, "glare", 1, &e) == 0, "rm --force");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1"), 2, "its tag went with it");
    const char *me = util_reviewer();
    is_int(store_undo(st, me, 0, &usid, what, sizeof what, &e), 0, "undo rm");
    is_str(what, "restored category 'glare' with its 1 tag", "undo rm says");
    is_str(q("SELECT key||position FROM categories WHERE name='glare'"), "99", "key and place");
    is_int(qi("SELECT count(*) FROM tags WHERE sid=1"), 3, "the tag is back");

    /* ---- read-only, append-only ---- */
    store_t *ro = store_open(path, STORE_READONLY, &e);
    ok(ro && store_tag(ro, a, blurry, 1, "ann", &e) < 0 && e.code == EXIT_USER,
       "a read-only store refuses changes");
    ok(strstr(e.msg, "read-only") != NULL, "and says so");
    store_close(ro);
    ok(sqlite3_exec(db, "UPDATE history SET action='x'", NULL, NULL, NULL) != SQLITE_OK,
       "history cannot be updated");
    ok(sqlite3_exec(db, "DELETE FROM history", NULL, NULL, NULL) != SQLITE_OK,
       "history cannot be deleted");

    sqlite3_close(db);
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
