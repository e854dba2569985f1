/* near_text.c: near-duplicate warnings for status and report. */
#include "config.h"
#include "near_text.h"
#include "util.h"

void near_text_warnings(FILE *f, const char *prefix, const near_summary_t *ns)
{
    if (!ns->scanned)
        return;
    if (ns->cross)
        fprintf(f, "%snear-duplicate leakage: %lld example%s of dev, test or train-dev %s a "
                "near-twin in train (%lld group%s, distance %d or less); their errors are "
                "not a fair estimate: 'eyeball dups --near --cross-split' lists them\n",
                prefix, ns->cross_eval, util_s(ns->cross_eval),
                ns->cross_eval == 1 ? "has" : "have", ns->cross, util_s(ns->cross),
                ns->distance);
    if (ns->inside)
        fprintf(f, "%snear-duplicates inside dev or test: %lld group%s, %lld example%s beyond "
                "the first of each; the sample is smaller than it looks: 'eyeball dups "
                "--near' lists them\n",
                prefix, ns->inside, util_s(ns->inside), ns->inside_extra,
                util_s(ns->inside_extra));
}

json_t *near_text_json(const near_summary_t *ns)
{
    if (!ns->scanned)
        return json_null();
    return json_pack("{s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "distance", ns->distance,
                     "hashed", (json_int_t)ns->hashed, "groups", (json_int_t)ns->groups,
                     "samples", (json_int_t)ns->members, "cross_split_groups",
                     (json_int_t)ns->cross, "cross_split_eval_samples",
                     (json_int_t)ns->cross_eval, "inside_eval_groups", (json_int_t)ns->inside,
                     "inside_eval_extra_samples", (json_int_t)ns->inside_extra);
}
