"""What a one-word change looks like as a typing slip, for the calibrator (confidence.py).

Fluent writers' misspellings are mostly slips of the hand (a transposed pair, a doubled or
dropped letter, a neighbouring key, a vowel for a vowel), while the words a lexicon lacks in
their text are mostly deliberate: names, jargon, foreign words, compounds ("outgroup",
"biomolecular", "fiqh"). On CWEB dev at Thorough the speller's edits were 24 right against
164 false alarms; these features tell the two apart from the strings alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_AT = {ch: (r, c + (0, 0.25, 0.75)[r]) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}  # staggered rows
_VOWELS = frozenset("aeiouy")
# Productive parts that make a real word of known ones ("bio" + "molecular", "concert" + "ing").
_PREFIXES = ("anti", "auto", "bio", "counter", "cyber", "eco", "geo", "hyper", "inter", "intra", "macro",
             "micro", "mid", "multi", "neo", "non", "over", "post", "pre", "proto", "pseudo", "re", "semi",
             "sub", "super", "tele", "trans", "ultra", "un", "under")
_SUFFIXES = ("able", "al", "ed", "er", "ers", "ful", "ing", "ise", "ism", "ist", "ity", "ize", "less", "ly",
             "ment", "ness", "ship")
TRIGRAM_WORDS = 20_000  # the most frequent words, whose letter trigrams say what English looks like


def _neighbours(a: str, b: str) -> bool:
    if a not in _AT or b not in _AT:
        return False
    (ra, ca), (rb, cb) = _AT[a], _AT[b]
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1 and a != b


def slip(written: str, meant: str) -> dict[str, float]:
    """Which single slip turns `meant` into `written` (lower case), if one does."""
    w, m = written.lower(), meant.lower()
    out = {"transposed": 0.0, "doubling": 0.0, "key_slip": 0.0, "vowel_slip": 0.0, "same_letters": 0.0}
    out["same_letters"] = float(sorted(w) == sorted(m) and w != m)
    if len(w) == len(m):
        diff = [i for i, (x, y) in enumerate(zip(w, m)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == m[diff[1]] and w[diff[1]] == m[diff[0]]:
            out["transposed"] = 1.0
        elif len(diff) == 1:
            x, y = w[diff[0]], m[diff[0]]
            out["key_slip"] = float(_neighbours(x, y))
            out["vowel_slip"] = float(x in _VOWELS and y in _VOWELS)
    elif abs(len(w) - len(m)) == 1:
        long, short = (w, m) if len(w) > len(m) else (m, w)
        i = next((k for k, (x, y) in enumerate(zip(long, short)) if x != y), len(short))
        if long[:i] + long[i + 1:] == short and i > 0 and long[i] == long[i - 1]:
            out["doubling"] = 1.0  # "untill" / "ocured": a letter doubled or undoubled
        elif long[:i] + long[i + 1:] == short and i + 1 < len(long) and long[i] == long[i + 1]:
            out["doubling"] = 1.0
    return out


def made_of_known(word: str, common: frozenset[str]) -> float:
    """1 if `word` is two common words of three letters or more run together, or a common
    word with a productive prefix or suffix: a compound or a derivation, not a slip.
    (Common: the lexicon also holds fragments such as "unt" and "bec".)"""
    w = word.lower()
    known = lambda x: len(x) >= 3 and x in common
    if any(known(w[:k]) and known(w[k:]) for k in range(3, len(w) - 2)):
        return 1.0
    if any(w.startswith(p) and known(w[len(p):]) and len(w) - len(p) >= 5 for p in _PREFIXES):
        return 1.0
    return float(any(w.endswith(s) and (known(w[:-len(s)]) or known(w[:-len(s)] + "e")) for s in _SUFFIXES))


class LetterModel:
    """How English a word looks: the mean log-probability of its letter trigrams (with word
    boundaries), counted over the lexicon's most frequent words, each word once."""

    def __init__(self, lexicon: Mapping[str, int], words: int = TRIGRAM_WORDS):
        import heapq

        top = [w for _, w in heapq.nlargest(words, ((n, w) for w, n in lexicon.items() if w.isascii() and w.isalpha()))]
        self.common = frozenset(top)
        padded = [f"^{w}$" for w in top]  # built once, on the first word the lexicon lacks (~0.14 s here)
        self.tri = Counter(p[i:i + 3] for p in padded for i in range(len(p) - 2))
        self.bi = Counter(p[i:i + 2] for p in padded for i in range(len(p) - 2))

    def __call__(self, word: str) -> float:
        padded = f"^{word.lower()}$"
        n = len(padded) - 2
        if n <= 0:
            return 0.0
        total = sum(math.log((self.tri[padded[i:i + 3]] + 0.1) / (self.bi[padded[i:i + 2]] + 2.7)) for i in range(n))
        return total / n


_LETTER_MODELS: dict[int, LetterModel] = {}


def letter_model(lexicon: Mapping[str, int]) -> LetterModel:
    """One LetterModel per lexicon, built on first use (a spelling edit is rare)."""
    key = id(lexicon)
    if key not in _LETTER_MODELS:
        _LETTER_MODELS.clear()
        _LETTER_MODELS[key] = LetterModel(lexicon)
    return _LETTER_MODELS[key]


def shape(written: str, meant: str, lexicon: Mapping[str, int] | None, applies: bool = True) -> dict[str, float]:
    """The typing-slip features of changing the one word `written` to the one word `meant`
    (zeros when either is not a single word of letters, or without a lexicon). How English
    the written word looks and whether known parts make it are asked of words the lexicon
    lacks only (a known word is the model's to judge). `applies`: False gives the zeros (an
    edit the features are not for)."""
    names = ("one_word", "transposed", "doubling", "key_slip", "vowel_slip", "same_letters",
             "made_of_known", "letter_shape", "written_length")
    if not applies or not (written.isalpha() and meant.isalpha() and written.isascii() and meant.isascii()) \
            or written.lower() == meant.lower():
        return dict.fromkeys(names, 0.0)
    out = {"one_word": 1.0, **slip(written, meant)}
    unknown = bool(lexicon) and written.lower() not in lexicon
    letters = letter_model(lexicon) if unknown else None
    out["made_of_known"] = made_of_known(written, letters.common) if letters else 0.0
    out["letter_shape"] = letters(written) if letters else 0.0
    out["written_length"] = float(min(len(written), 15))
    return out
