/* store_verdicts.c: each reviewer's own judgement of an example (a "verdict"), kept beside
 * the team's state tables (reviews, tags, fixes), and the schema step that adds them.
 *
 * The verdict tables are written by triggers on the history table, which every change
 * already goes through (store_review_int.h lists the rows): a tag, untag, fix, withdraw,
 * note, review or label-ok row updates its reviewer's verdict, an undo row puts back the
 * verdict as it was before the undone row (kept in verdict_prev). So the UI, the command
 * line, undo and redo all keep verdicts right without each writing them. */
#include "config.h"
#include "store_verdicts.h"
#include "store_int.h"
#include "store_pass.h"
#include "store_review.h"
#include "store_verdicts_int.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Schema step "verdicts", on top of version 2.
 * verdicts: one row per example and reviewer who judged it; done: the reviewer marked it
 * reviewed (the m or = key, 'eyeball review' in blind mode shows the others' verdicts only
 * then); note: the reviewer's note; fix: the label the reviewer proposed, NULL for none.
 * verdict_tags: the categories each reviewer ticked.
 * verdict_prev: the verdict of (history row's sid, reviewer) just before that row, for
 * undo: existed 0 when there was none; tags a JSON array of cids.
 * decisions / decision_tags: an adjudicator's final answer for an example where reviewers
 * disagree (fix NULL: the label stays).
 * passes.reviewers: how many different reviewers each item of the pass asks for.
 * A version 2 store's judgements become the verdicts of whoever made them, marked done. */
static const char *schema_verdicts =
    "CREATE TABLE verdicts(sid INTEGER NOT NULL REFERENCES samples(sid), reviewer TEXT NOT NULL,"
    " time TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, note TEXT, fix TEXT,"
    " PRIMARY KEY(sid, reviewer)) WITHOUT ROWID;\n"
    "CREATE TABLE verdict_tags(sid INTEGER NOT NULL, reviewer TEXT NOT NULL,"
    " cid INTEGER NOT NULL REFERENCES categories(cid) ON DELETE CASCADE,"
    " PRIMARY KEY(sid, reviewer, cid)) WITHOUT ROWID;\n"
    "CREATE INDEX verdict_tags_cid ON verdict_tags(cid);\n"
    "CREATE TABLE verdict_prev(hid INTEGER PRIMARY KEY, existed INTEGER NOT NULL, done INTEGER,"
    " note TEXT, fix TEXT, tags TEXT);\n"
    "CREATE TABLE decisions(sid INTEGER PRIMARY KEY REFERENCES samples(sid), reviewer TEXT,"
    " time TEXT NOT NULL, fix TEXT, note TEXT);\n"
    "CREATE TABLE decision_tags(sid INTEGER NOT NULL REFERENCES decisions(sid) ON DELETE CASCADE,"
    " cid INTEGER NOT NULL REFERENCES categories(cid) ON DELETE CASCADE,"
    " PRIMARY KEY(sid, cid)) WITHOUT ROWID;\n"
    "ALTER TABLE passes ADD COLUMN reviewers INTEGER NOT NULL DEFAULT 1;\n"
    /* The judgements so far, each by whoever made it. */
    "INSERT INTO verdicts(sid, reviewer, time, done, note, fix)"
    " SELECT r.sid, coalesce(r.reviewer, ''), r.time, 1, r.note,"
    " (SELECT f.new_label FROM fixes f WHERE f.sid = r.sid AND f.status IN ('staged','applied')"
    " ORDER BY f.fid DESC LIMIT 1) FROM reviews r;\n"
    "INSERT INTO verdicts(sid, reviewer, time, done)"
    " SELECT t.sid, t.reviewer, min(t.time), 1 FROM tags t WHERE t.reviewer IS NOT NULL"
    " GROUP BY t.sid, t.reviewer ON CONFLICT DO NOTHING;\n"
    "INSERT INTO verdict_tags(sid, reviewer, cid)"
    " SELECT t.sid, coalesce(t.reviewer, r.reviewer, ''), t.cid FROM tags t"
    " LEFT JOIN reviews r ON r.sid = t.sid ON CONFLICT DO NOTHING;\n"
    /* A change by a reviewer: remember the verdict as it was, then change it. Rows with
     * part_of (a fix copied to exact duplicates) are the team's doing, not a judgement. */
    "CREATE TRIGGER verdict_change AFTER INSERT ON history WHEN NEW.sid IS NOT NULL"
    " AND NEW.action IN ('tag','untag','fix','concur','withdraw','note','review','label-ok')"
    " AND json_extract(NEW.detail, '$.part_of') IS NULL BEGIN\n"
    " INSERT INTO verdict_prev(hid, existed, done, note, fix, tags)"
    "  SELECT NEW.hid, v.sid IS NOT NULL, v.done, v.note, v.fix,"
    "  (SELECT json_group_array(cid) FROM verdict_tags WHERE sid = NEW.sid"
    "   AND reviewer = coalesce(NEW.reviewer, ''))"
    "  FROM (SELECT 1) LEFT JOIN verdicts v ON v.sid = NEW.sid"
    "  AND v.reviewer = coalesce(NEW.reviewer, '');\n"
    " INSERT INTO verdicts(sid, reviewer, time) VALUES(NEW.sid, coalesce(NEW.reviewer, ''),"
    "  NEW.time) ON CONFLICT DO NOTHING;\n"
    " UPDATE verdicts SET time = NEW.time,"
    "  done = CASE WHEN NEW.action IN ('review','label-ok') THEN 1 ELSE done END,"
    "  note = CASE WHEN NEW.action = 'note' THEN json_extract(NEW.detail, '$.note') ELSE note END,"
    "  fix = CASE WHEN NEW.action IN ('fix','concur') THEN json_extract(NEW.detail, '$.new')"
    "  WHEN NEW.action = 'withdraw' THEN NULL ELSE fix END"
    "  WHERE sid = NEW.sid AND reviewer = coalesce(NEW.reviewer, '');\n"
    " INSERT INTO verdict_tags(sid, reviewer, cid)"
    "  SELECT NEW.sid, coalesce(NEW.reviewer, ''), cid FROM categories"
    "  WHERE (NEW.action = 'tag' AND cid = json_extract(NEW.detail, '$.cid'))"
    "  OR (mislabeled AND (NEW.action = 'fix' OR (NEW.action = 'concur'"
    "  AND json_extract(NEW.detail, '$.new') IS NOT NULL))) ON CONFLICT DO NOTHING;\n"
    " DELETE FROM verdict_tags WHERE sid = NEW.sid AND reviewer = coalesce(NEW.reviewer, '')"
    "  AND ((NEW.action = 'untag' AND cid = json_extract(NEW.detail, '$.cid'))"
    "  OR (NEW.action = 'withdraw' AND cid IN (SELECT json_extract(value, '$.cid')"
    "  FROM json_each(NEW.detail, '$.unticked')))"
    "  OR (NEW.action = 'concur' AND json_extract(NEW.detail, '$.new') IS NULL"
    "  AND cid IN (SELECT cid FROM categories WHERE mislabeled)));\n"
    "END;\n"
    /* An undo: the undone row's verdict goes back to its state before that row. Rows made
     * before verdicts were kept have no saved state: their tag or untag is turned back. */
    "CREATE TRIGGER verdict_undo AFTER INSERT ON history WHEN NEW.action = 'undo' BEGIN\n"
    " DELETE FROM verdict_tags WHERE EXISTS(SELECT 1 FROM history h"
    "  JOIN verdict_prev p ON p.hid = h.hid WHERE h.hid = json_extract(NEW.detail, '$.undone')"
    "  AND h.sid = verdict_tags.sid AND coalesce(h.reviewer, '') = verdict_tags.reviewer);\n"
    " INSERT INTO verdict_tags(sid, reviewer, cid)"
    "  SELECT h.sid, coalesce(h.reviewer, ''), j.value FROM history h"
    "  JOIN verdict_prev p ON p.hid = h.hid, json_each(p.tags) j"
    "  WHERE h.hid = json_extract(NEW.detail, '$.undone') AND p.existed"
    "  AND j.value IN (SELECT cid FROM categories) ON CONFLICT DO NOTHING;\n"
    " UPDATE verdicts SET done = p.done, note = p.note, fix = p.fix"
    "  FROM history h JOIN verdict_prev p ON p.hid = h.hid"
    "  WHERE h.hid = json_extract(NEW.detail, '$.undone') AND p.existed"
    "  AND verdicts.sid = h.sid AND verdicts.reviewer = coalesce(h.reviewer, '');\n"
    " DELETE FROM verdicts WHERE EXISTS(SELECT 1 FROM history h"
    "  JOIN verdict_prev p ON p.hid = h.hid WHERE h.hid = json_extract(NEW.detail, '$.undone')"
    "  AND NOT p.existed AND verdicts.sid = h.sid"
    "  AND verdicts.reviewer = coalesce(h.reviewer, ''));\n"
    " DELETE FROM verdict_tags WHERE EXISTS(SELECT 1 FROM history h"
    "  WHERE h.hid = json_extract(NEW.detail, '$.undone') AND h.action = 'tag'"
    "  AND NOT EXISTS(SELECT 1 FROM verdict_prev p WHERE p.hid = h.hid)"
    "  AND h.sid = verdict_tags.sid AND coalesce(h.reviewer, '') = verdict_tags.reviewer"
    "  AND json_extract(h.detail, '$.cid') = verdict_tags.cid);\n"
    " INSERT INTO verdict_tags(sid, reviewer, cid)"
    "  SELECT h.sid, coalesce(h.reviewer, ''), json_extract(h.detail, '$.cid') FROM history h"
    "  WHERE h.hid = json_extract(NEW.detail, '$.undone') AND h.action = 'untag'"
    "  AND NOT EXISTS(SELECT 1 FROM verdict_prev p WHERE p.hid = h.hid)"
    "  AND json_extract(h.detail, '$.cid') IN (SELECT cid FROM categories)"
    "  ON CONFLICT DO NOTHING;\n"
    /* A removed category brought back: its reviewers' ticks come back with it. */
    " INSERT INTO verdict_tags(sid, reviewer, cid)"
    "  SELECT json_extract(j.value, '$[0]'), coalesce(json_extract(j.value, '$[1]'), ''),"
    "  json_extract(h.detail, '$.cid') FROM history h, json_each(h.detail, '$.tags') j"
    "  WHERE h.hid = json_extract(NEW.detail, '$.undone') AND h.action = 'category-rm'"
    "  AND EXISTS(SELECT 1 FROM verdicts v WHERE v.sid = json_extract(j.value, '$[0]')"
    "  AND v.reviewer = coalesce(json_extract(j.value, '$[1]'), ''))"
    "  ON CONFLICT DO NOTHING;\n"
    "END;\n";

int store_verdicts_migrate(store_t *st, err_t *e)
{
    return store_exec(st, schema_verdicts, e);
}

void store_set_blind(store_t *st, const char *reviewer)
{
    free(st->blind);
    st->blind = reviewer ? xstrdup(reviewer) : NULL;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

int store_verdict_overlay(store_t *st, sample_view_t *v, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT done, note, fix FROM verdicts WHERE sid = ?1 AND"
                                    " reviewer = ?2", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, v->sid);
    store_bind_text(s, 2, st->blind);
    int step = store_step(st, s, "reading your verdict", e);
    int done = 0;
    free(v->note);
    free(v->staged_label);
    free(v->reviewer);
    v->note = v->staged_label = v->reviewer = NULL;
    v->reviewed = step > 0;
    if (step > 0) {
        done = sqlite3_column_int(s, 0);
        v->note = col_dup(s, 1);
        v->staged_label = col_dup(s, 2);
        v->reviewer = xstrdup(st->blind);
    }
    sqlite3_finalize(s);
    if (step < 0)
        return -1;
    v->ntags = 0;
    s = store_prepare(st, "SELECT t.cid FROM verdict_tags t JOIN categories c USING(cid)"
                      " WHERE t.sid = ?1 AND t.reviewer = ?2 ORDER BY c.position, c.cid", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, v->sid);
    store_bind_text(s, 2, st->blind);
    while ((step = store_step(st, s, "reading your tags", e)) > 0) {
        v->tags = xreallocarray(v->tags, v->ntags + 1, sizeof *v->tags);
        v->tags[v->ntags++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (step < 0 || (!done && !st->adjudicate))
        return step < 0 ? -1 : 0;
    /* Marked reviewed: the others' verdicts, "alice: blurry, dark → dog; bob: (none)". */
    s = store_prepare(st, "SELECT v.reviewer, (SELECT group_concat(name, ', ') FROM"
                      " (SELECT c.name FROM verdict_tags t JOIN categories c USING(cid)"
                      " WHERE t.sid = v.sid AND t.reviewer = v.reviewer ORDER BY c.position)),"
                      " v.fix, v.note FROM verdicts v WHERE v.sid = ?1 AND v.reviewer <> ?2"
                      " ORDER BY v.reviewer", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, v->sid);
    store_bind_text(s, 2, st->blind);
    strbuf_t b;
    strbuf_init(&b);
    while ((step = store_step(st, s, "reading the other verdicts", e)) > 0) {
        const char *tags = store_col_text(s, 1), *fix = store_col_text(s, 2),
                   *note = store_col_text(s, 3);
        strbuf_addf(&b, "%s%s: %s", b.len ? "; " : "", store_col_text(s, 0),
                    tags ? tags : "(no category)");
        if (fix)
            strbuf_addf(&b, " → %s", fix);
        if (note && *note)
            strbuf_addf(&b, " \"%s\"", note);
    }
    sqlite3_finalize(s);
    if (step < 0) {
        strbuf_done(&b);
        return -1;
    }
    if (b.len) {
        v->others = strbuf_detach(&b);
    } else {
        strbuf_done(&b);
        v->others = xstrdup("none yet");
    }
    return 0;
}

long long store_pass_reviewers(store_t *st, long long pid, err_t *e)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", pid);
    return store_query_int(st, "SELECT coalesce((SELECT reviewers FROM passes"
                           " WHERE pid = CAST(?1 AS INTEGER)), 1)", num, e);
}

int store_pass_set_reviewers(store_t *st, long long pid, long long n, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    sqlite3_stmt *s = store_prepare(st, "UPDATE passes SET reviewers = ?2 WHERE pid = ?1", e);
    int r = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, pid);
        sqlite3_bind_int64(s, 2, n);
        r = store_step(st, s, "asking for more reviewers", e) < 0 ? -1 : 0;
        sqlite3_finalize(s);
    }
    return store_end_tx(st, r, e);
}

int store_refuse_disputed_fixes(store_t *st, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT x.id, f.new_label, (SELECT group_concat("
                                    "v.reviewer || ': ' || coalesce(v.fix, 'no fix'), ', ')"
                                    " FROM verdicts v WHERE v.sid = f.sid) FROM fixes f"
                                    " JOIN samples x ON x.sid = f.sid WHERE f.fid IN "
                                    DISPUTED_FIXES " ORDER BY f.fid", e);
    if (!s)
        return -1;
    strbuf_t b;
    strbuf_init(&b);
    int step, n = 0;
    while ((step = store_step(st, s, "reading the disputed fixes", e)) > 0) {
        if (++n > 5)
            continue;
        char *id = util_sanitize(store_col_text(s, 0)), *who = util_sanitize(store_col_text(s, 2));
        strbuf_addf(&b, "%s%s (%s)", n > 1 ? "; " : "", id, who);
        free(id);
        free(who);
    }
    sqlite3_finalize(s);
    int r = step < 0 ? -1 : 0;
    if (r == 0 && n)
        r = err_set(e, EXIT_USER, "%d staged fix%s disputed: the reviewers do not agree on the "
                    "label (%s%s); settle %s with 'eyeball review --adjudicate', then apply; "
                    "nothing was applied", n, n == 1 ? " is" : "es are", b.buf,
                    n > 5 ? "; ..." : "", n == 1 ? "it" : "them");
    strbuf_done(&b);
    return r;
}

void store_set_adjudicate(store_t *st, const char *reviewer)
{
    store_set_blind(st, reviewer);
    st->adjudicate = reviewer != NULL;
}

/* Examples judged by two or more reviewers, not adjudicated, whose verdicts differ. */
#define DISAGREED                                                                            \
    "SELECT m.sid FROM (" VERDICT_MULTI ") m WHERE EXISTS(SELECT 1 FROM verdict_tags t"       \
    " WHERE t.sid = m.sid GROUP BY t.cid HAVING count(*) < m.n)"                             \
    " OR (SELECT count(DISTINCT coalesce(v.fix, '')) FROM verdicts v WHERE v.sid = m.sid) > 1" \
    " ORDER BY m.sid"

int store_adjudication_start(store_t *st, long long mid, const char *reviewer, long long *pid,
                             err_t *e)
{
    *pid = 0;
    sqlite3_stmt *s = store_prepare(st, DISAGREED, e);
    if (!s)
        return -1;
    long long *sids = NULL;
    size_t n = 0;
    int step;
    while ((step = store_step(st, s, "finding the disagreements", e)) > 0) {
        sids = xreallocarray(sids, n + 1, sizeof *sids);
        sids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (step < 0 || n == 0) {
        free(sids);
        return step < 0 ? -1 : 0;
    }
    int *correct = xcalloc(n, sizeof *correct);
    pass_info_t p = {0};
    p.pid = -1;
    p.mid = mid;
    p.split = (char *)"dev";
    p.kind = (char *)"adjudicate";
    p.sample_n = (long)n;
    p.reviewer = (char *)reviewer;
    int r = store_pass_create(st, &p, sids, correct, NULL, n, pid, e);
    free(sids);
    free(correct);
    return r < 0 ? -1 : 0;
}

int store_verdict_decide_tx(store_t *st, long long sid, const char *now, err_t *e)
{
    if (!st->adjudicate)
        return 0;
    /* The adjudicator's verdict becomes the decision; the team's tags follow it. */
    static const char *const steps[] = {
        "INSERT INTO decisions(sid, reviewer, time, fix, note) SELECT sid, reviewer, ?3, fix,"
        " note FROM verdicts WHERE sid = ?1 AND reviewer = ?2 ON CONFLICT(sid) DO UPDATE SET"
        " reviewer = excluded.reviewer, time = excluded.time, fix = excluded.fix,"
        " note = excluded.note",
        "DELETE FROM decision_tags WHERE sid = ?1",
        "INSERT INTO decision_tags(sid, cid) SELECT sid, cid FROM verdict_tags WHERE sid = ?1"
        " AND reviewer = ?2",
        "DELETE FROM tags WHERE sid = ?1 AND cid NOT IN (SELECT cid FROM decision_tags"
        " WHERE sid = ?1)",
        "INSERT INTO tags(sid, cid, reviewer, time) SELECT sid, cid, ?2, ?3 FROM decision_tags"
        " WHERE sid = ?1 ON CONFLICT DO NOTHING",
        /* The staged fix follows the decision: withdrawn when it differs, the decided one
         * staged when it is not. */
        "UPDATE fixes SET status = 'withdrawn' WHERE sid = ?1 AND status = 'staged' AND"
        " new_label IS NOT (SELECT fix FROM decisions WHERE sid = ?1)",
        "INSERT INTO fixes(sid, old_label, new_label, status, reviewer, time, note)"
        " SELECT ?1, s.label, d.fix, 'staged', ?2, ?3, d.note FROM decisions d JOIN samples s"
        " ON s.sid = d.sid WHERE d.sid = ?1 AND d.fix IS NOT NULL AND d.fix <> s.label"
        " AND NOT EXISTS(SELECT 1 FROM fixes f WHERE f.sid = ?1 AND f.status = 'staged')",
        "INSERT INTO history(time, reviewer, sid, action, detail) SELECT ?3, ?2, ?1, 'decide',"
        " json_object('fix', d.fix, 'tags', (SELECT json_group_array(cid) FROM decision_tags"
        " WHERE sid = ?1)) FROM decisions d WHERE d.sid = ?1",
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        sqlite3_stmt *s = store_prepare(st, steps[i], e);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, sid);
        store_bind_text(s, 2, st->blind);
        store_bind_text(s, 3, now);
        int r = store_step(st, s, "recording the decision", e);
        sqlite3_finalize(s);
        if (r < 0)
            return -1;
    }
    return 0;
}
