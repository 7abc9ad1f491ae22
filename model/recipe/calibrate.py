"""Fit each suggestion's confidence: the probability that a careful annotator would accept it.

    python -m model.recipe.collect_edits --sets bea cweb --edits-for MODULE:FUNCTION   # model/work/edits.jsonl
    python -m model.recipe.calibrate model/work/edits.jsonl --out model/work/calibration.json \\
        --card model/work/calibration.md

Input: JSON lines, one per edit the checker proposed on a development sentence:
{"set": "bea" | "cweb", "index": i, "source": the sentence as the checker got it,
 "start": s, "end": e (code points), "original": ..., "replacement": ..., "features": {name: value}}.
`index` is the sentence's place in evaluate.set_texts(set) (BEA: A, B, C; CWEB: G, then S).

Label (`label_edits`): the edit alone applied to the source, ERRANT's edits between the
source and that output (tokenized as evaluate.py does), 1 if they all are among the gold
edits of one annotator of the sentence (span and correction), else 0. A row that already
carries "label" keeps it.

Model: logistic regression (numpy, Newton steps, L2 on the weights, not the bias, its
strength chosen from --l2 by cross-validation, nested inside each outer fold) over
standardized numeric features (booleans count 0/1, a missing value counts as the mean) and
one-hot string features (values seen at least `min_count` times; others weigh nothing).
5-fold cross-validation grouped by sentence: every figure reported comes from predictions
on folds the model did not see. The final model is fit on all rows.

Output: the model as JSON for native_host.confidence.Calibrator, the held-out report
(log-loss, AUC, a 5-bin reliability table, precision / recall by threshold and set), and
that report as markdown for the model card.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .paths import SHARED, WORK

GOLD_SETS = ("bea", "cweb")
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# --- labels -------------------------------------------------------------------------------


def apply_edit(row: dict) -> str:
    src, a, b = row["source"], row["start"], row["end"]
    if not (0 <= a <= b <= len(src)) or src[a:b] != row["original"]:
        raise ValueError(f"edit {a}:{b} {row['original']!r} does not match its source {src!r}")
    return src[:a] + row["replacement"] + src[b:]


def _gold_by_annotator(edits) -> list[set[tuple[int, int, str]]]:
    """Each annotator's edits as (start, end, correction); noop and UNK (detection only) left out."""
    coders: dict[int, set] = {}
    for start, end, cat, cor, coder in edits:
        spans = coders.setdefault(coder, set())
        if cat not in ("noop", "UNK"):
            spans.add((start, end, cor))
    return list(coders.values()) or [set()]


def label_edits(rows: list[dict], shared: Path = SHARED) -> list[dict]:
    """Each row with "label" (1 when an annotator would accept the edit alone) and "errant"
    (its ERRANT edits as [start, end, correction]); rows of sets without gold edits are
    dropped. Rows that have a "label" already are kept as they are."""
    from .errant_score import hypothesis_edits, load_annotator
    from .evaluate import Retokenizer, gold_sentences, set_texts

    todo = [r for r in rows if "label" not in r and r["set"] in GOLD_SETS]
    gold = {name: gold_sentences(name, shared) for name in {r["set"] for r in todo}}
    texts = {name: set_texts(name, shared) for name in gold}
    if moved := sum(r["source"] != texts[r["set"]][r["index"]] for r in todo):
        # Another text than evaluate.py's: its tokens may not line up with the gold's, so labels get noisy.
        print(f"calibrate: {moved} of {len(todo)} edits' sources differ from evaluate.set_texts", file=sys.stderr)
    annotator = load_annotator()
    retok = Retokenizer(annotator.nlp.tokenizer)
    sources = [gold[r["set"]][r["index"]].tokens for r in todo]
    hyps = [retok(toks, r["source"], apply_edit(r)) for toks, r in zip(sources, todo)]
    for r, edits in zip(todo, hypothesis_edits(annotator, sources, hyps)):
        found = [(a, b, cor) for a, b, cat, cor, _ in edits if cat != "noop"]
        coders = _gold_by_annotator(gold[r["set"]][r["index"]].edits)
        r["errant"] = [list(e) for e in found]
        r["label"] = int(bool(found) and any(set(found) <= c for c in coders))
    return [r for r in rows if "label" in r]


# --- features -----------------------------------------------------------------------------


@dataclass
class Encoder:
    """Feature dicts -> standardized design matrix (numeric columns, then one-hot columns)."""

    numeric: list[str]
    means: list[float]
    scales: list[float]
    categories: dict[str, list[str]]

    @classmethod
    def fit(cls, feature_dicts: list[dict], min_count: int = 5) -> Encoder:
        strings = sorted({k for f in feature_dicts for k, v in f.items() if isinstance(v, str)})
        numeric = sorted({k for f in feature_dicts for k in f} - set(strings))
        means, scales = [], []
        for name in numeric:
            vals = np.array([float(f[name]) for f in feature_dicts if f.get(name) is not None])
            mean = float(vals.mean()) if len(vals) else 0.0
            scale = float(vals.std()) if len(vals) else 0.0
            means.append(mean)
            scales.append(scale if scale > 1e-9 else 1.0)
        cats = {}
        for name in strings:
            counts = Counter(str(f[name]) for f in feature_dicts if f.get(name) is not None)
            cats[name] = sorted(v for v, n in counts.items() if n >= min_count)
        return cls(numeric, means, scales, cats)

    @property
    def columns(self) -> list[str]:
        return self.numeric + [f"{name}={v}" for name, vocab in self.categories.items() for v in vocab]

    def transform(self, feature_dicts: list[dict]) -> np.ndarray:
        X = np.zeros((len(feature_dicts), len(self.columns)))
        offsets, at = {}, len(self.numeric)
        for name, vocab in self.categories.items():
            offsets[name] = {v: at + i for i, v in enumerate(vocab)}
            at += len(vocab)
        for i, f in enumerate(feature_dicts):
            for j, (name, mean, scale) in enumerate(zip(self.numeric, self.means, self.scales)):
                if f.get(name) is not None and not isinstance(f[name], str):
                    X[i, j] = (float(f[name]) - mean) / scale
            for name, index in offsets.items():
                if (col := index.get(str(f.get(name)))) is not None and f.get(name) is not None:
                    X[i, col] = 1.0
        return X


# --- the model ----------------------------------------------------------------------------


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias minimising the log-loss plus l2/2 * |w|^2 (Newton's method)."""
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    theta[-1] = math.log((y.mean() + 1e-6) / (1 - y.mean() + 1e-6))
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = sigmoid(A @ theta)
        grad = A.T @ (p - y) + penalty * theta
        hess = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


@dataclass
class Calibrator:
    encoder: Encoder
    weights: np.ndarray
    bias: float

    @classmethod
    def fit(cls, features: list[dict], labels, l2: float = 1.0, min_count: int = 5) -> Calibrator:
        enc = Encoder.fit(features, min_count)
        w, b = fit_logistic(enc.transform(features), np.asarray(labels, dtype=float), l2)
        return cls(enc, w, b)

    def predict(self, features: list[dict]) -> np.ndarray:
        return sigmoid(self.encoder.transform(features) @ self.weights + self.bias)

    def to_json(self) -> dict:
        """What native_host.confidence.Calibrator reads."""
        e, k = self.encoder, len(self.encoder.numeric)
        cat_weights, at = {}, k
        for name, vocab in e.categories.items():
            cat_weights[name] = {v: round(float(w), 6) for v, w in zip(vocab, self.weights[at: at + len(vocab)])}
            at += len(vocab)
        return {
            "features": e.numeric, "means": [round(m, 6) for m in e.means], "scales": [round(s, 6) for s in e.scales],
            "weights": [round(float(w), 6) for w in self.weights[:k]],
            "categories": e.categories, "category_weights": cat_weights, "bias": round(self.bias, 6),
        }


# --- cross-validation and the report ------------------------------------------------------


def group_folds(groups: list, k: int = 5, seed: int = 0) -> np.ndarray:
    """A fold number per row; all rows of a group (a sentence) in the same fold."""
    unique = sorted(set(groups), key=str)
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {unique[i]: n % k for n, i in enumerate(order)}
    return np.array([fold_of[g] for g in groups])


def cross_validate(features: list[dict], labels, groups: list, k: int = 5, l2=1.0,
                   min_count: int = 5, seed: int = 0, chosen: list | None = None) -> np.ndarray:
    """Held-out probabilities: each fold's rows predicted by a model fit on the other folds.
    With several `l2` values, each fold picks its own by cross-validation on its training
    rows alone (nested), so the held-out figures stay untouched by the choice; the picks
    are appended to `chosen`."""
    y = np.asarray(labels, dtype=float)
    folds = group_folds(groups, k, seed)
    out = np.zeros(len(y))
    for f in range(k):
        test = folds == f
        if not test.any():
            continue
        train = ~test
        train_x = [x for x, t in zip(features, train) if t]
        penalty = choose_l2(train_x, y[train], [g for g, t in zip(groups, train) if t], l2, k, min_count, seed)
        if chosen is not None:
            chosen.append(penalty)
        model = Calibrator.fit(train_x, y[train], penalty, min_count)
        out[test] = model.predict([x for x, t in zip(features, test) if t])
    return out


def choose_l2(features: list[dict], y, groups: list, grid, k: int = 5, min_count: int = 5, seed: int = 0) -> float:
    """The L2 strength of `grid` with the lowest cross-validated log-loss (a single value as it is)."""
    grid = [grid] if isinstance(grid, (int, float)) else list(grid)
    if len(grid) == 1:
        return float(grid[0])
    losses = [log_loss(y, cross_validate(features, y, groups, k, l2, min_count, seed + 1)) for l2 in grid]
    return float(grid[int(np.argmin(losses))])


def log_loss(y, p) -> float:
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def auc(y, p) -> float:
    """Area under the ROC curve: the chance a random positive scores above a random negative (ties half)."""
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    i = 0
    while i < len(p):  # average ranks over ties
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i: j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y == 1].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def reliability(y, p, bins: int = 5) -> list[dict]:
    """Equal-width bins of predicted confidence: count, mean predicted, observed precision."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = which == b
        rows.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "count": int(m.sum()),
                     "predicted": round(float(p[m].mean()), 4) if m.any() else None,
                     "observed": round(float(y[m].mean()), 4) if m.any() else None})
    return rows


def gold_counts(rows: list[dict], shared: Path, limits: dict[str, int] | None = None) -> dict[str, list]:
    """Per set, each covered sentence's annotators' gold edits (for recall); a set's covered
    sentences are its first `limits[set]`, by default up to the highest index seen."""
    from .evaluate import gold_sentences

    out = {}
    for name in sorted({r["set"] for r in rows if r["set"] in GOLD_SETS}):
        n = (limits or {}).get(name) or 1 + max(r["index"] for r in rows if r["set"] == name)
        out[name] = [_gold_by_annotator(s.edits) for s in gold_sentences(name, shared)[:n]]
    return out


def threshold_table(rows: list[dict], p, gold: dict[str, list] | None = None,
                    thresholds=THRESHOLDS) -> dict[str, list[dict]]:
    """Per set and threshold: edits kept, their precision (share labelled 1), the share of the
    correct edits kept, and (with `gold`) recall against the gold edits, each sentence scored
    against the annotator its kept edits match best (ties: the one with fewer edits)."""
    p = np.asarray(p, dtype=float)
    out = {}
    for name in sorted({r["set"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["set"] == name]
        correct_all = sum(rows[i]["label"] for i in idx)
        table = []
        for t in thresholds:
            kept = [i for i in idx if p[i] >= t]
            good = sum(rows[i]["label"] for i in kept)
            entry = {"threshold": t, "kept": len(kept), "correct": good,
                     "precision": round(good / len(kept), 4) if kept else None,
                     "kept_of_correct": round(good / correct_all, 4) if correct_all else None}
            if gold and name in gold:
                entry["recall"] = _gold_recall([rows[i] for i in kept], gold[name])
            table.append(entry)
        out[name] = table
    return out


def _gold_recall(kept: list[dict], sentences: list[list[set]]) -> float | None:
    found: dict[int, set] = {}
    for r in kept:
        if r["label"] and r["index"] < len(sentences):
            found.setdefault(r["index"], set()).update(map(tuple, r.get("errant", [])))
    matched = total = 0
    for i, coders in enumerate(sentences):
        hits = found.get(i, set())
        m, minus_size = max((len(hits & c), -len(c)) for c in coders)
        matched, total = matched + m, total - minus_size
    return round(matched / total, 4) if total else None


def report(rows: list[dict], held_out, gold=None, folds: int = 5) -> dict:
    y = np.array([r["label"] for r in rows], dtype=float)
    base = float(y.mean())
    return {
        "folds": folds, "edits": len(rows), "sentences": len({(r["set"], r["index"]) for r in rows}),
        "positives": int(y.sum()), "base_rate": round(base, 4),
        "log_loss": round(log_loss(y, held_out), 4), "log_loss_base_rate": round(log_loss(y, np.full(len(y), base)), 4),
        "auc": round(auc(y, held_out), 4),
        "reliability": reliability(y, held_out),
        # Learner essays and web text differ in base rate: one model's calibration on each.
        "reliability_by_set": {name: reliability(y[m], np.asarray(held_out)[m])
                               for name in sorted({r["set"] for r in rows})
                               for m in [np.array([r["set"] == name for r in rows])]},
        "thresholds": threshold_table(rows, held_out, gold),
    }


def markdown(rep: dict, model: dict) -> str:
    lines = [
        (f"Confidence calibration (`model/recipe/calibrate.py`): logistic regression over {len(model['features'])} numeric "
        f"and {len(model['categories'])} categorical features, fit on {rep['edits']} proposed edits of "
        f"{rep['sentences']} development sentences ({rep['positives']} accepted by an annotator, {100 * rep['base_rate']:.1f} %). "
        f"L2 {rep.get('l2', '')} chosen by cross-validation (nested inside each fold for the held-out figures). "
        f"Held out ({rep['folds']} folds grouped by sentence): log-loss {rep['log_loss']:.3f} (a constant base rate: "
        f"{rep['log_loss_base_rate']:.3f}), AUC {rep['auc']:.3f}."),
        "",
        "| predicted confidence | edits | mean predicted | observed precision |",
        "|---|---|---|---|",
    ]
    lines += _reliability_rows(rep["reliability"])
    for name, table in rep.get("reliability_by_set", {}).items():
        lines += ["", f"The same, `{name}` edits only:", "",
                  "| predicted confidence | edits | mean predicted | observed precision |", "|---|---|---|---|"]
        lines += _reliability_rows(table)
    tables = [(f"Held-out edits of `{name}` kept at each threshold:", table) for name, table in rep["thresholds"].items()]
    level_of = {t: name for name, t in rep.get("levels_placed", {}).items()}
    for name, table in rep.get("at_levels", {}).items():
        shipped = ", ".join(f"{level_of[t['threshold']]} {t['threshold']:.2f}" for t in table)
        tables.append((f"Held-out edits of `{name}` at the shipped levels' thresholds ({shipped}):", table))
    for title, table in tables:
        lines += ["", title, "",
                  "| threshold | kept | precision | correct edits kept | recall (gold) |", "|---|---|---|---|---|"]
        for t in table:
            prec = "" if t["precision"] is None else f"{100 * t['precision']:.1f} %"
            kept = "" if t["kept_of_correct"] is None else f"{100 * t['kept_of_correct']:.1f} %"
            rec = "" if t.get("recall") is None else f"{100 * t['recall']:.1f} %"
            lines.append(f"| {t['threshold']:.2f} | {t['kept']} | {prec} | {kept} | {rec} |")
    return "\n".join(lines) + "\n"


def _reliability_rows(bins: list[dict]) -> list[str]:
    rows = []
    for b in bins:
        pred = "" if b["predicted"] is None else f"{100 * b['predicted']:.1f} %"
        obs = "" if b["observed"] is None else f"{100 * b['observed']:.1f} %"
        rows.append(f"| {b['bin']} | {b['count']} | {pred} | {obs} |")
    return rows


def place_levels(rows: list[dict], p, set_name: str, targets: dict[str, float],
                 least_kept: int = 20) -> tuple[dict[str, float], dict[str, dict]]:
    """Each level's threshold: the lowest (on a 0.01 grid) at which the held-out edits of
    `set_name` reach the level's precision, with at least `least_kept` of them kept; then
    "thorough" at 0, which shows everything. Also what each threshold kept, for the card."""
    p = np.asarray(p, dtype=float)
    idx = [i for i, r in enumerate(rows) if r["set"] == set_name]
    correct_all = sum(rows[i]["label"] for i in idx) or 1
    levels, seen = {}, {}
    for name, target in sorted(targets.items(), key=lambda kv: -kv[1]):
        for t in np.arange(0.0, 1.0, 0.01):
            kept = [i for i in idx if p[i] >= t]
            good = sum(rows[i]["label"] for i in kept)
            if len(kept) >= least_kept and good / len(kept) >= target:
                levels[name] = round(float(t), 2)
                seen[name] = {"threshold": levels[name], "kept": len(kept), "precision": round(good / len(kept), 4),
                              "kept_of_correct": round(good / correct_all, 4)}
                break
        else:
            levels[name] = 1.0  # no threshold reaches it: the level shows nothing
    levels["thorough"] = 0.0
    return levels, seen


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("edits", type=Path, help="JSON lines from collect_edits.py")
    ap.add_argument("--out", type=Path, default=WORK / "calibration.json", help="the model for the host")
    ap.add_argument("--report", type=Path, help="the held-out report as JSON (default: beside --out)")
    ap.add_argument("--card", type=Path, help="the report as markdown (default: beside --out)")
    ap.add_argument("--labelled", type=Path, help="also write the rows with their labels here (JSON lines)")
    ap.add_argument("--l2", type=float, nargs="+", default=[0.1, 1.0, 10.0, 100.0],
                    help="L2 strengths to choose from by (nested) cross-validation")
    ap.add_argument("--min-count", type=int, default=5, help="rarest string value to get its own weight")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", nargs="*", metavar="SET=N",
                    help="sentences each set's collection covered, for recall (default: up to the highest index)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--levels-on", default="cweb", help="the set whose held-out precision places the levels")
    ap.add_argument("--level", nargs="*", metavar="NAME=PRECISION", default=["sure=0.6", "balanced=0.4"],
                    help="each sensitivity level: the least held-out precision it must reach (thorough shows all)")
    args = ap.parse_args()

    rows = read_rows(args.edits)
    needs_gold = any("label" not in r for r in rows)
    rows = label_edits(rows, args.shared) if needs_gold else rows
    if args.labelled:
        args.labelled.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    features, labels = [r["features"] for r in rows], [r["label"] for r in rows]
    groups = [(r["set"], r["index"]) for r in rows]
    chosen: list[float] = []
    held_out = cross_validate(features, labels, groups, args.folds, args.l2, args.min_count, chosen=chosen)
    limits = {k: int(v) for k, v in (x.split("=") for x in args.limit or [])}
    gold = gold_counts(rows, args.shared, limits) if (args.shared / "data/eval").is_dir() else None
    rep = report(rows, held_out, gold, args.folds)
    l2 = choose_l2(features, labels, groups, args.l2, args.folds, args.min_count)
    rep["l2_per_fold"], rep["l2"] = chosen, l2
    model = Calibrator.fit(features, labels, l2, args.min_count).to_json()
    targets = {k: float(v) for k, v in (x.split("=") for x in args.level)}
    model["levels"], rep["levels"] = place_levels(rows, held_out, args.levels_on, targets)
    # The held-out figures at the thresholds shipped (the card's honest ones, recall included).
    rep["at_levels"] = threshold_table(rows, held_out, gold, sorted(set(model["levels"].values())))
    rep["levels_placed"] = model["levels"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    (args.report or args.out.with_suffix(".report.json")).write_text(json.dumps(rep, indent=1) + "\n", encoding="utf-8")
    text = markdown(rep, model)
    (args.card or args.out.with_suffix(".md")).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
