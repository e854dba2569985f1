#!/usr/bin/env python3
"""blobs.py DIR: a small data set for tests/cli/train.sh, the same on every machine
(Python's own random with a fixed seed; no numpy). Three classes of 8-dimensional
points around far-apart centres: 90 train, 30 dev, 30 test samples, ids x000..x149.
Three labels are wrong on purpose: x005 (train) and x091, x092 (dev) carry the next class's
label. x149 gets no embedding. Writes DIR/samples.csv and DIR/emb.csv."""
import os
import random
import sys

out = sys.argv[1]
rng = random.Random(7)
dim, k = 8, 3
centres = [[10.0 * (d == c) - 3.0 * (d == c + 3) for d in range(dim)] for c in range(k)]
wrong = {5, 91, 92}
with open(os.path.join(out, "samples.csv"), "w") as s, open(os.path.join(out, "emb.csv"), "w") as e:
    s.write("id,path,label,split\n")
    e.write("id," + ",".join("e%d" % d for d in range(dim)) + "\n")
    for i in range(150):
        c = i % k
        split = "train" if i < 90 else "dev" if i < 120 else "test"
        label = (c + 1) % k if i in wrong else c
        s.write("x%03d,x%03d.png,c%d,%s\n" % (i, i, label, split))
        if i != 149:
            v = [centres[c][d] + rng.gauss(0, 1) for d in range(dim)]
            e.write("x%03d," % i + ",".join("%.5f" % x for x in v) + "\n")
