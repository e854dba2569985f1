#!/usr/bin/env python3
"""train_sklearn.py DIR C FOLDS SEED SOLVERS: scikit-learn doing what 'eyeball train' does,
for bench/train. Reads DIR/samples.csv and DIR/emb.csv (as float32, then float64, as
eyeball keeps them). For each solver in SOLVERS (comma-separated: lbfgs = multinomial,
scikit-learn's default; liblinear = one-vs-rest, the library eyeball uses), fits
LogisticRegression(C) on train, scores dev and test, and computes out-of-fold
probabilities over all samples with FOLDS stratified folds (cross_val_predict, 2 jobs).
Prints one line per solver: "SOLVER DEV_ACC TEST_ACC FIT_SECONDS PEAK_MB" (accuracy in
percent; the time of the fits only, not of reading the files).
'digits DIR SEED' instead writes DIR/samples.csv and DIR/emb.csv from scikit-learn's
bundled digits (1,797 8x8 images, the 64 pixel values as the embedding), split 60/20/20
in an order drawn with SEED."""
import csv
import resource
import sys
import time

import numpy as np

if sys.argv[1] == "digits":
    from sklearn.datasets import load_digits

    out, seed = sys.argv[2], int(sys.argv[3])
    X, y = load_digits(return_X_y=True)
    order = np.random.RandomState(seed).permutation(len(y))
    with open(out + "/samples.csv", "w") as s, open(out + "/emb.csv", "w") as e:
        s.write("id,path,label,split\n")
        e.write("id," + ",".join("p%d" % d for d in range(X.shape[1])) + "\n")
        for rank, i in enumerate(order):
            split = "train" if rank < 0.6 * len(y) else "dev" if rank < 0.8 * len(y) else "test"
            s.write("d%04d,d%04d.png,digit%d,%s\n" % (i, i, y[i], split))
            e.write("d%04d," % i + ",".join("%g" % v for v in X[i]) + "\n")
    sys.exit(0)

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

d, C, folds, seed, solvers = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
split = {}
label = {}
with open(d + "/samples.csv") as f:
    for r in csv.DictReader(f):
        split[r["id"]] = r["split"]
        label[r["id"]] = r["label"]
with open(d + "/emb.csv") as f:
    ids = [line.split(",", 1)[0] for line in f][1:]
X = np.loadtxt(d + "/emb.csv", delimiter=",", skiprows=1,
               usecols=range(1, 1 + len(open(d + "/emb.csv").readline().split(",")) - 1),
               dtype=np.float32).astype(np.float64)
y = np.array([label[i] for i in ids])
sp = np.array([split[i] for i in ids])
for solver in solvers.split(","):
    t = time.perf_counter()
    kw = {"solver": solver, "C": C}
    if solver == "lbfgs":
        kw["max_iter"] = 1000
    clf = LogisticRegression(**kw).fit(X[sp == "train"], y[sp == "train"])
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    cross_val_predict(LogisticRegression(**kw), X, y, cv=cv, method="predict_proba", n_jobs=2)
    secs = time.perf_counter() - t
    acc = [100 * clf.score(X[sp == s], y[sp == s]) for s in ("dev", "test")]
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print("%s %.2f %.2f %.2f %.0f" % (solver, acc[0], acc[1], secs, peak))
