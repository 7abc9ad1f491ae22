"""Write the edits a checker proposes on development sentences, with their features, for calibrate.py.

    python -m model.recipe.collect_edits --sets bea cweb [--limit 300]    # the shipped checker's edits
    python -m model.recipe.collect_edits --sets bea cweb --edits-for MODULE:FUNCTION   # another checker's

`edits_for(sentence) -> list[dict]` is the checker's: one dict per proposed edit, with
"start", "end" (code points into the sentence), "original", "replacement" and "features"
({name: number, bool or string}). Each becomes one JSON line:
{"set", "index", "source", "start", "end", "original", "replacement", "features"}, where
`index` is the sentence's place in evaluate.set_texts(set), the sentences evaluate.py gives
`redline correct`, so calibrate.py can find its gold edits.
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from native_host.confidence import crossed

from .paths import SHARED, WORK

FIELDS = ("start", "end", "original", "replacement")
NATIVE_SETS = ("cweb", "native")  # written by fluent writers; bea, jfleg, rules: learners' or made-up errors


def shipped_checker_edits(sentence: str) -> list[dict]:
    """The shipped checker's edits of `sentence`, every one whatever its confidence, with
    the features the host's calibrator reads (native_host/confidence.py)."""
    from native_host.confidence import features, word_counts

    checker = _checker()
    counts, lexicon = word_counts(sentence), checker.load().lexicon.counts
    return [{"start": e.start, "end": e.end, "original": sentence[e.start:e.end], "replacement": e.replacement,
             "features": features(e, sentence, counts, lexicon)} for e in checker.all_edits(sentence)]


_CHECKER = []


def _checker():
    if not _CHECKER:
        from native_host.checker import Checker

        _CHECKER.append(Checker())
    return _CHECKER[0]


def edit_rows(set_name: str, sentences: Iterable[str], edits_for: Callable[[str], list[dict]]):
    """One row per edit `edits_for` proposes on each sentence; an edit whose offsets do not
    match its sentence is an error (a silent shift would mislabel it)."""
    for index, source in enumerate(sentences):
        for edit in edits_for(source):
            a, b = edit["start"], edit["end"]
            if not (0 <= a <= b <= len(source)) or source[a:b] != edit["original"]:
                raise ValueError(f"{set_name} {index}: edit {a}:{b} {edit['original']!r} is not in {source!r}")
            # The text's kind is known here, not to the host, which always says native:
            # the calibrator learns from learner essays too, and shifts for fluent writers' text.
            features = dict(edit.get("features", {})) | {"native": float(set_name in NATIVE_SETS)}
            if "rule" in features:
                features = crossed(features)  # with the text's kind, as the host crosses it with "native"
            yield {"set": set_name, "index": index, "source": source, **{k: edit[k] for k in FIELDS},
                   "features": features}


def collect(sets: dict[str, list[str]], edits_for: Callable[[str], list[dict]], out: Path) -> int:
    """Write the rows of every set to `out`; returns how many."""
    n = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for name, sentences in sets.items():
            for row in edit_rows(name, sentences, edits_for):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n


def load_callable(spec: str) -> Callable:
    """"package.module:function" -> the function."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def main() -> None:
    from .evaluate import set_texts

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["bea", "cweb"], choices=["bea", "cweb", "jfleg", "rules", "native"])
    ap.add_argument("--edits-for", default="model.recipe.collect_edits:shipped_checker_edits", metavar="MODULE:FUNCTION")
    ap.add_argument("--out", type=Path, default=WORK / "edits.jsonl")
    ap.add_argument("--limit", type=int, help="only the first N sentences of each set, in set_texts order "
                                              "(CWEB: CWEB-G comes first)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    edits_for = load_callable(args.edits_for)
    n = collect({name: set_texts(name, args.shared)[: args.limit] for name in args.sets}, edits_for, args.out)
    print(f"{n} edits -> {args.out}")


if __name__ == "__main__":
    main()
