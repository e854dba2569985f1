/* store_review2.c: the pass tally, the "label is right" judgement, redo. */
#include "config.h"
#include "store_review2.h"
#include "store_review_int.h"

#include <stdlib.h>
#include <string.h>

int store_pass_summary(store_t *st, long long pid, long long *reviewed, long long *tagged,
                       long long *fixes, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(r.sid), "
            "count(CASE WHEN EXISTS(SELECT 1 FROM tags t WHERE t.sid=i.sid) THEN 1 END), "
            "count(CASE WHEN EXISTS(SELECT 1 FROM fixes f WHERE f.sid=i.sid AND "
            "f.status='staged') THEN 1 END) "
            "FROM pass_items i LEFT JOIN reviews r USING(sid) WHERE i.pid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, pid);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *reviewed = sqlite3_column_int64(s, 0);
        *tagged = sqlite3_column_int64(s, 1);
        *fixes = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_fail(st, e, "counting the pass's reviews");
}
