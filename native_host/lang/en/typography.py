"""Slips of the keyboard that a rule sees for certain and the model, which reads tokens,
does not: a small word typed twice ("the the"), a space before a comma or full stop
("nice , but"), no space after one ("late.We", "apples,pears"), and a number or
compound that English always hyphenates ("twenty one", "self esteem", "old fashioned").

All are certain (bar None) but a doubled word that can end a phrase ("resorted to to
avert"), which the model judges. A sentence reaches the rules whitespace-normalised
(pipeline.run), so a doubled space is not one of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .confusables import COMMON, Proposal, non_overlapping
from .words import FUNCTION_WORDS

# Small words that are right twice in a row: "that that", "had had", "what it is is",
# "I gave her her book", "log in in the morning", particles before a preposition.
_DOUBLE_OK = {"that", "had", "is", "was", "do", "did", "her", "very", "really", "so", "no", "yes", "well", "now",
              "there", "too", "far", "long", "more", "many", "much", "again", "ever", "over", "in", "on", "out", "up",
              "off", "down", "by", "around", "through", "after", "before", "about", "along", "across", "back", "round",
              "one", "little", "else", "here", "then", "why", "what", "who", "which", "how", "once", "not", "enough"}
_MAY_END_A_PHRASE = {"to", "you", "it", "him", "them", "us", "me", "his", "for", "with", "of", "as", "like", "this"}
_REPEATED_BAR = -3.0
_REPEATED = re.compile(r"(?<![\w'’-])([A-Za-z]+)( \1)(?![\w'’-])", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"(?<=[A-Za-z0-9)\]\"”’%])( +)([,.;:!?])(?=\s|$)")
# "late.We", "apples,pears": both sides common words, the token no file name, address or number.
_NO_SPACE_AFTER = re.compile(r"(?<![\w./@:\\-])([a-z]{2,})([,;.!?])([A-Za-z][a-z]+)(?![\w./@:\\-])")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
# Compounds written with a hyphen wherever they stand.
_ALWAYS_HYPHENATED = re.compile(
    r"(?<![\w'’-])(?:(" + _TENS + r") (" + _UNITS + r")|(self) (esteem|confidence|confident|employed|employment|"
    r"control|defen[cs]e|awareness|aware|conscious|made|taught|sufficient|service|worth)|(old) (fashioned)|"
    r"(long) (lasting)|(well) (being))(?![\w'’-])", re.IGNORECASE)


def proposals(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """Every typing slip in `text`, in order, none overlapping."""
    found = _repeated(text) + _space_before(text) + _no_space_after(text, counts) + _hyphenated(text)
    return non_overlapping(found)


def _repeated(text: str) -> list[Proposal]:
    """"the the" -> "the": a small word twice, the second in lower case."""
    out = []
    for m in _REPEATED.finditer(text):
        word, again = m.group(1), m.group(2)[1:]
        if word.lower() in FUNCTION_WORDS and word.lower() not in _DOUBLE_OK and (again.islower() or again == "I"):
            # "resorted to to avert", "with you you may": a clause or phrase can end on the word.
            bar = _REPEATED_BAR if word.lower() in _MAY_END_A_PHRASE else None
            out.append(Proposal(m.end(1), m.end(2), "", "en.repeated_word", bar,
                                f"“{again}” is typed twice: delete one.", "grammar"))
    return out


def _space_before(text: str) -> list[Proposal]:
    """"nice , but" -> "nice, but": no space before a comma, full stop, colon or question mark."""
    return [Proposal(m.start(1), m.end(2), m.group(2), "en.space_before_punctuation", None,
                     f"Remove the space before “{m.group(2)}”.", "punctuation")
            for m in _SPACE_BEFORE.finditer(text)]


def _no_space_after(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """"late.We left" -> "late. We left", "apples,pears" -> "apples, pears"."""
    out = []
    for m in _NO_SPACE_AFTER.finditer(text) if counts else ():
        before, mark, after = m.groups()
        if mark in ".!?" and not after[0].isupper():
            continue  # "node.js", "example.com": a sentence's next word has a capital
        if counts.get(before, 0) < COMMON or counts.get(after.lower(), 0) < COMMON:
            continue
        out.append(Proposal(m.start(2), m.end(2), mark + " ", "en.space_after_punctuation", None,
                            f"Put a space after “{mark}”.", "punctuation"))
    return out


def _hyphenated(text: str) -> list[Proposal]:
    """"twenty one" -> "twenty-one", "self esteem" -> "self-esteem"."""
    out = []
    for m in _ALWAYS_HYPHENATED.finditer(text):
        first, second = [g for g in m.groups() if g]
        if first.lower() == "well" and text[:m.start()].rstrip().lower().endswith("as"):
            continue  # "as well being a teacher"
        new = f"{first}-{second}"
        out.append(Proposal(m.start(), m.end(), new, "en.hyphen", None, f"Write “{new}” with a hyphen.",
                            "punctuation"))
    return out
