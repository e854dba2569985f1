#!/bin/sh
# eyeball suspects against the real cleanlab: for every data set under tests/cleanlab (made by
# tests/cleanlab/make_refs.py), the ids flagged and their order must be exactly those of
# cleanlab's find_label_issues, for every filter and ranking the references hold.
. "$top_srcdir/tests/cli/lib.sh"

D="$top_srcdir/tests/cleanlab"
for refs in "$D"/*.refs; do
    name=$(basename "$refs" .refs)
    export EYEBALL_DB="$T_DIR/$name.db"
    eb import samples "$D/$name.samples.csv"
    is "$name: import samples" "$RC" 0
    eb import preds "$D/$name.preds.csv" --model m
    is "$name: import preds" "$RC" 0
    grep -v '^#' "$refs" >"$T_DIR/refs"
    while read -r filter method ids; do
        if [ "$filter" = prune_by_noise_rate ]; then
            eb suspects --format csv --method "$method"
        else
            eb suspects --format csv --method "$method" --filter-by "$filter"
        fi
        got=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')
        is "$name: $filter, $method: status" "$RC" 0
        is "$name: $filter, $method: the ids and order cleanlab returns" "$got" "$ids"
    done <"$T_DIR/refs"
done
done_testing
