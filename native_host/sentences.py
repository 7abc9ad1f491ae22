"""Sentence splitting with exact character offsets.

Rule-based on purpose: the host must stay small and fast, and a wrong split
only costs the model a little context. Offsets are Python str indices
(code points); conversion to UTF-16 happens at the edge (see offsets.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ends a sentence even before a lower-case word ("i went home. then i ate"): one period
# or plain ! / ?; not an ellipsis ("wait... maybe") or a closing quote ('"Why?" he asked').
_PLAIN_END = re.compile(r"\.|[!?]+")

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    abbreviations: frozenset[str] | set[str] | None = None) -> list[Span]:
    """Split text[start:end] into sentences; spans exclude surrounding whitespace.
    `abbreviations`: words after which a period ends no sentence (the language's; English by default)."""
    if abbreviations is None:
        from .lang import (
            language,  # at call time: the language's rules import this module's users
        )

        abbreviations = language("en").abbreviations
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if _is_abbreviation(text, m.start(), abbreviations) or not _next_starts_sentence(text, cut, end, m.group()):
            continue
        _append(spans, text, pos, cut)
        pos = cut
    _append(spans, text, pos, end)
    return spans


def _is_abbreviation(text: str, dot: int, abbreviations) -> bool:
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 64), dot)  # bounded: splitting stays linear
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    # Single letters ("J. Smith") and known abbreviations.
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def _next_starts_sentence(text: str, cut: int, end: int, boundary: str) -> bool:
    i = cut
    while i < end and text[i].isspace():
        i += 1
    if i >= end:
        return True
    # A lower-case word continues the sentence only after an ellipsis or a closing quote
    # (abbreviations, "e.g. this", were ruled out before).
    return not text[i].islower() or _PLAIN_END.fullmatch(boundary) is not None


def _append(spans: list[Span], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append(Span(a, b, text[a:b]))
