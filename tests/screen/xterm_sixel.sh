#!/usr/bin/env bash
# Real pixels in a real terminal: the review screen in xterm -ti vt340 (a sixel terminal)
# under Xvfb, keys typed with xdotool, screenshots with xwd. eyeball finds sixel by itself
# (xterm answers the device-attributes query with attribute 4). Checked on the pixels:
# - the image box shows the image: its mean colour matches the image file's and the drawn
#   area has the file's aspect ratio;
# - after moving on, no pixel of the previous image remains anywhere in the window (and
#   the next image is there); the help overlay hides the image, closing it brings it back;
#   Ctrl-L redraws it; the zoom shows it larger.
# Thresholds: the images are flat colours, which chafa's sixel encoder keeps within a few
# levels (measured: at most 2 of 255 per channel in the mean); 10 of 255 leaves room for
# palette rounding while a wrong or missing image is off by 60 or more. A pixel "of" an
# image is one within 12 levels per channel of its colour: nothing else on the screen is
# that close (the screen is black text on white with the UI's own colours).
. "$top_srcdir/tests/cli/lib.sh"

need() {
    for t in "$@"; do
        if ! command -v "$t" >/dev/null 2>&1; then
            echo "1..0 # SKIP $t is not installed (apt-get install xvfb xterm x11-apps imagemagick xdotool)"
            exit 77
        fi
    done
}
need Xvfb xterm xwd xdotool convert python3
if ! convert -version 2>/dev/null | grep -q ImageMagick; then
    echo "1..0 # SKIP convert is not ImageMagick's (apt-get install imagemagick)"
    exit 77
fi

# Two flat images of different shapes and colours: A purple 120x90, B teal 90x120.
py=$top_srcdir/tests/screen/mkpng.py
python3 "$py" a.png 120 90 170 90 200
python3 "$py" b.png 90 120 40 180 160
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\n' > s.csv
printf 'id,pred\na,dog\nb,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
# The pass's order is the seed's: the first item's colour and shape are c1, r1.
eb review --list --seed 3
purple="170 90 200" teal="40 180 160"
if [ "$(printf '%s\n' "$OUT" | sed -n 2p | cut -d, -f2)" = a ]; then
    c1=$purple r1=4/3 c2=$teal r2=3/4
else
    c1=$teal r1=3/4 c2=$purple r2=4/3
fi
ok "review --list shows the pass" test -n "$OUT"

# A private X server on a free display (-displayfd picks one).
Xvfb -displayfd 5 -screen 0 1024x768x24 -nolisten tcp 5> display.txt 2> xvfb.err &
xvfb=$!
i=0
while [ ! -s display.txt ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
export DISPLAY=:$(cat display.txt)
stop_x() { kill "$xterm" "$xvfb" 2>/dev/null; wait 2>/dev/null; }
trap 'stop_x; rm -rf "$T_DIR"' EXIT

cat > inside.sh <<EOF
python3 -c 'import fcntl, termios, struct, sys
r, c, x, y = struct.unpack("HHHH", fcntl.ioctl(1, termios.TIOCGWINSZ, b"\0" * 8))
open("winsize.txt", "w").write("%d %d %d %d" % (c, r, x, y))'
EYEBALL_DB=$EYEBALL_DB "$EYEBALL" review 2> ui.err
echo \$? > ui.rc
EOF
xterm -ti vt340 -xrm 'XTerm*decTerminalID: vt340' -xrm 'XTerm*numColorRegisters: 256' \
    -tn xterm-256color -bw 0 -b 2 -geometry 100x30+0+0 -bg white -fg black -e bash inside.sh &
xterm=$!

# shot NAME: the xterm window (at the screen's top left) as NAME.ppm.
shot() { xwd -root -silent > "$1.xwd" && convert "xwd:$1.xwd" -crop "$winsize+0+0" +repage "$1.ppm"; }

# The analysis, on the screenshot: box x0 y0 x1 y1 in pixels.
cat > px.py <<'EOF'
import sys
def load(path):
    d = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        while d[pos:pos+1].isspace(): pos += 1
        if d[pos:pos+1] == b'#':
            while d[pos:pos+1] != b'\n': pos += 1
            continue
        start = pos
        while not d[pos:pos+1].isspace(): pos += 1
        parts.append(d[start:pos])
    w, h = int(parts[1]), int(parts[2])
    return w, h, d[pos+1:]
def near(p, c, tol=12):
    return all(abs(p[k] - c[k]) <= tol for k in range(3))
cmd, path = sys.argv[1], sys.argv[2]
w, h, px = load(path)
x0, y0, x1, y1 = (int(v) for v in sys.argv[3:7])
pix = lambda x, y: px[(y * w + x) * 3:(y * w + x) * 3 + 3]
if cmd == 'count':            # pixels near colour R G B inside the box
    c = tuple(int(v) for v in sys.argv[7:10])
    x1, y1 = min(x1, w), min(y1, h)
    n = 0
    for y in range(y0, y1):
        row = px[(y * w + x0) * 3:(y * w + x1) * 3]
        for r, g, b in zip(row[0::3], row[1::3], row[2::3]):
            if abs(r - c[0]) <= 12 and abs(g - c[1]) <= 12 and abs(b - c[2]) <= 12:
                n += 1
    print(n)
elif cmd == 'image':          # bounding box of non-white pixels, its size and mean colour
    xs, ys, s, n = [], [], [0, 0, 0], 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            p = pix(x, y)
            if min(p) < 235:
                xs.append(x); ys.append(y)
    if not xs:
        print('none'); sys.exit(0)
    bx0, bx1, by0, by1 = min(xs), max(xs) + 1, min(ys), max(ys) + 1
    for y in range(by0, by1):
        for x in range(bx0, bx1):
            p = pix(x, y); n += 1
            for k in range(3): s[k] += p[k]
    print(bx1 - bx0, by1 - by0, *(round(v / n) for v in s))
EOF

i=0
while [ ! -s winsize.txt ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
read -r cols rows xpix ypix < winsize.txt
is "xterm is 100x30" "$cols $rows" "100 30"
cw=$((xpix / cols)) ch=$((ypix / rows))
ok "xterm tells the cell size in pixels ($cw x $ch)" test "$cw" -gt 0 -a "$ch" -gt 0
# The image box: columns 0 .. 51 (the panel takes 45 of 100 columns, 2 between), rows 1 ..
# 27 (title above, two status rows below); the window has no border and an inner border
# of 2 pixels (-bw 0 -b 2).
bx0=2 by0=$((2 + ch)) bx1=$((2 + 52 * cw)) by1=$((2 + 28 * ch))
win="0 0 $((4 + cols * cw)) $((4 + rows * ch))"
winsize=$((4 + cols * cw))x$((4 + rows * ch))

# wait_colour R G B [min]: screenshots until at least min (1) pixels of that colour show
# in the region (the image box unless region is set), up to 15 s; leaves the last one in
# cur.ppm.
box="$bx0 $by0 $bx1 $by1"
wait_colour() {
    local end=$((SECONDS + 15))
    while [ $SECONDS -lt $end ]; do
        shot cur
        [ "$(python3 px.py count cur.ppm ${region:-$box} "$1" "$2" "$3")" -ge "${4:-1}" ] &&
            return 0
        sleep 0.1
    done
    return 1
}
# wait_gone R G B: the same, until no pixel of that colour is left in the whole window.
wait_gone() {
    local end=$((SECONDS + 5))
    while [ $SECONDS -lt $end ]; do
        shot cur
        [ "$(python3 px.py count cur.ppm $win "$1" "$2" "$3")" = 0 ] && return 0
        sleep 0.1
    done
    return 1
}
keys() { xdotool mousemove 200 200 key --delay 50 "$@"; }
# near C1 C2 C3 R G B: 0 when the colours differ by at most 10 per channel.
near() { python3 -c "import sys; sys.exit(0 if max(abs($1-$4), abs($2-$5), abs($3-$6)) <= 10 else 1)"; }
shape() { python3 -c "import sys; sys.exit(0 if abs($1 / $2 - $3) < 0.08 else 1)"; }

ok "the first image appears in pixels" wait_colour $c1 500
read -r w h r g b <<< "$(python3 px.py image cur.ppm $bx0 $by0 $bx1 $by1)"
ok "its mean colour is the file's within 10 of 255 (drawn $r $g $b, file $c1)" \
    near $r $g $b $c1
ok "it keeps the file's $r1 shape (drawn ${w}x$h)" shape "$w" "$h" "$r1"
ok "it fills the box (${w}x$h in $((bx1 - bx0 - cw))x$((by1 - by0)) pixels)" \
    test "$w" -ge $(( (bx1 - bx0 - cw) * 9 / 10 )) -o "$h" -ge $(( (by1 - by0) * 9 / 10 ))

keys j
ok "j: the next image appears" wait_colour $c2 500
ok "j: no pixel of the previous image remains in the window" wait_gone $c1
read -r w h r g b <<< "$(python3 px.py image cur.ppm $bx0 $by0 $bx1 $by1)"
ok "the second image's mean colour is its file's (drawn $r $g $b, file $c2)" \
    near $r $g $b $c2
ok "it keeps the file's $r2 shape (drawn ${w}x$h)" shape "$w" "$h" "$r2"

keys k
ok "k: back to the first image" wait_colour $c1 500
ok "k: none of the second remains" wait_gone $c2

keys question
ok "? : the help hides the image" wait_gone $c1
keys Escape
ok "closing the help brings it back" wait_colour $c1 500

keys ctrl+l
sleep 0.5
ok "Ctrl-L: the image is drawn again" wait_colour $c1 500

before=$(python3 px.py count cur.ppm $win $c1)
keys z
region=$win
ok "z: the zoom shows the image larger" wait_colour $c1 $((before * 3 / 2))
region=
keys z
keys v
ok "v: the grid shows both images" wait_colour $c2 100
ok "v: ... the first too" wait_colour $c1 100
keys Escape
# Resize the window to 80x24 cells: the image comes back in the new, smaller box and no
# pixel of it is left outside that box.
wid=$(xdotool search --classname xterm | head -1)
xdotool windowsize --usehints "$wid" 80 24
sleep 0.5
cols=80 rows=24
winsize=$((4 + cols * cw))x$((4 + rows * ch))
# The new box: 80 - 36 (panel) - 2 = 42 columns, less the margin: 0 .. 40; rows 1 .. 21.
box="2 $((2 + ch)) $((2 + 41 * cw)) $((2 + 22 * ch))"
ok "resized: the image is drawn again in the new box" wait_colour $c1 500
all=$(python3 px.py count cur.ppm 0 0 $((4 + 100 * cw)) $((4 + 30 * ch)) $c1)
is "resized: none of it outside the new box" "$all" "$(python3 px.py count cur.ppm $box $c1)"
keys q
i=0
while [ ! -s ui.rc ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
is "q quits with status 0" "$(cat ui.rc 2>/dev/null)" 0
is "nothing on stderr" "$(cat ui.err 2>/dev/null)" ""
done_testing
