#!/bin/sh
# The review UI under valgrind memcheck: runs the screen tests that drive the UI headless
# (tests/screen/*.sh that use EYEBALL_KEYS) with every "eyeball review" they start
# wrapped in valgrind. Passes when every test passes and valgrind reports no error (invalid reads
# or writes, uninitialised values, bad frees, definite leaks) in any process.
#
# The decoder helper that eyeball starts for images is not followed (--trace-children=no):
# it runs natively, with its memory and CPU limits, which valgrind's own address space
# would not fit; tests/fuzz and the sanitizer build cover it.
#
# Environment (as make check-valgrind sets it): EYEBALL, top_srcdir, top_builddir,
# EYEBALL_DATADIR. VALGRIND_TESTS: the tests to run (default: the screen tests above).
set -u
: "${EYEBALL:?EYEBALL must point to the eyeball binary}"
: "${top_srcdir:?}" "${top_builddir:?}"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
    exit 77
fi
if ldd "$EYEBALL" 2>/dev/null | grep -q 'libasan'; then
    echo "valgrind.sh: $EYEBALL is built with AddressSanitizer; valgrind needs a plain build" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/eyeball-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
real=$EYEBALL
# Only the UI (the review command) runs under valgrind; the commands the tests use to set
# up and check the store run natively, which keeps the run to a few minutes.
cat > "$work/eyeball" <<EOF
#!/bin/sh
ui=
for a in "\$@"; do [ "\$a" = review ] && ui=1; done
[ "\$ui" ] || exec "$real" "\$@"
exec valgrind --tool=memcheck --quiet --error-exitcode=99 --trace-children=no \\
    --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --track-origins=yes --num-callers=30 --log-file="$work/logs/vg.%p.log" \\
    "$real" "\$@"
EOF
chmod +x "$work/eyeball"

tests=${VALGRIND_TESTS:-$(grep -l 'EYEBALL_KEYS' "$top_srcdir"/tests/screen/*.sh | grep -v '/uilib\.sh$')}
failed=0
for t in $tests; do
    name=$(basename "$t")
    start=$(date +%s)
    EYEBALL=$work/eyeball LC_ALL=C.UTF-8 bash "$t" > "$work/$name.log" 2>&1
    rc=$?
    notok=$(grep -c '^not ok' "$work/$name.log")
    nok=$(grep -c '^ok' "$work/$name.log")
    if [ $rc != 0 ] || [ "$notok" != 0 ]; then
        echo "FAIL: $name ($nok passed, $notok failed, exit status $rc, $(( $(date +%s) - start )) s)"
        grep -A8 '^not ok' "$work/$name.log" | head -60
        failed=1
    else
        echo "PASS: $name ($nok passed, $(( $(date +%s) - start )) s)"
    fi
done

# Every process's log: an empty log (with --quiet) means no error.
nlogs=$(ls "$work/logs" | wc -l)
bad=0
for l in "$work"/logs/vg.*.log; do
    [ -s "$l" ] || continue
    bad=$((bad + 1))
    echo "valgrind errors in $(basename "$l"):"
    head -60 "$l"
done
echo "valgrind: $nlogs processes checked, $bad with errors"
[ $bad = 0 ] && [ $failed = 0 ]
