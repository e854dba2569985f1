#!/usr/bin/env python3
"""Regenerates the reference outputs of `eyeball suspects` from the real cleanlab.

Usage: make_refs.py CLEANLAB_SOURCE_TREE [OUTDIR]

Writes, for every data set NAME, NAME.samples.csv and NAME.preds.csv (probabilities
rounded to 6 decimals, as eyeball reads them) and NAME.refs: one line per
(filter_by, return_indices_ranked_by) with the ids cleanlab's find_label_issues returns,
in its order. Needs numpy and scikit-learn; cleanlab is imported from the given tree.

Comment lines in NAME.refs say what each data set exercises, from cleanlab's own
intermediate results: the (given, true) cells where prune_by_noise_rate's cut falls
between margins less than 1e-5 apart ("near-equal cut"), and the classes whose calibrated
diagonal was 0 and was raised to 1 by _keep_at_least_n_per_class. A data set that is
meant to hold such cases (NEEDS below) and no longer does stops the script.
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


def shifted(x, y):
    """The 8x8 digits and two copies moved one pixel (right, and down): 5,391 images."""
    img = x.reshape(-1, 8, 8)
    right = np.zeros_like(img)
    right[:, :, 1:] = img[:, :, :-1]
    down = np.zeros_like(img)
    down[:, 1:, :] = img[:, :-1, :]
    return np.concatenate([x, right.reshape(-1, 64), down.reshape(-1, 64)]), np.tile(y, 3)


def digits(seed, flip, shift=False, dup=0.0, reg=1.0):
    """sklearn's digits, some classes thinned (one to a handful of examples), a share of the
    labels flipped, out-of-fold probabilities of a logistic regression. shift: the shifted
    copies too (a few thousand examples); dup: that share of the images twice, with the same
    label, as real data sets hold duplicates (equal or near-equal margins at the cuts); reg:
    the inverse regularisation C."""
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    x, y = load_digits(return_X_y=True)
    if shift:
        x, y = shifted(x, y)
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
    if dup:
        d = rng.choice(len(y), int(dup * len(y)), replace=False)
        order = rng.permutation(len(y) + len(d))
        x = np.concatenate([x, x[d]])[order]
        given = np.concatenate([given, given[d]])[order]
    clf = LogisticRegression(max_iter=200 if not shift else 300, C=reg)
    # Shuffled folds for the shifted set, so no fold holds only one copy of the images.
    cv = 5
    if shift:
        from sklearn.model_selection import StratifiedKFold
        cv = StratifiedKFold(5, shuffle=True, random_state=seed)
    p = cross_val_predict(clf, x / 16.0, given, cv=cv, method="predict_proba")
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


# Data sets that must exercise a case: near-equal cuts (at least 2 cells), a raised diagonal.
NEEDS = {"digits-dup": ("cuts", 2), "digits-dup-b": ("cuts", 1)}


def datasets():
    yield "digits-shift", digits(13, 0.05, shift=True)
    yield "digits-dup", digits(17, 0.05, shift=True, dup=0.2)
    yield "digits-dup-b", digits(13, 0.05, shift=True, dup=0.2, reg=10.0)
    yield "digits", digits(7, 0.05)
    yield "digits-b", digits(11, 0.05)
    yield "synth-ties", synthetic(3, 3000, 12, True)
    yield "synth-small", synthetic(5, 200, 4, True)


def cases(labels, p):
    """Comment lines: near-equal cuts and raised diagonals, from cleanlab's own steps."""
    from cleanlab.count import compute_confident_joint
    from cleanlab.filter import _keep_at_least_n_per_class
    k = p.shape[1]
    cj = compute_confident_joint(labels, p)  # calibrated, as find_label_issues computes it
    pcm = _keep_at_least_n_per_class(prune_count_matrix=cj.T, n=1)
    lines, cuts = [], 0
    for g in range(k):
        if np.sum(labels == g) <= 1:
            continue
        rows = p[labels == g]
        for j in range(k):
            m = int(pcm[j][g])
            if j == g or m <= 0 or m >= len(rows):
                continue
            margin = np.sort(rows[:, j] - rows[:, g])[::-1]
            gap = margin[m - 1] - margin[m]
            if gap < 1e-5:
                cuts += 1
                lines.append("# near-equal cut: given c%02d, true c%02d: %d of %d, margins "
                             "%.6f and %.6f" % (g, j, m, len(rows), margin[m - 1], margin[m]))
    raised = [c for c in range(k) if cj[c][c] == 0]
    for c in raised:
        lines.append("# calibrated diagonal 0, raised to 1: c%02d" % c)
    return lines, cuts, len(raised)


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
            f.write("# cleanlab %s, numpy %s\n" % (cleanlab.__version__, np.__version__))
            lines, cuts, raised = cases(labels, p)
            f.write("# %d examples, %d classes\n" % (len(labels), k))
            for line in lines:
                f.write(line + "\n")
            need = NEEDS.get(name)
            if need and (cuts if need[0] == "cuts" else raised) < need[1]:
                sys.exit("make_refs.py: %s no longer holds %d %s" % (name, need[1], need[0]))
            for fb in FILTERS:
                for m in METHODS:
                    r = find_label_issues(labels, p, filter_by=fb, return_indices_ranked_by=m,
                                          n_jobs=1)
                    f.write("%s %s %s\n" % (fb, m, " ".join(ids[i] for i in r)))


if __name__ == "__main__":
    main()
