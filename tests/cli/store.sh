#!/usr/bin/env bash
# The store: where it is, refusals of files that are not stores, --help and --version.
. "$top_srcdir/tests/cli/lib.sh"

printf 'path,label\na.png,cat\n' > s.csv
unset EYEBALL_DB
eb import samples s.csv
ok "default store is ./eyeball.db" test -f eyeball.db
EYEBALL_DB=$T_DIR/env.db run "$EYEBALL" import samples s.csv
ok "\$EYEBALL_DB chooses the store" test -f env.db
EYEBALL_DB=$T_DIR/env.db run "$EYEBALL" -d "$T_DIR/flag.db" import samples s.csv
ok "-d wins over \$EYEBALL_DB" test -f flag.db
export EYEBALL_DB=$T_DIR/eyeball.db

echo "hello, I am a text file and nothing else, certainly not a database" > notadb
refused "a text file is not a store" 1 "notadb: not an eyeball store" -d notadb status
sqlite3 other.db "CREATE TABLE x(y)"
refused "another program's database is not a store" 1 "other.db: not an eyeball store \(an SQLite database of another program\)" -d other.db import samples s.csv
is "the other database was not touched" "$(sqlite3 other.db .tables)" "x"
cp eyeball.db newer.db
sqlite3 newer.db "PRAGMA user_version=42"
refused "a store from a newer eyeball" 1 "newer.db: written by a newer eyeball \(schema 42" -d newer.db status
refused "a store in a missing directory" 1 "does not exist" -d "$T_DIR/no/dir/x.db" import samples s.csv
ok "nothing created there" test ! -e "$T_DIR/no"

eb --version
like "--version" "$OUT" "^eyeball [0-9]+\.[0-9]+\.[0-9]+$"
eb --help
like "--help lists import" "$OUT" "eyeball import samples FILE"
for c in $("$EYEBALL" --help | awk '/^  eyeball /{print $2}' | sort -u); do
    run "$EYEBALL" "$c" --help
    is "eyeball $c --help succeeds" "$RC" 0
    like "eyeball $c --help starts with usage" "$OUT" "^usage: eyeball $c"
done
# The man page and the README describe every command, in the same words as --help.
man=$top_srcdir/man/eyeball.1
readme=$top_srcdir/README.md
"$EYEBALL" --help | sed -n 's/^  eyeball //p' | while IFS= read -r syn; do
    plain=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\|/|/g' "$man" | tr -s ' ')
    if printf '%s\n' "$plain" | grep -qF -- "$syn"; then echo "ok - man page has: $syn"; else echo "not ok - man page lacks: $syn"; fi
    if grep -qF -- "$syn" "$readme"; then echo "ok - README has: $syn"; else echo "not ok - README lacks: $syn"; fi
done > syn.tap
while IFS= read -r line; do
    case $line in
    ok*) _t_result 0 "${line#ok - }" ;;
    *) _t_result 1 "${line#not ok - }" ;;
    esac
done < syn.tap
done_testing
