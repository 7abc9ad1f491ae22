"""Which of the model's edits are worth showing a user.

A small neural model's worst mistakes are not subtle: it drops content words ("the car"
-> "the") and, when its copy pointer slips, merges words into non-words ("soccer goals"
-> "soccals"). A grammar checker that suggests those loses the user's trust, so an edit
is kept only if

- it touches no emoji or other symbols (letters, digits or ASCII punctuation only);
- every word it adds is a known English word (the model's lexicon, `words.txt`, built
  from the training corpus) or already occurs in the sentence, or is a number;
- every word it removes is a function word (articles, prepositions, pronouns,
  auxiliaries...), is still present elsewhere in the corrected sentence (a duplicate),
  or resembles a word it adds (a spelling or form fix: "recieve" -> "receive" and
  "owns" -> "own" pass; "organic" -> "organ", a known word cut short, does not);
- it rewrites at most a few words;
- it cuts no abbreviation apart ("10.45 a.m." -> "10.45.m.": the "a" of "a.m." is not an
  article);
- it changes no name (a capitalised word inside the sentence that the lexicon does not
  know: "Rolex" -> "Role") other than its case;
- it doubles no word or phrase ("probably not going" -> "probably not not going", "night
  until day" -> "night until night until day"), says no content word of the sentence
  again ("let us print them print for you") and changes no number ("pre-9/11" -> "pre-9/1");
- it adds at most a few words more than it removes, and repeats no punctuation mark more
  than the writer did ("??" -> ninety-two question marks);
- and the model's output as a whole does not go round in circles (`looping`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping

from .lexicon import NAME_FOLLOWS, words
from .word_diff import word_tokens

MAX_REMOVED_WORDS = 3
MAX_ADDED_WORDS = 3  # beyond those removed: "due to the ocean," inserted whole is the decoder wandering

_ABBREVIATION = re.compile(r"(?<!\S)(?:[A-Za-z]{1,3}\.){2,}")  # "a.m.", "e.g.", "U.S."
INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "est", "ly", "'s", "n't")


def _resembles(old: str, new: str, lexicon: Mapping[str, int] | None) -> bool:
    """`new` fixes the spelling or form of `old`. A known word cut short ("organic" ->
    "organ", "courses" -> "cour") is the model losing its place, not a fix, unless what
    was cut is an inflection ("owns" -> "own")."""
    if old.startswith(new) and (lexicon is None or old in lexicon) and old[len(new):] not in INFLECTIONS:
        return False
    if old[:4] == new[:4] and len(old) >= 4 and len(new) >= 3:
        return True
    return difflib.SequenceMatcher(None, old, new).ratio() >= 0.7


def plausible(edit, sentence: str, source: list[str], corrected: list[str], lexicon: Mapping[str, int] | None,
              lang) -> bool:
    """`edit`: a word_diff.Change of `sentence`; `source`, `corrected`: the lower-case words
    (lexicon.sentence_words()) of the sentence as written and with every edit applied;
    `lexicon`: known words, or None to skip the known-word tests; `lang`: its Language."""
    function_words = lang.function_words
    if not all(any(ch.isalnum() for ch in t) or t.isascii() for t in edit.removed + edit.added):
        return False
    removed, added = words(edit.removed), words(edit.added)
    if len(removed) > MAX_REMOVED_WORDS or len(added) - len(removed) > MAX_ADDED_WORDS:
        return False
    if len(edit.added) - len(edit.removed) > 2 * MAX_ADDED_WORDS or _repeated_marks(edit.added) > _repeated_marks(edit.removed):
        return False  # "??" -> ninety-two question marks: the decoder stuck on a mark
    if any(edit.start < m.end() and edit.end > m.start() and not (edit.start <= m.start() and edit.end >= m.end())
           for m in _ABBREVIATION.finditer(sentence)):
        return False  # part of an abbreviation, not a word of its own
    if _digits(edit.removed) != _digits(edit.added):
        return False  # numbers are the writer's: "pre-9/11" -> "pre-9/1" is the pointer slipping
    if any(w not in function_words and w in source and w not in removed and corrected.count(w) > source.count(w)
           and not any(_resembles(r, w, lexicon) for r in removed) for w in added):
        return False  # a content word said again: "print them print for you", "due to the ocean, due to"
    before = words(t for t, _, _ in word_tokens(sentence[:edit.start]))[-3:]
    after = words(t for t, _, _ in word_tokens(sentence[edit.end:]))[:3]
    # Checked on the whole corrected sentence too: the diff may split one change in two
    # (", for example" -> ". For example,": "competition. For example" + " for example" -> "").
    if _doubled(before + added + after) > _doubled(before + removed + after) and _doubled(corrected) > _doubled(source):
        return False
    if lexicon is not None:
        inside = edit.start > 0 and sentence[:edit.start].strip() != ""
        inside = inside or bool(NAME_FOLLOWS.match(sentence, edit.end))  # "Mayme Farmer was born": a first name
        for t in edit.removed:
            if inside and t[:1].isupper() and t.lower() not in lexicon and t.lower() not in [a.lower() for a in edit.added]:
                return False  # a name
        for w in added:
            if w not in lexicon and w not in source and not _known_form(w, lexicon, lang.contracted):
                return False
    for w in removed:
        if w in function_words or w in added or w in corrected:
            continue
        if not any(_resembles(w, a, lexicon) for a in added):
            return False
    return True


def looping(source: list[str], corrected: list[str]) -> bool:
    """Has the decoder gone round in circles: a three-word phrase said at least twice more
    than in the source ("are possible actions that are possible actions that ...")? Then
    none of its edits is worth showing: the words a loop drops look like duplicates."""
    def trigrams(ws: list[str]) -> Counter:
        return Counter(zip(ws, ws[1:], ws[2:]))

    before = trigrams(source)
    return any(n >= before[g] + 2 for g, n in trigrams(corrected).items())


def _repeated_marks(tokens) -> int:
    """The longest run of one punctuation mark among `tokens` ("?", "?", "?" -> 3)."""
    best = run = 0
    for prev, tok in zip((None, *tokens), tokens):
        run = run + 1 if tok == prev and not any(ch.isalnum() for ch in tok) else 1
        best = max(best, run)
    return best if best > 1 else 0


def _digits(tokens: list[str]) -> str:
    return "".join(ch for t in tokens for ch in t if ch.isdigit())


def _doubled(ws: list[str]) -> int:
    """Words or phrases of up to three words said twice in a row ("not not", "increase now
    increase now"): the decoder's copy pointer slipping back, not a correction."""
    return sum(ws[i:i + n] == ws[i + n:i + 2 * n] for n in (1, 2, 3) for i in range(len(ws) + 1 - 2 * n))


def _known_form(word: str, lexicon: Mapping[str, int], contracted: tuple[str, ...]) -> bool:
    """Hyphenated compounds and contractions of known words ("well-known", "shouldn't")."""
    parts = [p for p in word.replace("'", "-").split("-") if p]
    return len(parts) > 1 and all(p in lexicon or p in contracted for p in parts)
