"""Closed compounds that are (nearly) never written apart: the list behind
native_host/lang/en/compounds.py ("short cut" -> "shortcut", "be ware" -> "beware").

    python -m model.recipe.closed_compounds          # writes native_host/lang/en/closed_compounds.txt

A word of the model's lexicon (words.txt) that splits into two words of it, each of two
letters or more, is listed when ../shared/data/corpus (every corpus but the native
sample's documents, prepare_data.corpus_paragraphs) writes it closed at least MIN_CLOSED
times and apart at most OPEN_SHARE of that: "any way" (apart 1 in 3), "every day", "may
be", "in to", "some times" stay out because writers mean the two words too.

Most of that corpus is 19th-century books, which write "near by", "any where", "short
cut", "head quarters" apart, and seldom name a "website", "laptop" or "keyboard": those
failed both bars. So a compound is also listed when today's text (MODERN: the
Wikipedia summaries and the e-mails) writes it closed at least MIN_MODERN times and
never apart, and the web counts of the lexicon say it is common (MIN_LEXICON_MODERN).
Those are `sure` (column 5): where text of today never splits a common compound, the
split form is a slip, and the model, which copies what it reads, rejects most fixes
(its both-ways score for "out side" -> "outside" is 1.4 nats, the bar 6.4); the rest
are judged. Not listed: a pair whose open form is a phrase of today's English
(OPEN_PHRASES, "got ten", "be half"); not sure: one that may be (NOT_SURE, "no table
was free", "How ever did you", "anything else where", "Out come the knives", "seemed to be
longing to"). Both sets were read by hand over what the counts list.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from native_host.lang.en.words import JOINED
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
LEFT_WORDS = {"some"}  # a word on the left ("some how", "some what"), a suffix on the right ("hand some")
TWO_LETTER_WORDS = {"be", "up", "in", "on", "to", "do", "no", "go", "so", "by", "my", "we", "he", "me", "at", "as", "an",
                    "or", "of", "it", "is", "us", "am", "if", "ox"}  # the compound and each part common in the lexicon's (web) counts
MODERN = ("wikipedia_vital", "spamassassin_ham")
MIN_MODERN = 10  # times today's text writes the compound closed, never apart
MIN_LEXICON_MODERN = 1_000_000
SURE_MODERN = 15  # sure from this many modern closed, none apart
# Open forms that are phrases of their own in today's English: "a light weight", "got
# ten", "be half", "green house", "the main stream of": never listed.
OPEN_PHRASES = {"fact or", "form at", "habit at", "dig it", "dig its", "can on", "bar on", "drag on", "ten or",
                "got ten", "be half", "in complete", "in directly", "in ability", "on set", "up dates", "no des",
                "as sets", "us ability", "light weight", "green house", "green land", "ice land", "high lands",
                "main stream", "up stream", "down stream", "over head", "wild life", "in take", "in come",
                "for ever", "to night", "to morrow", "crystal line", "ran king", "star ring", "brow sing",
                "pack aged", "develop mental", "avail ability", "cap ability", "all owing", "or bits", "in dies",
                "die go", "step hen", "an drew", "mad rid", "war saw", "wolf gang", "an des", "nor way", "mon day",
                "sun day", "rug by", "fire arms", "fire arm", "water shed", "house holds", "dark room",
                "cross roads", "some times", "beg an", "seas on", "start up"}
# Listed, but their open form is a phrase too ("no table was free", "supplies will be low",
# "flying in formation", "as signed by both", "extra ordinary shares"): judged, never sure.
# Read by hand over the sure rows.
NOT_SURE = {"no body", "no table", "be low", "in formation", "in jury", "in tent", "in finite", "just ice", "off ice",
            "over seas", "car go", "in side", "in put", "in box", "under ground", "out door", "out look", "be come",
            "in dependent", "live stock", "wide spread", "desk top", "extra ordinary", "beg in", "as signed",
            "under standing", "for tune", "house hold", "home land", "sun light", "net work", "see king", "how ever",
            "the me", "in door", "air lines", "ground water", "pass word", "trade mark", "feed back",
            "else where", "out come", "out comes", "be longing", "mean while", "in deed", "no thing", "or bit",
            "where by", "north east", "north west", "south east", "south west", "south eastern", "south western",
            "pass words", "leg end", "leg ends"}
OUT = ROOT / "native_host/lang/en/closed_compounds.txt"
_WORD = re.compile(r"[A-Za-z]+")
_OPEN = re.compile(r"(?<![\w'’-])([A-Za-z]+) (?=([A-Za-z]+)(?![\w'’-]))")


def candidates(counts, least: int = MIN_LEXICON) -> dict[tuple[str, str], str]:
    """(left, right) -> the closed word, for every lexicon word of `least` or more made of two common ones."""
    out = {}
    for word, n in counts.items():
        if n < least or not word.isalpha() or not word.islower() or len(word) < 5:
            continue
        for k in range(2, len(word) - 1):
            left, right = word[:k], word[k:]
            if counts.get(left, 0) >= MIN_LEXICON and counts.get(right, 0) >= MIN_LEXICON:
                out[(left, right)] = word
    return out


def listed(pairs, counts, closed, apart, alone, modern_closed, modern_apart) -> list[tuple[str, str, str, bool]]:
    """(left, right, closed word, sure) for every pair the counts list."""
    rows = []
    for (a, b), w in pairs.items():
        if a in AFFIXES - LEFT_WORDS or b in AFFIXES or not all(len(x) > 2 or x in TWO_LETTER_WORDS for x in (a, b)) \
                or min(alone[a], alone[b]) < MIN_PART or f"{a} {b}" in OPEN_PHRASES or f"{a} {b}" in JOINED:
            continue
        old_bar = closed[w] >= MIN_CLOSED and apart[(a, b)] <= OPEN_SHARE * closed[w] and alone[w] >= MIN_CLOSED / 2
        modern = modern_closed[w] >= MIN_MODERN and not modern_apart[(a, b)] \
            and counts.get(w, 0) >= MIN_LEXICON_MODERN and alone[w] >= closed[w] / 2  # in lower case: no name
        if old_bar or modern:
            rows.append((a, b, w, modern and modern_closed[w] >= SURE_MODERN
                         and f"{a} {b}" not in NOT_SURE))
    return sorted(rows, key=lambda r: f"{r[0]} {r[1]}".lower())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    counts = load_counts(default_model_dir())
    pairs = candidates(counts, min(MIN_LEXICON, MIN_LEXICON_MODERN))
    closed_words = set(pairs.values())
    lefts = {left for left, _ in pairs}
    parts = lefts | {right for _, right in pairs}
    closed, apart, alone, modern_closed, modern_apart = Counter(), Counter(), Counter(), Counter(), Counter()
    for name, line in corpus_paragraphs(SHARED):
        written = _WORD.findall(line)
        words = [w.lower() for w in written]
        # Apart as the rule reads it: two words and a space ("world-wide" and "world, wide" are
        # not), no capital inside ("World Wide Web" is a name it leaves alone).
        split = [(a.lower(), b.lower()) for a, b in (m.groups() for m in _OPEN.finditer(line))
                 if a.lower() in lefts and (a.lower(), b.lower()) in pairs and (a[1:] + b).islower()]
        joined = [w for w in words if w in closed_words]
        apart.update(split)
        closed.update(joined)
        if name in MODERN:
            modern_apart.update(split)
            modern_closed.update(joined)
        alone.update(w for w in written if w in parts or w in closed_words)  # in lower case: a word, not a name
    rows = listed(pairs, counts, closed, apart, alone, modern_closed, modern_apart)
    args.out.write_text("# open form<TAB>closed form<TAB>corpus count closed<TAB>apart<TAB>sure: today's text never "
                        "splits it (model/recipe/closed_compounds.py)\n"
                        + "".join(f"{a} {b}\t{w}\t{closed[w]}\t{apart[(a, b)]}\t{'sure' if sure else ''}\n"
                                  for a, b, w, sure in rows), encoding="utf-8")
    print(f"{len(pairs)} candidates, {len(rows)} listed ({sum(r[3] for r in rows)} sure) -> {args.out}")


if __name__ == "__main__":
    main()
