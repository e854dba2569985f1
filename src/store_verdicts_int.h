/* store_verdicts_int.h: SQL shared by the store modules that count the team's answer when
 * several reviewers judged an example; never included outside store*.c. */
#ifndef EYEBALL_STORE_VERDICTS_INT_H
#define EYEBALL_STORE_VERDICTS_INT_H

/* Examples judged by two or more reviewers and not adjudicated: sid, n (verdicts). */
#define VERDICT_MULTI                                                                        \
    "SELECT sid, count(*) AS n FROM verdicts WHERE sid NOT IN (SELECT sid FROM decisions)"   \
    " GROUP BY sid HAVING count(*) >= 2"

/* The team's tags as the report counts them (sid, cid): the adjudicator's for a settled
 * example; for one judged by two or more reviewers, the categories a strict majority of
 * them ticked; otherwise the tags as they are. */
#define COUNTED_TAGS                                                                         \
    "(SELECT sid, cid FROM tags WHERE sid NOT IN (SELECT sid FROM decisions)"                \
    " AND sid NOT IN (SELECT sid FROM (" VERDICT_MULTI "))"                                  \
    " UNION ALL SELECT sid, cid FROM decision_tags"                                          \
    " UNION ALL SELECT t.sid, t.cid FROM verdict_tags t JOIN (" VERDICT_MULTI ") m"           \
    " USING(sid) GROUP BY t.sid, t.cid, m.n HAVING 2 * count(*) > m.n)"

/* Examples in dispute (sid): judged by two or more reviewers, not adjudicated, and split
 * evenly on a category, or with no strict majority for one answer on the label (a given
 * new label, or none). */
#define DISPUTED_SIDS                                                                        \
    "(SELECT m.sid FROM (" VERDICT_MULTI ") m WHERE EXISTS(SELECT 1 FROM verdict_tags t"      \
    " WHERE t.sid = m.sid GROUP BY t.cid HAVING 2 * count(*) = m.n)"                         \
    " OR NOT EXISTS(SELECT 1 FROM verdicts v WHERE v.sid = m.sid"                            \
    " GROUP BY coalesce(v.fix, '') HAVING 2 * count(*) > m.n))"

/* Staged fixes (fid) apply must not commit: of an example judged by two or more
 * reviewers and not adjudicated, where no strict majority proposes that new label. */
#define DISPUTED_FIXES                                                                       \
    "(SELECT f.fid FROM fixes f JOIN (" VERDICT_MULTI ") m ON m.sid = f.sid"                 \
    " WHERE f.status = 'staged' AND (SELECT count(*) FROM verdicts v WHERE v.sid = f.sid"    \
    " AND v.fix = f.new_label) * 2 <= m.n)"

#endif
