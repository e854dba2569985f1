#!/usr/bin/env bash
# The key table drives the UI's help, 'review --keys', the man page and the README:
# every key line must appear in both documents, word for word, and the man page lists the
# keys a category may not take as the store refuses them.
. "$top_srcdir/tests/cli/lib.sh"

eb review --keys
is "review --keys succeeds" "$RC" 0
printf '%s\n' "$OUT" > keys.txt
n=$(wc -l < keys.txt)
ok "the key table has at least 12 entries" test "$n" -ge 12
man=$top_srcdir/man/eyeball.1
readme=$top_srcdir/README.md
while IFS= read -r line; do
    shown=$(printf '%s' "$line" | cut -c1-20 | sed 's/ *$//')
    help=$(printf '%s' "$line" | cut -c22-)
    if grep -qxF ".B $shown" "$man" && grep -qxF -- "$help" "$man"; then
        echo "ok - man page: $shown"
    else
        echo "not ok - man page lacks key '$shown' / '$help'"
    fi
    if grep -qF "| $shown | $help |" "$readme"; then
        echo "ok - README: $shown"
    else
        echo "not ok - README lacks key '$shown' / '$help'"
    fi
done < keys.txt > keys.tap
# The reserved keys the man page lists are those the store refuses, read from the table.
printf 'id,path,label,split\na,a.png,cat,dev\n' > s.csv
eb import samples s.csv
eb categories add other --key q
reserved=$(printf '%s\n' "$ERR" | sed -n 's/.*(keys \(.*\) are reserved).*/\1/p')
ok "the store names the reserved keys" test -n "$reserved"
ok "man page: the reserved keys '$reserved'" grep -qxF ".RB ( \"$reserved\"" "$man"
while IFS= read -r l; do
    case $l in ok*) _t_result 0 "${l#ok - }" ;; *) _t_result 1 "${l#not ok - }" ;; esac
done < keys.tap
done_testing
