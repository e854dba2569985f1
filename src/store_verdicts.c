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
    "  OR (NEW.action IN ('fix','concur') AND mislabeled) ON CONFLICT DO NOTHING;\n"
    " DELETE FROM verdict_tags WHERE sid = NEW.sid AND reviewer = coalesce(NEW.reviewer, '')"
    "  AND ((NEW.action = 'untag' AND cid = json_extract(NEW.detail, '$.cid'))"
    "  OR (NEW.action = 'withdraw' AND cid IN (SELECT json_extract(value, '$.cid')"
    "  FROM json_each(NEW.detail, '$.unticked'))));\n"
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
