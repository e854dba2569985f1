#!/usr/bin/env python3
"""sklearn_compare.py DIR: a data set for comparing 'eyeball train' with scikit-learn,
made here with a fixed seed (make_classification: 3,000 samples, 32 dimensions, 6 classes
of one cluster each, as embeddings of a pretrained network tend to be, 5% of the labels
random), 2,000 train, 500 dev, 500 test. Writes DIR/samples.csv and DIR/emb.csv (the
vectors rounded to float32, as eyeball keeps them) and prints the accuracy in percent of
LogisticRegression(C=0.5) fitted on train, multinomial (scikit-learn's default) and
one-vs-rest with scikit-learn's liblinear solver: "dev 95.20 95.20"."""
import os
import sys

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

out = sys.argv[1]
X, y = make_classification(n_samples=3000, n_features=32, n_informative=12, n_redundant=6,
                           n_classes=6, n_clusters_per_class=1, flip_y=0.05, class_sep=2.0,
                           random_state=3)
X = X.astype(np.float32)
split = np.array(["train"] * 2000 + ["dev"] * 500 + ["test"] * 500)
with open(os.path.join(out, "samples.csv"), "w") as f:
    f.write("id,path,label,split\n")
    for i in range(len(y)):
        f.write("s%04d,s%04d.png,k%d,%s\n" % (i, i, y[i], split[i]))
with open(os.path.join(out, "emb.csv"), "w") as f:
    f.write("id," + ",".join("e%d" % d for d in range(X.shape[1])) + "\n")
    for i in range(len(y)):
        f.write("s%04d," % i + ",".join(repr(float(v)) for v in X[i]) + "\n")
train = split == "train"
X = X.astype(np.float64)
multi = LogisticRegression(C=0.5, max_iter=5000).fit(X[train], y[train])
ovr = LogisticRegression(C=0.5, solver="liblinear").fit(X[train], y[train])
for s in ("dev", "test"):
    m = split == s
    print("%s %.2f %.2f" % (s, 100 * multi.score(X[m], y[m]), 100 * ovr.score(X[m], y[m])))
