#!/bin/bash
# Text from the data never reaches the terminal as it is: every message that quotes data
# (import errors of each kind, tag, untag, fix, categories, usage errors) and every output
# written to a terminal (review --list, suspects, report and export as CSV and JSON) shows
# ESC, BEL, CSI, OSC, C1 controls and bidi overrides escaped. Output to a pipe or a file
# stays byte for byte.
. "$top_srcdir/tests/cli/lib.sh"

# ESC ] 0 ; ... BEL (OSC: sets the window title), ESC [ 31 m (CSI), U+009B (the C1 CSI),
# U+0085 (NEL), U+202E (right-to-left override), U+2028 (line separator).
P=$(printf 'x\033]0;PWNED\007\033[31m\302\233\302\205\342\200\256\342\200\250y')
# How P reads once escaped.
SAFE='x\e]0;PWNED\x07\e[31m\u{9b}\u{85}\u{202e}\u{2028}y'

# raw TEXT: 0 when TEXT holds a raw ESC, BEL, C1 control or bidi/line-separator character.
raw() {
    printf '%s' "$1" | LC_ALL=C grep -aqP '[\x07\x1b]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]'
}
# clean DESC TEXT [SHOWN]: passes when no raw control is in TEXT and TEXT holds SHOWN
# (default: P escaped; - for a message that does not quote the text).
clean() {
    local shown=${3-$SAFE}
    if raw "$2"; then
        _t_result 1 "$1: no raw control characters"
        printf '%s\n' "$2" | od -c | head -5 | sed 's/^/#   /'
    else
        _t_result 0 "$1: no raw control characters"
    fi
    [ "$shown" = - ] && return
    case $2 in
    *"$shown"*) _t_result 0 "$1: shows the text escaped" ;;
    *) _t_result 1 "$1: shows the text escaped"; printf '%s\n' "$2" | head -3 | sed 's/^/#   got: /' ;;
    esac
}
# msg DESC ARGS...: eyeball ARGS fails with status 1, the store unchanged, and its
# message is clean. SHOWN (default P escaped) is what the message must hold.
msg() {
    local d=$1 before
    shift
    before=$(store_state)
    eb "$@"
    is "$d: status 1, store unchanged" "$RC $(store_state)" "1 $before"
    clean "$d" "$ERR" "${SHOWN-$SAFE}"
}
# tty DESC COMMAND: runs eyeball COMMAND with standard output on a terminal (script(1));
# its output must hold SHOWN (default P escaped).
tty() {
    local d=$1
    shift
    OUT=$(script -qec "$(printf '%q ' "$EYEBALL" "$@")" /dev/null 2>/dev/null </dev/null)
    RC=$?
    is "$d on a terminal: status 0" "$RC" 0
    clean "$d on a terminal" "$OUT" "${SHOWN-$SAFE}"
}

printf 'id,path,label,split\nok,ok.png,cat,dev\n' > good.csv
eb import samples good.csv
is "setup" "$RC" 0

# ---- import errors of each kind ----
printf 'path,label,split\na.png,cat,"%s"\n' "$P" > split.csv
msg "unknown split" import samples split.csv
printf 'id,path,label\n"%s",a.png,cat\n"%s",b.png,cat\n' "$P" "$P" > dupid.csv
msg "duplicate id" import samples dupid.csv
printf 'id,path,label\n"o%s",a.png,cat\n' "$P" > conflict0.csv
EYEBALL_DB=$T_DIR/other.db "$EYEBALL" import samples conflict0.csv >/dev/null
printf 'id,path,label\n"o%s",a.png,dog\n' "$P" > conflict.csv
before=$(store_state)
EYEBALL_DB=$T_DIR/other.db eb import samples conflict.csv
is "id in the store with another label: status 1" "$RC" 1
clean "id in the store with another label" "$ERR"
printf 'path,"%s","%s",label\na.png,1,2,cat\n' "$P" "$P" > dupcol.csv
msg "duplicate column" import samples dupcol.csv
printf '{"path":"a.png","label":"cat","split":"%s"}\n' "$(printf '%s' "$P" | sed 's/\x1b/\\u001b/g; s/\x07/\\u0007/g')" > split.jsonl
msg "unknown split (JSONL)" import samples split.jsonl
printf 'id,pred\nok,"%s"\n' "$P" > label.csv
msg "unknown label" import preds label.csv --model m
printf 'id,pred\n"%s",cat\n' "$P" > sid.csv
msg "unknown sample id" import preds sid.csv --model m
printf 'id,pred,"prob:%s"\nok,cat,1\n' "$P" > probcol.csv
msg "a prob: column" import preds probcol.csv --model m
printf 'id,pred,"Prob:%s"\nok,cat,1\n' "$P" > probcase.csv
msg "a Prob: column" import preds probcase.csv --model m
printf 'id,pred,confidence\nok,cat,"%s"\n' "$P" > conf.csv
msg "a confidence" import preds conf.csv --model m
printf '{"id":"ok","pred":"cat","probs":{"cat":0.5,"%s":0.5}}\n' "$(printf '%s' "$P" | sed 's/\x1b/\\u001b/g; s/\x07/\\u0007/g')" > probs.jsonl
msg "a probs class (JSONL)" import preds probs.jsonl --model m
msg "a file name" import samples "$P.csv"
msg "a format" import samples good.csv --format "$P"

# ---- tag, untag, fix, categories; usage errors ----
msg "tag with an unknown category" tag ok "$P"
msg "tag of an unknown id" tag "$P" blurry
msg "untag with an unknown category" untag ok "$P"
msg "fix of an unknown id" fix "$P" dog
SHOWN=- msg "fix to a label with controls" fix ok "$P"
msg "categories add" categories add "$P"
msg "categories rm" categories rm "$P"
msg "categories rename" categories rename "$P" other
msg "an unknown command" "$P"
msg "an unknown option" "--$P"
msg "an unknown report format" report --format "$P"

# ---- output on a terminal ----
printf 'id,path,label,split,note\n"%s",b.png,dog,dev,"%s"\nc,c.png,cat,dev,\nd,d.png,dog,dev,\n' "$P" "$P" > data.csv
eb import samples data.csv
is "samples with escapes imported" "$RC" 0
printf 'id,pred,prob:cat,prob:dog\nok,dog,0.1,0.9\n"%s",cat,0.8,0.2\nc,cat,0.9,0.1\nd,dog,0.1,0.9\n' "$P" > p.csv
eb import preds p.csv --model "m$P"
is "preds imported" "$RC" 0
clean "import preds names the model" "$OUT"
eb review --list --sample 5 --seed 1
is "review --list to a pipe: status 0" "$RC" 0
is "review --list to a pipe is the data as it is" "$(printf '%s\n' "$OUT" | grep -c -F "$P")" 1
tty "review --list" review --list
tty "suspects --format csv" suspects --format csv --top 10
# JSON escapes ESC and BEL by its own rules (\u001b); the rest is escaped for the terminal.
JSAFE='PWNED\u0007\u001B[31m\u{9b}\u{85}\u{202e}\u{2028}y'
SHOWN=$JSAFE tty "suspects --format json" suspects --format json --top 10
tty "suspects" suspects --top 10
tty "report --format csv" report --format csv
SHOWN=$JSAFE tty "report --format json" report --format json
tty "export samples" export samples
SHOWN=${JSAFE//B/b} tty "export samples --format jsonl" export samples --format jsonl
mkdir "d$P"
cp eyeball.db "d$P/e.db"
eb -d "d$P/e.db" status
is "status of a store whose path holds escapes" "$RC" 0
clean "status names the store" "$OUT"
eb export samples
is "export samples to a pipe is the data as it is" "$(printf '%s\n' "$OUT" | grep -c -F "$P")" 1
done_testing
