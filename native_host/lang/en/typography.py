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

from .context import COMMON, Proposal, non_overlapping
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


_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# "five o clock", "5 o' clock", "5 oclock": the word is "o'clock".
_OCLOCK = re.compile(r"(?<=(?:\d|[a-z]) )(o['’]? clock|oclock)(?![\w'’-])", re.IGNORECASE)
_NEGATIVE_TAGS = ("isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|shouldn't|haven't|"
                  "hasn't|hadn't")
# "It's nice isn't it?": a tag question at the end, with no comma before it.
_TAG = re.compile(r"(?<![\w'’-])([A-Za-z0-9]+)( (?:" + _NEGATIVE_TAGS.replace("'", "['’]") + r") (?:he|she|it|they|we|you|I|there)\?)[\"”’)]*$")
# A sentence opening with these is a question itself, not a statement with a tag:
# "Why isn't it?", "Is it true or isn't it?".
_QUESTION_START = {"what", "where", "when", "why", "how", "who", "which", "whose", "is", "are", "was", "were", "do",
                   "does", "did", "have", "has", "had", "can", "could", "will", "would", "should", "shall", "may",
                   "might", "must", "isn't", "aren't", "don't", "doesn't", "didn't", "won't", "wouldn't", "can't"}
# The model scores the comma -2 to -8 nats where it belongs (7 sentences of our own) and
# -9 where it does not (3 corpus sentences): a loose bar.
_TAG_BAR = -9.0


def proposals(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """Every typing slip in `text`, in order, none overlapping."""
    found = _repeated(text) + _space_before(text) + _no_space_after(text, counts) + _hyphenated(text) + _oclock(
        text, counts) + _tag_comma(text)
    return non_overlapping(found)


def _oclock(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """"five o clock" -> "five o'clock", "5 o' clock" -> "5 o'clock"."""
    out = []
    for m in _OCLOCK.finditer(text):
        before = text[:m.start()].split()[-1]
        if before.isdigit() or before.lower() in _NUMBER_WORDS.split("|"):
            new = "o’clock" if "’" in text and "'" not in text else "o'clock"
            out.append(Proposal(m.start(), m.end(), new, "en.oclock", None, f"Write “{new}” as one word with an apostrophe.",
                                "punctuation"))
    return out


def _tag_comma(text: str) -> list[Proposal]:
    """"It's nice isn't it?" -> "It's nice, isn't it?": a comma before a tag question.
    The model judges ("You know I can't can't you?")."""
    m = _TAG.search(text)
    words = text[:m.start(2)].split() if m else []
    if not m or len(words) < 3 or words[0].strip("\"“‘'(").lower() in _QUESTION_START or "," in words[-1] \
            or m.group(1).lower() in _QUESTION_START:  # "'You drink,' he said: 'why shouldn't I?'"
        return []
    return [Proposal(m.start(1), m.end(1), m.group(1) + ",", "en.tag_comma", _TAG_BAR,
                     f"Put a comma before the tag question: “{m.group(1)},{m.group(2)}”", "punctuation")]


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
