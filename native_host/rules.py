"""Fixed rules for errors the model leaves behind.

- The pronoun "i" (and "i'm", "i've", "i'll", "i'd") is always written "I". The model
  fixes it in most sentences but not all ("After that i studied in more depth").
- A sentence that opens with a linking adverbial ("However", "For example", "In addition",
  "On the other hand") takes a comma after it. Not when the phrase is a preposition
  here ("In addition to the cost", "As a result of the storm", "However much it costs").
  "So" and "Also" are left out: measured on JFLEG and BEA-2019 dev, annotators add the
  comma there too seldom for the rule to gain (MODEL_CARD.md, "Rules").
- A count noun after "many", "several", "these"... is plural ("many subject" -> "many
  subjects"). The model misses most of these; the rule proposes the plural only where the
  next word cannot be the noun the quantifier counts ("many musical events") and leaves the
  choice to the model (Checker._plurals): "many people" -> "peoples" is never taken.

The first two run on the sentence before the model, the third on its output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .plausible import FUNCTION_WORDS

# "i" alone: not part of a word, an abbreviation or a list marker ("i.e.", "(i)", "i-th").
_I = re.compile(r"(?<![\w'’.\-(/@])i(?=(?:['’](?:m|ve|ll|d))?(?![\w'’.\-)/@]))")

LINKING = (
    "however", "therefore", "moreover", "furthermore", "finally", "firstly", "secondly", "thirdly", "lastly",
    "additionally", "consequently", "nevertheless", "nonetheless", "unfortunately", "fortunately",
    "meanwhile", "personally", "hence", "thus", "of course", "for example", "for instance", "in addition",
    "in conclusion", "in my opinion", "in short", "in summary", "on the other hand", "as a result",
    "to sum up", "in other words", "first of all", "to conclude", "in general", "in fact",
)
# A next word that makes the phrase part of the clause: "In addition to", "As a result of",
# "However much", "Thus far", "In general terms" is rare enough to leave.
_NOT_AFTER = {"to", "of", "for", "than", "as", "that", "much", "many", "few", "little", "long", "hard", "often", "far",
              "well", "soon"}
_NOT_AFTER_ANY = {"to", "of", "for", "than", "as", "that"}
_LINKING = re.compile(r"^([\"'“‘(]*)(" + "|".join(sorted(LINKING, key=len, reverse=True)).replace(" ", r"\s+")
                      + r")(\s+)([A-Za-z][\w'’-]*)", re.IGNORECASE)


def capital_i(sentence: str) -> str:
    """`sentence` with the pronoun "i" capitalised."""
    return _I.sub("I", sentence)


def linking_comma(sentence: str) -> str:
    """`sentence` with a comma after an opening linking adverbial that lacks one."""
    m = _LINKING.match(sentence)
    if not m:
        return sentence
    phrase, nxt = m.group(2).lower(), m.group(4).lower()
    if nxt in (_NOT_AFTER if phrase in ("however", "thus") else _NOT_AFTER_ANY):
        return sentence
    return sentence[:m.end(2)] + "," + sentence[m.end(2):]


_QUANTIFIED = re.compile(r"\b(?:many|several|various|numerous|these|those|both|few)\s+([a-z]+)\b(?=\s*([A-Za-z']*))",
                         re.IGNORECASE)
COMMON = 1000  # lexicon count under which a word or its plural is too rare to trust


def plural(word: str, lexicon: Mapping[str, int]) -> str | None:
    """The plural of a singular noun `word`, if both are common words of the lexicon."""
    if word.endswith("s") or lexicon.get(word, 0) < COMMON:
        return None
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        form = word[:-1] + "ies"
    else:
        form = word + ("es" if word.endswith(("ch", "sh", "x", "z")) else "s")
    return form if lexicon.get(form, 0) >= COMMON else None


def quantified_plurals(sentence: str, lexicon: Mapping[str, int]) -> list[tuple[int, int, str]]:
    """(start, end, plural) for each singular word after a plural quantifier that the next
    word shows to be the noun counted: "these subject." and "many way for", not "many
    musical events", "many other things" or "both like to"."""
    out = []
    for m in _QUANTIFIED.finditer(sentence):
        word, following = m.group(1), m.group(2).lower()
        if word.islower() and word != "other" and (not following or following in FUNCTION_WORDS):
            if form := plural(word, lexicon):
                out.append((m.start(1), m.end(1), form))
    return out
