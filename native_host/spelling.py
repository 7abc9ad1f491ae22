"""Spelling: words missing from the lexicon and their likeliest corrections.

The neural model fixes grammar but, at its size and training budget, rarely spelling
(it mostly copies a word it cannot read). This stage runs before it: each word that the
lexicon (`words.txt`, shipped with the model: word and frequency, most frequent first)
does not know is replaced by its likeliest correction, so the model also sees the
sentence as meant. Candidates are the known words within edit distance 1 (2 for words
of five letters or more) that keep the first letter (or swap the first two: "hte"),
ranked by distance, then frequency; a word that splits into a function word and
another common word ("alot" -> "a lot") is a candidate at distance 1, a contraction
missing its apostrophe ("dont" -> "don't") one at distance 0.5; a closed compound written
as two words ("my self", "there fore", "home work": JOINED) is joined. On the BEA-2019 dev spelling errors this ranking picks
the annotators' word for 73 % of the words it flags. The checker re-ranks the first
few candidates in context with the model (Checker._spell): 77 %.

Only ASCII words of three letters or more with a vowel ("npm" and "ssh" are not
misspellings) are checked, in lower case or, as a sentence's first word, capitalised:
other capitalised words are mostly names (of the capitalised words unknown to the lexicon
in JFLEG dev, the sentence-initial ones were misspellings, "Beacuse", "Althogh",
"Infact", and the others mostly names; correcting those inside a sentence to a frequent
word one edit away, measured in session 8, turned learners' names and places into words,
"Sevilla" -> "Seville", "Ronaldo" -> "Ronald": BEA-19 dev P 43.5 -> 42.8, JFLEG GLEU +0.03).
Words glued to code-like punctuation
("config.yaml", "@user", "snake_case") are not prose.
"""

from __future__ import annotations

import heapq
import io
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .edits import Edit
from .lexicon import NAME_FOLLOWS
from .regions import in_code

_WORD = re.compile(r"[a-z]+")
_FIRST_WORD = re.compile(r"[^A-Za-z0-9]*([A-Z][a-z]+)")
COMMON_WORDS = 5_000
FREQUENT_WORDS = 20_000


class Speller:
    def __init__(self, counts: Mapping[str, int], known: frozenset[str] = frozenset(), lang=None):
        if lang is None:
            from .lang import language

            lang = language("en")
        self.lang = lang
        self.counts = counts
        self.extra = known  # known.txt: right, but never offered (model/recipe/known_words.py)
        # Words a split may produce: the most frequent ones only (the lexicon also holds
        # abbreviations and fragments such as "bec", "inf" and "ser").
        top = heapq.nlargest(FREQUENT_WORDS, counts.items(), key=itemgetter(1))
        self._common = _Top(counts, top[:COMMON_WORDS], COMMON_WORDS)
        self.frequent = _Top(counts, top, FREQUENT_WORDS)  # what a capitalised first word may become
        del top
        # (first letter, length) -> its words, one a line: one string per bucket, not 90k
        # (memory, issue #22); a bucket is split when a misspelling needs it (_rank is cached).
        buckets: dict[tuple[str, int], io.StringIO] = {}
        for w in counts:
            if w.isascii() and w.isalpha() and w.islower():
                buckets.setdefault((w[0], len(w)), io.StringIO()).write(w + "\n")
        self._buckets = {key: b.getvalue() for key, b in buckets.items()}
        self._ranked = lru_cache(maxsize=4096)(self._rank)  # a text is checked again as it is typed
        # Closed compounds written as two words ("my self"), not before the word that makes them right ("every one of").
        self._join = re.compile(r"\b(?:" + "|".join(
            k.replace(" ", r"[ \t]+") + (rf"(?![ \t]+{lang.compounds_not_before[k]}\b)" if k in lang.compounds_not_before else "")
            for k in lang.compounds) + r")\b", re.IGNORECASE) if lang.compounds else None

    def known(self, word: str) -> bool:
        """In the lexicon or known.txt, or a known word plus -s, or -es after a sibilant or -o (the lexicon lacks many plurals and
        third persons: "mistreats"; a wrong one, "childs", is the model's to fix), except
        consonant + y + s ("citys": the speller offers "cities")."""
        if self._listed(word):
            return True
        if word.endswith("ys") and len(word) > 3 and word[-3] not in "aeiou":
            return False
        if word.endswith("s") and self._listed(word[:-1]):
            return True
        # -es after a sibilant or a long enough -o ("boxes", "heroes"), not "tho" + "es" = "thoes".
        stem = word[:-2]
        return word.endswith("es") and self._listed(stem) and (stem.endswith(("s", "x", "z", "ch", "sh"))
                                                               or (stem.endswith("o") and len(stem) >= 4))

    def _listed(self, word: str) -> bool:
        return word in self.counts or word in self.extra

    def misspelled(self, sentence: str, start: int, end: int) -> bool:
        """Is sentence[start:end], a maximal run of lower-case letters, a word to correct?"""
        word = sentence[start:end]
        if len(word) < 3 or self.known(word) or not any(v in word for v in "aeiouy") or self._particle_compound(word) \
                or self._derived(word):
            return False  # short, known, an abbreviation ("npm", "ssh"), a compound ("rollout") or derived ("overtraining")
        before = sentence[start - 1] if start else " "
        after = sentence[end] if end < len(sentence) else " "
        if before.isalnum() or after.isalnum() or before in "'’-" or after in "'’-":
            # part of a longer token: "Shu'ayb", "flexi-time", "Fédora"
            return False
        return not in_code(sentence, start, end)

    def _derived(self, word: str) -> bool:
        """A common word with a productive prefix or suffix: "overtraining", "preorder",
        "multicore", "constitutionalize", "bossless". Not "un-", "in-", "dis-" or "-ful",
        "-ness" after "y": "untill", "greatful" and "happyness" are misspellings."""
        for p in _PREFIXES:
            rest = word[len(p):]
            if word.startswith(p) and len(rest) >= 4 and rest in self._common and rest not in self.lang.function_words:
                return True
        for suffix in _SUFFIXES:
            stem = word[:-len(suffix)]
            if word.endswith(suffix) and len(stem) >= 4 and stem in self._common and stem not in self.lang.function_words \
                    and not (suffix in ("ness", "less") and stem.endswith("y")):
                return True
        return False

    def _particle_compound(self, word: str) -> bool:
        """A verb and a particle made one noun: "rollout", "workout", "login", "setup"."""
        return any(word.endswith(p) and len(word) - len(p) >= 3 and word[:-len(p)] in self._common
                   and word[:-len(p)] not in self.lang.function_words for p in _PARTICLES)

    def candidates(self, word: str, limit: int = 3) -> list[str]:
        """Known words close to `word` (lower case, or capitalised: then so are they), best first."""
        return [c for c, _ in self.scored(word, limit)]

    def scored(self, word: str, limit: int = 3) -> list[tuple[str, float]]:
        """candidates() with their edit distances."""
        if word[:1].isupper():
            return [(c[0].upper() + c[1:], d) for c, d in self._ranked(word.lower())[:limit]]
        return list(self._ranked(word)[:limit])

    def frequency(self, candidate: str) -> int:
        """A candidate's count in the lexicon; a split's is that of its rarer word."""
        return min(self.counts.get(w, 1) for w in candidate.lower().split())

    def _rank(self, word: str) -> tuple[tuple[str, float], ...]:
        max_dist = 1 if len(word) <= 4 else 2
        scored: list[tuple[int, int, str]] = []
        for n in range(len(word) - max_dist, len(word) + max_dist + 1):
            bucket = self._buckets.get((word[0], n), "").split()
            for cand, dist, _ in process.extract(word, bucket, scorer=OSA.distance, score_cutoff=max_dist, limit=None):
                scored.append((dist, -self.counts[cand], cand))
        for k in range(1, len(word)):
            left, right = word[:k], word[k:]
            if _splittable(left, right, self.lang.function_words) and left in self._common and right in self._common:
                scored.append((1, -min(self.counts[left], self.counts[right]), f"{left} {right}"))
        swapped = word[1] + word[0] + word[2:]  # the one edit that changes the first letter: "hte"
        if swapped in self.counts:
            scored.append((1, -self.counts[swapped], swapped))
        if word.endswith("ys") and f"{word[:-2]}ies" in self.counts:  # "citys" -> "cities", a sure fix
            scored.append((0, -self.counts[f"{word[:-2]}ies"], f"{word[:-2]}ies"))
        for ending in self.lang.contracted:  # "dont" -> "don't", "thats" -> "that's"
            fixed = f"{word[:-len(ending)]}'{ending}"
            if word.endswith(ending) and fixed in self.counts:
                scored.append((0.5, -self.counts[fixed], fixed))
        best: dict[str, float] = {}  # a word found twice ("families": "ys" rule and distance 2) keeps its best
        for d, _, c in sorted(scored):
            best.setdefault(c, d)
        return tuple(best.items())

    def misspellings(self, sentence: str, limit: int = 3) -> list[tuple[int, int, list[tuple[str, float]]]]:
        """The misspelled words of `sentence`, in order: (start, end, scored candidates)."""
        out, pos = [], 0
        if (m := _FIRST_WORD.match(sentence)) and len(m.group(1)) > 1:
            start, end = m.span(1)
            lowered = sentence[:start] + m.group(1).lower() + sentence[end:]
            if self.misspelled(lowered, start, end) and not NAME_FOLLOWS.match(sentence, end):
                # It may still be a name ("Minh", "Xiaoming", "Dmitry"): only a split, an
                # apostrophe, or for a word of five letters or more a frequent word one edit away.
                best = [(c, d) for c, d in self.scored(m.group(1), limit)
                        if not c.isalpha() or (end - start >= 5 and d <= 1 and c.lower() in self.frequent)]
                if best:
                    out.append((start, end, best))
                pos = end
        for m in _WORD.finditer(sentence, pos):
            if self.misspelled(sentence, m.start(), m.end()) and (best := self.scored(m.group(), limit)):
                out.append((m.start(), m.end(), best))
        for m in self._join.finditer(sentence) if self._join else ():  # "my self" -> "myself": known words, never flagged above
            joined = self.lang.compounds[" ".join(m.group().lower().split())]
            out.append((m.start(), m.end(), [(joined.capitalize() if m.group()[0].isupper() else joined, 0)]))
        return sorted(out)

    def correct(self, sentence: str) -> str:
        """`sentence` with each misspelled word replaced by its best candidate."""
        out, pos = [], 0
        for start, end, best in self.misspellings(sentence, limit=1):
            out.append(sentence[pos:start] + best[0][0])
            pos = end
        return "".join(out) + sentence[pos:]


class _Top:
    """`word in top`: is it one of the `n` most frequent words of `counts`, `top` their
    heapq.nlargest (word, count) pairs, without a set of their str objects (20,000 of
    them: ~2.5 MB, issue #22). A word counted more than the last of them is one of them;
    those counted as much (a tie), or whose count in `counts` is not the one ranked (a
    word listed twice), are kept by name."""

    def __init__(self, counts: Mapping[str, int], top: list[tuple[str, int]], n: int):
        self._counts = counts
        self._above = top[-1][1] if len(top) >= n else None  # None: fewer than n words, all of them
        self._named = frozenset(w for w, c in top if c == self._above or counts.get(w) != c)

    def __contains__(self, word) -> bool:
        if word in self._named:
            return True
        count = self._counts.get(word) if isinstance(word, str) else None
        return count is not None and (self._above is None or count > self._above)


def _splittable(left: str, right: str, function_words: frozenset[str]) -> bool:
    """Two words run together, as learners write them: a function word and a word of three
    letters or more ("alot" -> "a lot", "infact" -> "in fact", "governmentshould"), not any
    two fragments ("confort" -> "con fort", "dialoging" -> "dialog ing")."""
    if right in _PARTICLES and left not in function_words:
        return False  # "rollout", "setup", "workout", "takeaway": a compound noun, not "roll out"
    return (left in function_words and (len(right) >= 3 or right in function_words)) or \
        (right in function_words and len(left) >= 3)


_PREFIXES = ("over", "under", "out", "re", "pre", "non", "anti", "co", "sub", "super", "multi", "inter", "counter",
             "mis", "post", "semi", "micro", "auto", "hyper", "cyber", "mega", "mini", "ultra", "eco", "bio", "geo",
             "tele", "trans", "cross", "self")
_SUFFIXES = ("ize", "ise", "ized", "ised", "izes", "ises", "izing", "ising", "ization", "isation", "ness", "less",
             "ism", "ist", "ists", "like", "wise")
_PARTICLES = frozenset("out up in on off down over back away about around through".split())


SPELLING_CANDIDATES = 6  # how many of the speller's candidates the model re-ranks
SPELLING_DISTANCE_COST = 8.0  # nats per edit, against the model's and the lexicon's log-probabilities
MAX_REPLACEMENTS = 3  # the card offers up to this many words


def spelling_edits(s) -> list[Edit]:
    """The pipeline's spelling stage (`s`: pipeline.Sentence): each misspelled word's
    candidates ranked in context: the model's log-probability of the sentence with the
    candidate (given the sentence as written) + log frequency - 8 x edit distance.
    Frequency and distance alone pick the annotators' word for 72 % of 974 W&I train
    spelling errors, 73 % of 241 BEA-2019 dev ones; with the model 78 % and 77 % (the
    weights were fitted on the train errors)."""
    speller, sentence = s.speller, s.text
    if speller is None:
        return []
    state, done, pos, edits = None, "", 0, []
    for start, end, candidates in speller.misspellings(sentence, SPELLING_CANDIDATES):
        if start < pos:
            continue
        words = [c for c, _ in candidates]
        distance = {c: d for c, d in candidates}
        gap = 0.0
        if len(candidates) > 1 and candidates[0][1] > 0:  # distance 0: a sure fix ("citys")
            state = state or s.model.encode(s.ids(sentence))
            prefix, rest = done + sentence[pos:start], sentence[end:]
            scores = s.model.score_many(state, [s.ids(prefix + c + rest)[:-1] for c in words])
            total = [sc + math.log(speller.frequency(c)) - SPELLING_DISTANCE_COST * distance[c]
                     for c, sc in zip(words, scores)]
            order = sorted(range(len(words)), key=lambda k: -total[k])  # stable: the first best wins, as max() did
            words = [words[k] for k in order]
            gap = total[order[0]] - total[order[1]]
        best, old = words[0], sentence[start:end]
        if " " in best and best.replace(" ", "") == old.lower():
            kind = "split"
        elif " " in old:
            kind = "joined"
        else:
            kind = "misspelled"
        edits.append(Edit(start, end, tuple(words[:MAX_REPLACEMENTS]), "spelling",
                          s.lang.messages[kind].format(old=old, new=best), "spelling", f"spelling.{kind}",
                          (("distance", distance[best]), ("log_frequency", math.log(speller.frequency(best))),
                           ("gap", gap), ("candidates", len(candidates)), ("capitalised", float(old[:1].isupper())),
                           ("length", float(len(old))))))
        done += sentence[pos:start] + best
        pos = end
    return edits
