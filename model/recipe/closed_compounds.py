"""Closed compounds that are (nearly) never written apart: the list behind
native_host/lang/en/compounds.py ("short cut" -> "shortcut", "be ware" -> "beware").

    python -m model.recipe.closed_compounds          # writes native_host/lang/en/closed_compounds.txt

A word of the model's lexicon (words.txt) that splits into two words of it, each of two
letters or more, is listed when ../shared/data/corpus (every corpus but the native
sample's documents, prepare_data.corpus_paragraphs) writes it closed at least MIN_CLOSED
times and apart at most OPEN_SHARE of that: "any way" (apart 1 in 3), "every day", "may
be", "in to", "some times" stay out because writers mean the two words too.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from native_host.lexicon import load_counts
from native_host.model_files import default_model_dir

from .paths import ROOT, SHARED
from .prepare_data import corpus_paragraphs

MIN_CLOSED = 50  # times the corpus writes the compound closed
OPEN_SHARE = 0.01  # at most this share as often apart
MIN_PART = 200  # each part written alone, in lower case, at least this often: a word, not "ing" or "des"
MIN_LEXICON = 100_000
# A part that is a suffix or prefix on its own ("use less", "care less", "all owed", "re search"):
# the open form is then often a phrase of its own, or never written; left out.
AFFIXES = {"est", "er", "ers", "ed", "al", "less", "ful", "able", "ness", "ly", "ment", "ments", "ship", "hood",
           "ward", "wards", "th", "ish", "ism", "ist", "age", "ion", "ions", "ant", "ent", "ous", "ive", "ing", "ings",
           "son", "ton", "tin", "den", "man", "men", "re", "un", "pre", "per", "pro", "con", "com", "dis", "sub",
           "el", "la", "le", "ve", "ab", "ad", "ac", "de", "ex", "im", "il", "ir", "en", "em", "es",
           "owed", "led", "red", "bed", "ted", "some", "self"}
TWO_LETTER_WORDS = {"be", "up", "in", "on", "to", "do", "no", "go", "so", "by", "my", "we", "he", "me", "at", "as", "an",
                    "or", "of", "it", "is", "us", "am", "if", "ox"}  # the compound and each part common in the lexicon's (web) counts
OUT = ROOT / "native_host/lang/en/closed_compounds.txt"
_WORD = re.compile(r"[A-Za-z]+")


def candidates(counts) -> dict[tuple[str, str], str]:
    """(left, right) -> the closed word, for every common lexicon word made of two common ones."""
    out = {}
    for word, n in counts.items():
        if n < MIN_LEXICON or not word.isalpha() or not word.islower() or len(word) < 5:
            continue
        for k in range(2, len(word) - 1):
            left, right = word[:k], word[k:]
            if counts.get(left, 0) >= MIN_LEXICON and counts.get(right, 0) >= MIN_LEXICON:
                out[(left, right)] = word
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    pairs = candidates(load_counts(default_model_dir()))
    closed_words = set(pairs.values())
    lefts = {left for left, _ in pairs}
    parts = lefts | {right for _, right in pairs}
    closed, apart, alone = Counter(), Counter(), Counter()
    for _, line in corpus_paragraphs(SHARED):
        written = _WORD.findall(line)
        words = [w.lower() for w in written]
        for a, b in pairwise(words):
            if a in lefts and (a, b) in pairs:
                apart[(a, b)] += 1
        closed.update(w for w in words if w in closed_words)
        alone.update(w for w in written if w in parts or w in closed_words)  # in lower case: a word, not a name
    rows = sorted((f"{a} {b}\t{w}\t{closed[w]}\t{apart[(a, b)]}" for (a, b), w in pairs.items()
                   if closed[w] >= MIN_CLOSED and apart[(a, b)] <= OPEN_SHARE * closed[w]
                   and min(alone[a], alone[b]) >= MIN_PART and alone[w] >= MIN_CLOSED / 2
                   and not {a, b} & AFFIXES and all(len(x) > 2 or x in TWO_LETTER_WORDS for x in (a, b))),
                  key=str.lower)
    args.out.write_text("# open form<TAB>closed form<TAB>corpus count closed<TAB>apart "
                        "(model/recipe/closed_compounds.py)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(pairs)} candidates, {len(rows)} listed -> {args.out}")


if __name__ == "__main__":
    main()
