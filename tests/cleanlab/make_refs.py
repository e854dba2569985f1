#!/usr/bin/env python3
"""Regenerates the reference outputs of `eyeball suspects` from the real cleanlab.

Usage: make_refs.py CLEANLAB_SOURCE_TREE [OUTDIR]

Writes, for every data set NAME, NAME.samples.csv and NAME.preds.csv (probabilities
rounded to 6 decimals, as eyeball reads them) and NAME.refs: one line per
(filter_by, return_indices_ranked_by) with the ids cleanlab's find_label_issues returns,
in its order. Needs numpy and scikit-learn; cleanlab is imported from the given tree.
"""
import os
import sys

import numpy as np

FILTERS = ["prune_by_noise_rate", "prune_by_class", "both", "confident_learning",
           "predicted_neq_given"]
METHODS = ["self_confidence", "normalized_margin"]


def rounded(p):
    """The probabilities as a CSV with 6 decimals carries them."""
    return np.array([[float("%.6f" % v) for v in row] for row in p])


def digits(seed, flip):
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    x, y = load_digits(return_X_y=True)
    rng = np.random.RandomState(seed)
    # Unequal class sizes and one class with very few examples.
    keep = np.ones(len(y), dtype=bool)
    for c, frac in [(3, 0.5), (7, 0.3), (9, 0.03)]:
        idx = np.flatnonzero(y == c)
        keep[rng.choice(idx, int(len(idx) * (1 - frac)), replace=False)] = False
    x, y = x[keep], y[keep]
    given = y.copy()
    flipped = rng.choice(len(y), int(round(flip * len(y))), replace=False)
    for i in flipped:
        given[i] = (y[i] + rng.randint(1, 10)) % 10
    clf = LogisticRegression(max_iter=200)
    p = cross_val_predict(clf, x / 16.0, given, cv=5, method="predict_proba")
    return given, rounded(p)


def synthetic(seed, n, k, ties):
    rng = np.random.RandomState(seed)
    sizes = rng.dirichlet(np.ones(k) * 2)
    y = rng.choice(k, n, p=sizes)
    logits = rng.normal(0, 1, (n, k))
    logits[np.arange(n), y] += 2.5
    if ties:  # coarse logits: many equal probabilities and equal margins
        logits = np.round(logits * 2) / 2
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    given = y.copy()
    flip = rng.rand(n) < 0.08
    given[flip] = rng.randint(0, k, flip.sum())
    return given, rounded(p)


def datasets():
    yield "digits", digits(7, 0.05)
    yield "digits-b", digits(11, 0.05)
    yield "synth-ties", synthetic(3, 3000, 12, True)
    yield "synth-small", synthetic(5, 200, 4, True)


def main():
    sys.path.insert(0, sys.argv[1])
    import cleanlab
    from cleanlab.filter import find_label_issues
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    for name, (labels, p) in datasets():
        k = p.shape[1]
        ids = ["e%05d" % i for i in range(len(labels))]
        with open(os.path.join(out, name + ".samples.csv"), "w") as f:
            f.write("id,path,label,split\n")
            for i, c in zip(ids, labels):
                f.write("%s,%s.png,c%02d,dev\n" % (i, i, c))
        with open(os.path.join(out, name + ".preds.csv"), "w") as f:
            f.write("id,pred," + ",".join("prob:c%02d" % c for c in range(k)) + "\n")
            for i, row in zip(ids, p):
                f.write("%s,c%02d,%s\n" % (i, int(np.argmax(row)),
                                          ",".join("%.6f" % v for v in row)))
        with open(os.path.join(out, name + ".refs"), "w") as f:
            f.write("# cleanlab %s\n" % cleanlab.__version__)
            for fb in FILTERS:
                for m in METHODS:
                    r = find_label_issues(labels, p, filter_by=fb, return_indices_ranked_by=m,
                                          n_jobs=1)
                    f.write("%s %s %s\n" % (fb, m, " ".join(ids[i] for i in r)))


if __name__ == "__main__":
    main()
