#!/usr/bin/env python3
"""Accuracy and speed of the embedding classifier of event types (`eventfold.events.classify`).

usage: .venv/bin/python bench/classifier.py [--folds 5] [--compare] [--speed 96]

For each language of the example bank (data/examples/<lang>.jsonl) it prints:
  - leave-one-language-out (LOLO): trained on the other nine languages, tested on this one;
    accuracy, macro-F1, and "none" precision/recall;
    "far" repeats the accuracy on the test sentences whose nearest training sentence has cosine
    < 0.90, i.e. that have no near-translation among the other languages' examples;
  - 5-fold cross-validation (stratified by language and label, all languages in training):
    accuracy, macro-F1, "none" precision/recall of this language's held-out sentences.
With --compare, the mean LOLO and CV macro-F1 of the alternatives (softmax without language
centring, nearest centroid, k nearest neighbours). Then the training time, the time of a first
use with cached bank embeddings (measured in a fresh process), and sentences/s of predict().
The bank's embeddings are computed once and cached (see classify.bank_embeddings).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from eventfold.events import classify as C
from eventfold.nlp.embed import embedder

NONE = C.LABEL_INDEX[C.NONE]
FAR = 0.90

# fit(train vectors, label indices, languages, language means) -> scores(vectors, languages): one row per vector
Fit = Callable[[np.ndarray, np.ndarray, list[str], C.LanguageCentres], Callable[[np.ndarray, list[str]], np.ndarray]]


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    scores = []
    for c in np.unique(y_true):
        tp = int(((y_pred == c) & (y_true == c)).sum())
        p = tp / max(int((y_pred == c).sum()), 1)
        r = tp / max(int((y_true == c).sum()), 1)
        scores.append(0.0 if p + r == 0 else 2 * p * r / (p + r))
    return float(np.mean(scores))


def none_pr(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float]:
    tp = int(((y_pred == NONE) & (y_true == NONE)).sum())
    return tp / max(int((y_pred == NONE).sum()), 1), tp / max(int((y_true == NONE).sum()), 1)


# --- the model and the alternatives

def fit_softmax(centre: bool) -> Fit:
    def fit(x, y, langs, centres):
        model = C.train(x, y, langs, centre=centre, centres=centres)
        return lambda v, vl: model.probabilities(v, vl)
    return fit


def unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-9)


def fit_centroid(x, y, langs, centres):
    xc = unit(centres.apply(x, langs))
    means = unit(np.stack([xc[y == c].mean(axis=0) if (y == c).any() else np.zeros(x.shape[1])
                           for c in range(len(C.LABELS))]))
    return lambda v, vl: unit(centres.apply(v, vl)) @ means.T


def fit_knn(x, y, langs, centres, k: int = 10, temperature: float = 0.05):
    xc = unit(centres.apply(x, langs))

    def predict(v, vl):
        sims = unit(centres.apply(v, vl)) @ xc.T
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        votes = np.zeros((len(v), len(C.LABELS)))
        for row in range(len(v)):
            np.add.at(votes[row], y[top[row]], np.exp(sims[row, top[row]] / temperature))
        return votes / votes.sum(axis=1, keepdims=True)
    return predict


METHODS: dict[str, Fit] = {
    "softmax, language-centred (used)": fit_softmax(True),
    "softmax, raw embeddings": fit_softmax(False),
    "nearest centroid": fit_centroid,
    "kNN (k=10)": fit_knn,
}


def folds_of(y: np.ndarray, langs: np.ndarray, n_folds: int, seed: int = 0) -> np.ndarray:
    """Stratified fold index per example (by language and label)."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=int)
    for key in {(lang, label) for lang, label in zip(langs, y, strict=True)}:
        idx = np.flatnonzero((langs == key[0]) & (y == key[1]))
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % n_folds
    return fold


def evaluate(fit: Fit, x: np.ndarray, y: np.ndarray, langs: np.ndarray, n_folds: int,
             centres: C.LanguageCentres) -> tuple[np.ndarray, np.ndarray]:
    """Scores of LOLO and of k-fold CV, one row per example (out of fold)."""
    lolo = np.zeros((len(y), len(C.LABELS)))
    for lang in np.unique(langs):
        test = langs == lang
        scores = fit(x[~test], y[~test], list(langs[~test]), centres)
        lolo[test] = scores(x[test], list(langs[test]))
    cv = np.zeros((len(y), len(C.LABELS)))
    fold = folds_of(y, langs, n_folds)
    for f in range(n_folds):
        test = fold == f
        scores = fit(x[~test], y[~test], list(langs[~test]), centres)
        cv[test] = scores(x[test], list(langs[test]))
    return lolo, cv


def calibration(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[float, float, float]:
    """Mean confidence, accuracy and expected calibration error of out-of-fold probabilities."""
    conf, right = probs.max(axis=1), probs.argmax(axis=1) == y
    edges = np.linspace(0, 1, bins + 1)
    ece = sum(float(m.mean()) * abs(float(right[m].mean()) - float(conf[m].mean()))
              for m in ((conf > a) & (conf <= b) for a, b in zip(edges[:-1], edges[1:], strict=True)) if m.any())
    return float(conf.mean()), float(right.mean()), ece


def far_mask(x: np.ndarray, langs: np.ndarray) -> np.ndarray:
    """True for examples whose most similar example in another language has cosine < FAR."""
    far = np.zeros(len(x), dtype=bool)
    for lang in np.unique(langs):
        test = langs == lang
        far[test] = (x[test] @ x[~test].T).max(axis=1) < FAR
    return far


def cached_first_use() -> float:
    code = ("import time; t = time.perf_counter(); from eventfold.events.classify import EventTypeClassifier; "
            "EventTypeClassifier(); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--compare", action="store_true", help="also evaluate the alternative models")
    ap.add_argument("--speed", type=int, default=96, help="sentences to time predict() on (0: skip)")
    args = ap.parse_args()

    started = time.perf_counter()
    examples, x = C.bank_embeddings(embedder())
    print(f"bank: {len(examples)} examples, embeddings ready in {time.perf_counter() - started:.1f} s")
    y = np.array([C.LABEL_INDEX[e.label] for e in examples])
    langs = np.array([e.lang for e in examples])
    centres = C.LanguageCentres.fit(x, list(langs))
    guessed = np.array(centres.langs)[centres.nearest(x)]
    print(f"language recognised from the embedding: {(guessed == langs).mean():.3f} of the bank")

    lolo_probs, cv_probs = evaluate(METHODS["softmax, language-centred (used)"], x, y, langs, args.folds, centres)
    lolo, cv = lolo_probs.argmax(axis=1), cv_probs.argmax(axis=1)
    far = far_mask(x, langs)
    print(f"\n{'lang':5} {'n':>4} | {'LOLO acc':>8} {'F1':>5} {'far acc':>7} {'(n)':>5} {'none P':>6} {'R':>5}"
          f" | {'CV acc':>6} {'F1':>5} {'none P':>6} {'R':>5}")
    rows = []
    for lang in sorted(set(langs)):
        m = langs == lang
        lp, lr = none_pr(y[m], lolo[m])
        cp, cr = none_pr(y[m], cv[m])
        fm = m & far
        row = ((lolo[m] == y[m]).mean(), macro_f1(y[m], lolo[m]), (lolo[fm] == y[fm]).mean(), lp, lr,
               (cv[m] == y[m]).mean(), macro_f1(y[m], cv[m]), cp, cr)
        rows.append(row)
        print(f"{lang:5} {m.sum():4d} | {row[0]:8.3f} {row[1]:5.3f} {row[2]:7.3f} {fm.sum():5d} {lp:6.3f} {lr:5.3f}"
              f" | {row[5]:6.3f} {row[6]:5.3f} {cp:6.3f} {cr:5.3f}")
    mean = np.mean(rows, axis=0)
    print(f"{'mean':5} {len(y):4d} | {mean[0]:8.3f} {mean[1]:5.3f} {mean[2]:7.3f} {far.sum():5d} {mean[3]:6.3f}"
          f" {mean[4]:5.3f} | {mean[5]:6.3f} {mean[6]:5.3f} {mean[7]:6.3f} {mean[8]:5.3f}")

    for name, probs in (("LOLO", lolo_probs), ("CV", cv_probs)):
        conf, acc, ece = calibration(probs, y)
        print(f"{name} calibration: mean probability {conf:.3f}, accuracy {acc:.3f}, "
              f"expected calibration error {ece:.3f}")
        for threshold in (0.5, 0.8):
            keep = probs.max(axis=1) >= threshold
            right = (probs.argmax(axis=1)[keep] == y[keep]).mean()
            print(f"  probability >= {threshold}: {keep.mean():.2f} of sentences, accuracy {right:.3f}")

    print("\nLOLO precision and recall per label (all languages pooled):")
    for c, label in enumerate(C.LABELS):
        tp = int(((lolo == c) & (y == c)).sum())
        p, r = tp / max(int((lolo == c).sum()), 1), tp / max(int((y == c).sum()), 1)
        print(f"  {label:38} n={int((y == c).sum()):4d}  P {p:.2f}  R {r:.2f}")

    if args.compare:
        print("\nmean over languages: macro-F1 LOLO / CV, accuracy on the far sentences LOLO / CV:")
        for name, fit in METHODS.items():
            s_lolo, s_cv = evaluate(fit, x, y, langs, args.folds, centres)
            m_lolo, m_cv = s_lolo.argmax(axis=1), s_cv.argmax(axis=1)
            f_lolo = np.mean([macro_f1(y[langs == g], m_lolo[langs == g]) for g in sorted(set(langs))])
            f_cv = np.mean([macro_f1(y[langs == g], m_cv[langs == g]) for g in sorted(set(langs))])
            print(f"  {name:34} {f_lolo:.3f} / {f_cv:.3f}   far {(m_lolo[far] == y[far]).mean():.3f}"
                  f" / {(m_cv[far] == y[far]).mean():.3f}")

    t = time.perf_counter()
    C.train(x, y, list(langs))
    print(f"\ntraining on the whole bank: {time.perf_counter() - t:.2f} s")
    print(f"first use with cached embeddings (fresh process, imports included): {cached_first_use():.2f} s")
    if args.speed:
        clf = C.EventTypeClassifier()
        sentences = [e.text for e in examples[:: max(len(examples) // args.speed, 1)]][: args.speed]
        clf.predict(sentences[:4])
        t = time.perf_counter()
        clf.predict(sentences)
        took = time.perf_counter() - t
        print(f"predict(): {len(sentences) / took:.1f} sentences/s ({len(sentences)} sentences, {took:.1f} s)")


if __name__ == "__main__":
    main()
