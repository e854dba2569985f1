# uilib.sh: driving the review UI from a test, step by step. Source it after
# tests/cli/lib.sh.
#
# Headless (no terminal): the UI reads its key script from a FIFO the test writes to, so
# the test can act between two keys (run a command, kill the UI, fill the disk) and wait
# for a screen dump instead of sleeping. A "dump" line is only read once the keys before
# it are done and drawn, so a dump that arrives proves the earlier keys were handled.
#
# In tmux: the real binary in a real terminal (escape sequences, colours, SIGKILL), on a
# private tmux server (tmux -L) that the test's exit tears down.

UI_SIZE=${UI_SIZE:-80x24}

# ui_start NAME FD ARGS...: starts "eyeball ARGS" headless in the background; keys from
# the FIFO NAME.keys (held open on descriptor FD, 3-8), screens appended to NAME.dump
# through a pipe (so a file size limit on the UI does not stop them), stdout and stderr
# in NAME.out and NAME.err, the process id in NAME.pid.
UI_FDS=
ui_start() {
    local n=$1 fd=$2 i=0
    shift 2
    rm -f "$n.keys" "$n.dump" "$n.out" "$n.err" "$n.pid" "$n.rc"
    mkfifo "$n.keys"
    : > "$n.dump"
    (
        # Other UIs' key scripts stay open only in the test, or they would never end.
        for f in $UI_FDS; do eval "exec $f>&-"; done
        EYEBALL_KEYS=$n.keys EYEBALL_SCREEN_DUMP=/dev/fd/9 EYEBALL_SCREEN_SIZE=$UI_SIZE \
            "$EYEBALL" "$@" 9>&1 > "$n.out" 2> "$n.err" &
        echo $! > "$n.pid"
        wait $!
        echo $? > "$n.rc"
    ) | cat >> "$n.dump" &
    eval "UI_JOB_$n=\$!"
    eval "exec $fd> \"\$n.keys\""
    eval "UI_FD_$n=$fd"
    UI_FDS="$UI_FDS $fd"
    while [ ! -s "$n.pid" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
}

# ui_send NAME LINE...: sends script lines ("key j", "type text", "resize 60x20").
ui_send() {
    local n=$1 fd
    shift
    eval "fd=\$UI_FD_$n"
    for l in "$@"; do
        printf '%s\n' "$l" >&"$fd"
    done
}

# ui_dumps NAME: how many screens NAME.dump holds.
ui_dumps() { grep -c '^----$' "$1.dump" 2>/dev/null || true; }

# ui_dump NAME [SECONDS]: asks for a dump and waits (default 30 s) until it is written;
# fails when the UI died or did not answer. The screen is then in $SCREEN.
ui_dump() {
    local n=$1 limit=$(( ${2:-30} * 20 )) before i=0
    before=$(ui_dumps "$n")
    ui_send "$n" dump
    while [ "$(ui_dumps "$n")" -le "$before" ]; do
        if ! kill -0 "$(cat "$n.pid")" 2>/dev/null || [ $i -ge $limit ]; then
            echo "# $n: no screen dump (UI gone or stuck)"
            sed 's/^/#   stderr: /' "$n.err" | head -5
            SCREEN=
            return 1
        fi
        sleep 0.05
        i=$((i + 1))
    done
    SCREEN=$(ui_screen "$n")
}

# ui_screen NAME: the last screen dumped.
ui_screen() { awk '/^----$/ { last = cur; cur = ""; next } { cur = cur $0 "\n" }
                   END { printf "%s", last }' "$1.dump"; }

# ui_stop NAME: closes the key script (the UI quits at its end) and waits; the exit
# status is in $RC.
ui_stop() {
    local n=$1 fd job
    eval "fd=\$UI_FD_$n job=\$UI_JOB_$n"
    eval "exec $fd>&-"
    UI_FDS=$(echo " $UI_FDS " | sed "s/ $fd / /")
    wait "$job"
    RC=$(cat "$n.rc" 2>/dev/null || echo "none")
}

# --- tmux ---
TM_SOCK="eyeball-test-$$"
tm() { tmux -L "$TM_SOCK" "$@"; }

# tm_new W H CMD: runs CMD in session t, a new W x H window (closing an earlier t). A
# session "keep" holds the server up between tests, so a new session never races the
# old server's exit.
tm_new() {
    tm has-session -t keep 2>/dev/null || tm new-session -d -s keep -x 20 -y 5 "sleep 3600"
    tm kill-session -t t 2>/dev/null
    tm new-session -d -s t -x "$1" -y "$2" "$3"
}

# tm_wait TEXT [SECONDS] [TARGET]: polls the pane every 50 ms until TEXT shows.
tm_wait() {
    local i=0 limit=$(( ${2:-10} * 20 )) t=${3:-t}
    while [ $i -lt $limit ]; do
        if tm capture-pane -p -t "$t" 2>/dev/null | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    echo "# timed out waiting for: $1"
    tm capture-pane -p -t "$t" 2>/dev/null | sed 's/^/#   | /'
    return 1
}

# tm_kill [TARGET]: SIGKILL to the program in the pane and to its children (the decoder
# helpers die with it: they ask the kernel for that).
tm_kill() {
    local pid
    pid=$(tm list-panes -t "${1:-t}" -F '#{pane_pid}')
    pkill -KILL -P "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
}

# tm_width: the widest line of the pane, in display columns.
tm_width() { tm capture-pane -p -t "${1:-t}" | wc -L; }

# has_tmux: 0 when tmux can be used here.
has_tmux() { command -v tmux >/dev/null 2>&1; }

cleanup_ui() { tm kill-server 2>/dev/null; rm -rf "$T_DIR"; }
trap cleanup_ui EXIT
