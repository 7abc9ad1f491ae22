"""What the rule families read around a word, and what they propose: a sentence's words
with their neighbours in the clause (Words), a word's likely part of speech from the
lexicon's counts (nounish, plural_noun, adjective, participle; COMMON the count under
which a word is too rare to judge), and the change proposed (Proposal, at, cased,
non_overlapping). Shared by confusables.py, grammar.py, phrases.py, compounds.py,
sound_alike.py and typography.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from .words import FUNCTION_WORDS, IRREGULAR


class Proposal(NamedTuple):
    start: int
    end: int
    replacement: str
    rule: str
    bar: float | None  # the least model margin that keeps it; None: certain
    message: str
    category: str | None = None  # the card's category, if the rule's own (rules._CATEGORY otherwise)


def non_overlapping(found: list[Proposal]) -> list[Proposal]:
    """`found` in order, each proposal dropped that overlaps an earlier one."""
    out, end = [], -1
    for p in sorted(found):
        if p.start >= end:
            out.append(p)
            end = p.end
    return out


_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")  # "it's", "so-called": one word
COMMON = 1000  # lexicon count under which a word is too rare to reason about
_STRAIGHT = "'"


class Words:
    """The words of a sentence with their offsets; `next(i)` / `prev(i)` the neighbour in
    the same clause (lower case, curly apostrophes straight), "" across punctuation, "#"
    across a number or other token ("the 5th to late 15th")."""

    def __init__(self, text: str):
        self.text = text
        self.items = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        self.lower = [w.lower().replace("’", _STRAIGHT) for w, _, _ in self.items]

    def next(self, i: int, k: int = 1) -> str:
        if not 0 <= i < len(self.items):
            return ""
        for j in range(i, i + k):
            if j + 1 >= len(self.items):
                return "" if not any(ch.isalnum() for ch in self.text[self.items[j][2]:]) else "#"
            if gap := self.text[self.items[j][2]:self.items[j + 1][1]].strip():
                return "#" if any(ch.isalnum() for ch in gap) else ""
        return self.lower[i + k]

    def prev(self, i: int) -> str:
        if not 0 <= i < len(self.items):
            return ""
        if i == 0:
            return "" if not any(ch.isalnum() for ch in self.text[:self.items[0][1]]) else "#"
        if gap := self.text[self.items[i - 1][2]:self.items[i][1]].strip():
            return "#" if any(ch.isalnum() for ch in gap) else ""
        return self.lower[i - 1]


def cased(new: str, old: str, text: str) -> str:
    """`new` with `old`'s capital and the text's apostrophe style."""
    if old[:1].isupper() and not new[:1].isupper():
        new = new[0].upper() + new[1:]
    return new.replace(_STRAIGHT, "’") if "’" in text and "'" not in text else new


def nounish(word: str, counts: Mapping[str, int] | None) -> bool:
    """A common word that may be a noun (or an adjective before one): not a function word,
    not an -ly adverb, not a participle the way a verb after a subject would be."""
    if not word or word in FUNCTION_WORDS or word.endswith("ly") or word in NOT_NOUNS:
        return False
    return counts is None or counts.get(word, 0) >= COMMON


NOT_NOUNS = {"yesterday", "today", "tonight", "tomorrow", "now", "again", "already", "once", "twice", "first",
                     "last", "later", "soon", "early", "late", "alone", "together", "forever", "anymore", "instead",
                     "either", "too", "yet", "anyway", "somewhere", "nearby", "right", "left", "long", "home", "ago", "next", "away", "back", "around", "inside", "outside", "upstairs", "downstairs",
                     "recently", "safe", "sometime", "overnight", "daily", "weekly", "please",
                     "exists", "existed", "exist", "lies", "lay", "lie", "remains", "remained", "remain", "stands",
                     "stood", "stand", "lived", "live", "lives", "came", "come", "comes", "goes", "go", "went",
                     "seems", "seem", "seemed", "appears", "appear", "appeared", "used", "stay", "stays", "stayed",
                     "sat", "sit", "sits", "happened", "happens", "happen", "arose", "arise", "ensued", "followed",
                     "occurred", "occur", "occurs", "began", "begin", "begins", "emerged", "got", "get", "gets", "ran",
                     "run", "runs", "waiting", "working", "living", "staying", "sitting",
                     "standing", "playing", "going", "coming", "looking", "ok", "okay", "yes", "no"}


_IRREGULAR_PLURALS = {"people", "children", "men", "women", "feet", "teeth", "mice", "persons"}


def plural_noun(word: str, counts: Mapping[str, int] | None) -> bool:
    """A plural count noun: "people", or an -s word whose singular is a common word."""
    if word in _IRREGULAR_PLURALS:
        return True
    if counts is None or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics", "news")) or len(word) < 4:
        return False
    stems = ([word[:-3] + "y"] if word.endswith("ies") else []) + ([word[:-2]] if word.endswith("es") else []) + [word[:-1]]
    return counts.get(word, 0) >= COMMON and any(counts.get(s, 0) >= COMMON and s not in FUNCTION_WORDS for s in stems)


# Plurals spelt as singulars ("men" -> "man") for a noun phrase after "a"; not "people" ("a people").
IRREGULAR_SINGULAR = {"men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
                      "mice": "mouse", "geese": "goose"}
# Quantities "a" counts with, before a plural: "a dozen eggs", "a hundred years".
_QUANTITY = {"dozen", "couple", "hundred", "thousand", "million", "billion", "trillion", "score", "handful", "pair",
             "number", "total", "further", "additional", "extra", "mere", "whopping", "record",
             "full", "solid", "staggering", "estimated", "average", "maximum", "minimum", "combined", "lot", "bunch",
             "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty", "few",
             "several", "whole", "nearly", "almost", "about", "roughly", "some", "other", "another", "consecutive"}
# Words that describe and are seldom nouns: a common list, and the endings adjectives take.
_DESCRIBING = set("""new old big small good bad great major minor huge large simple long short high low young main real
true false free full nice fine hard easy strong weak poor rich wide deep dark bright clear quick fast slow late early
recent different important common special certain basic perfect serious similar proper rare safe warm cold hot cool dry
wet clean dirty cheap expensive modern ancient private complete entire specific unique tiny vast massive lousy wooden
golden broken hidden frozen stolen written spoken forgotten single senior junior former latest brief busy happy
heavy healthy lucky tricky risky noisy messy crazy silly pretty ugly better bigger larger smaller greater higher lower
newer older longer shorter stronger wider faster cheaper easier harder excellent efficient sufficient independent
consistent relevant urgent frequent permanent decent pleasant brilliant elegant apparent prominent significant
absolute extra quiet strange odd raw rough smooth soft loud sharp thick thin tight loose sweet bitter fresh solid
difficult interesting amazing exciting boring surprising confusing challenging outstanding existing missing
""".split())
# Not "-ing": "a good understanding continues", "a living shuts" (nouns).
_ADJECTIVE_ENDINGS = ("al", "ful", "ous", "ive", "ic", "able", "ible", "less", "ish", "ary", "ed", "est")


def adjective(word: str, counts) -> bool:
    """A common word that describes a noun and is not one itself: in the list or with an
    adjective's ending, and with no plural of its own ("general", "official", "meeting"
    have one: "a meeting takes" is a clause); not a number or quantity ("a dozen eggs")."""
    if word in FUNCTION_WORDS or word in _QUANTITY or word in IRREGULAR_SINGULAR or "'" in word or counts is None \
            or counts.get(word, 0) < COMMON:
        return False
    if word in _DESCRIBING:
        return True
    return word.endswith(_ADJECTIVE_ENDINGS) and not plural_noun(word, counts) and \
        counts.get(word + "s", 0) + counts.get(word + "es", 0) < 0.1 * counts.get(word, 0)


_PARTICIPLE_EXTRA = {"been", "had", "gone", "done", "known", "seen", "got", "gotten"}


def participle(word: str, counts: Mapping[str, int] | None) -> bool:
    """A past participle ("done", "been", "gone", "finished")."""
    if word in _PARTICIPLE_EXTRA or (word in IRREGULAR and word == IRREGULAR[word][2]):
        return True
    return word.endswith("ed") and len(word) > 4 and (counts is None or counts.get(word, 0) >= COMMON)


def at(w: Words, i: int, new: str, rule: str, bar: float | None, message: str,
       category: str | None = None) -> Proposal:
    """A proposal to write word i as `new` (cased like it); `message` may name {old} and {new}.
    The families in confusables.py, phrases.py, grammar.py and compounds.py make theirs here."""
    old, start, end = w.items[i]
    new = cased(new, old, w.text)
    return Proposal(start, end, new, rule, bar, message.format(old=old, new=new), category)
