#!/usr/bin/env bash
# The hostile-image corpus through the decoder helper: every file gets its reason, a
# crash and a hang in the helper are survived, and the next file decodes.
. "$top_srcdir/tests/cli/lib.sh"
IMGTOOL=$top_builddir/tests/imgtool
export IMGTOOL

sh "$top_srcdir/tests/make_hostile_corpus.sh" corpus
is "corpus made" "$?" 0

c=corpus
EYEBALL_DECODER_CRASH_ON=crash_me EYEBALL_DECODER_HANG_ON=hang_me \
    run "$IMGTOOL" decode --timeout 500 \
    $c/ok.png $c/ok.jpg $c/jpeg_named.png $c/png_named.jpg $c/link.png \
    "$(printf '%s/caf\351.png' $c)" \
    $c/missing.png $c/empty.png $c/truncated.png $c/header_only.png $c/huge.png \
    $c/bomb.png $c/zero_size.png $c/bad_zlib.png $c/text.png $c/junk.png $c/gif.png \
    $c/bmp.jpg $c/webp.png $c/svg.png $c/bad_tables.jpg $c/huffman_overflow.jpg \
    $c/tiny_huge.jpg $c/header_only.jpg \
    $c/cut_in_scan.jpg $c/undefined-huffman-table.jpg $c/dir.png $c/fifo.png $c/loop.png $c/dangling.png \
    $c/device.png $c/ok.png/x.png $c/big.png \
    $c/crash_me.png $c/ok.png $c/hang_me.png $c/ok.png
is "decoder exits normally" "$RC" 0
is "reasons" "$OUT" "ok.png: 64x48
ok.jpg: 64x48
jpeg_named.png: 64x48
png_named.jpg: 64x48
link.png: 64x48
caf\\xe9.png: 64x48
missing.png: missing file
empty.png: empty file (0 bytes)
truncated.png: truncated PNG
header_only.png: truncated PNG
huge.png: 100000x100000 is over the 16384-pixel side limit
bomb.png: 16000x16000 is over the 40-megapixel limit
zero_size.png: corrupt PNG (0x0 pixels)
bad_zlib.png: corrupt PNG (bad zlib header)
text.png: not an image (a text file)
junk.png: not an image (unknown format)
gif.png: GIF is not supported; only PNG and JPEG
bmp.jpg: BMP is not supported; only PNG and JPEG
webp.png: WebP is not supported; only PNG and JPEG
svg.png: SVG is not supported; only PNG and JPEG
bad_tables.jpg: corrupt JPEG (bad DHT header)
huffman_overflow.jpg: corrupt JPEG (bad Huffman table)
tiny_huge.jpg: truncated JPEG
header_only.jpg: truncated JPEG
cut_in_scan.jpg: truncated JPEG
undefined-huffman-table.jpg: corrupt JPEG (a scan uses an undefined Huffman table)
dir.png: a directory, not an image file
fifo.png: a FIFO (named pipe), not an image file
loop.png: symbolic link loop
dangling.png: broken symbolic link
device.png: a device, not an image file
x.png: missing file (a folder on its path is a file)
big.png: file is 65 MB, over the 64 MB limit
crash_me.png: decoder crashed (signal 11)
ok.png: 64x48
hang_me.png: decoding took too long
ok.png: 64x48
decoder starts: 4"

if [ "$(id -u)" = 0 ]; then
    T_N=$((T_N + 1))
    echo "ok $T_N # SKIP unreadable file: root can read anything"
else
    run "$IMGTOOL" decode $c/secret.png
    is "unreadable file" "$OUT" "secret.png: permission denied
decoder starts: 1"
fi
chmod 644 $c/secret.png

# Previews of the same corpus never fail: the image, or a placeholder the size of the box.
run "$IMGTOOL" preview 24 8 $c/ok.jpg
is "preview of a 64x48 JPEG in 24x8" "$(printf '%s\n' "$OUT" | tail -1)" "size 21x8"
for f in gif.png fifo.png loop.png crash_me.png undefined-huffman-table.jpg; do
    EYEBALL_DECODER_CRASH_ON=crash_me run "$IMGTOOL" preview 24 8 $c/$f
    like "placeholder for $f" "$(printf '%s\n' "$OUT" | tail -1)" '^size 24x8: '
done
run "$IMGTOOL" preview 24 8 $c/gif.png
is "placeholder text" "$(printf '%s\n' "$OUT" | sed -n 3,5p)" "│      GIF is not      │
│ supported; only PNG  │
│       and JPEG       │"

done_testing
