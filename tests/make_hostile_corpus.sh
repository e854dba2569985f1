#!/bin/sh
# make_hostile_corpus.sh DIR: writes the hostile-image corpus into DIR (made if needed):
# the byte-level files of `imgtool corpus` (truncated, lying headers, other formats,
# corrupt tables; see tests/imgmake.h), the images that once crashed the fuzzer (kept in
# tests/fuzz/regress/image) and the file-system cases below, made here at test time.
# Needs $IMGTOOL, or $top_builddir holding tests/imgtool; and $top_srcdir.
set -eu
dir=$1
imgtool=${IMGTOOL:-$top_builddir/tests/imgtool}
mkdir -p "$dir"
"$imgtool" corpus "$dir"
cp "$top_srcdir"/tests/fuzz/regress/image/* "$dir"/
cd "$dir"
mkdir -p dir.png                                  # a directory named like an image
[ -p fifo.png ] || mkfifo fifo.png                # opening it for reading would block
ln -sf loop2.png loop.png && ln -sf loop.png loop2.png   # a symbolic link loop
ln -sf nowhere.png dangling.png                   # a link to nothing
ln -sf ok.png link.png                            # a good link
ln -sf /dev/null device.png                       # a character device
cp ok.png "$(printf 'caf\351.png')"               # a name that is not UTF-8
cp ok.png secret.png && chmod 000 secret.png      # unreadable (but not for root)
dd if=/dev/null of=big.png bs=1 seek=68157440 2>/dev/null   # 65 MiB, sparse
