"""The model's word lists (loaded from its folder) and the words of a sentence.

    words.txt        every word the model's corpus used, with its count: what the speller
                     knows and may offer, and what the guard lets the model write
    known.txt        right, but never offered (model/recipe/known_words.py)
    capitalised.txt  always written with a capital ("london", "monday", "english")
"""

from __future__ import annotations

import io
import re
from array import array
from bisect import bisect_left
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .word_diff import word_tokens

# After a capitalised word, another one (not "I") makes it a first name: "Mayme Farmer", "Flinn O'Brien".
NAME_FOLLOWS = re.compile(r"\s+(?!I\b)[A-Z][a-z]")


@dataclass(frozen=True)
class Lexicon:
    counts: Mapping[str, int] | None  # None: the model ships no words.txt (no speller, no known-word tests)
    known: Container[str]        # `word in known` (a WordCounts: 42k words in ~1.6 MB, 4.5 MB as a frozenset)
    capitalised: Container[str]

    @classmethod
    def load(cls, model_dir: Path) -> Lexicon:
        return cls(load_counts(model_dir), _word_list(model_dir, "known.txt"), _word_list(model_dir, "capitalised.txt"))


def load_counts(model_dir: Path) -> WordCounts | None:
    """words.txt as lower-case word -> count ("word<TAB>count" lines; a line with no count
    counts 1), or None if the model ships none."""
    path = Path(model_dir) / "words.txt"
    return WordCounts(path.read_text(encoding="utf-8")) if path.exists() else None


_LINE = re.compile(r"^([^\t\n]+)(?:\t([^\n]*))?$", re.MULTILINE)


class WordCounts(Mapping):
    """A read-only word -> count map in a few arrays, from "word<TAB>count" lines: 94k words
    take ~2.5 MB here, ~13 MB as a dict of str and int objects (the host's memory, issue #22).
    A lookup hashes the word, binary-searches the sorted hashes and compares the word
    itself; iteration is in the file's order; a word listed twice keeps its first count."""

    def __init__(self, lines: str):
        # A word at a time (no list of 94k strings, even while loading): the words, one a line.
        text = io.StringIO()
        for m in _LINE.finditer(lines):
            text.write(m.group(1) + "\n")
        self._text = text.getvalue()
        words = re.finditer(r"[^\n]+", self._text)
        self._starts = array("q", (m.start() for m in re.finditer(r"^", self._text, re.MULTILINE)))  # + the end
        self._counts = array("q", (int(m.group(2)) if m.group(2) else 1 for m in _LINE.finditer(lines)))
        hashes = np.fromiter((hash(m.group()) for m in words), dtype=np.int64, count=len(self._counts))
        order = np.argsort(hashes, kind="stable")  # equal hashes: the file's order
        self._hashes = array("q", hashes[order].tobytes())
        self._order = array("i", order.astype(np.int32).tobytes())

    def _index(self, word) -> int:
        """The word's line (0-based), or -1."""
        if not isinstance(word, str):
            return -1
        h = hash(word)
        i = bisect_left(self._hashes, h)
        while i < len(self._hashes) and self._hashes[i] == h:
            j = self._order[i]
            if self._text[self._starts[j]:self._starts[j + 1] - 1] == word:
                return j
            i += 1
        return -1

    def __getitem__(self, word: str) -> int:
        j = self._index(word)
        if j < 0:
            raise KeyError(word)
        return self._counts[j]

    def get(self, word: str, default=None):
        j = self._index(word)
        return default if j < 0 else self._counts[j]

    def __contains__(self, word) -> bool:
        return self._index(word) >= 0

    def __len__(self) -> int:
        return len(self._counts)

    def __iter__(self) -> Iterator[str]:
        return (m.group() for m in re.finditer(r"[^\n]+", self._text))

    def items(self):
        return zip(self, self._counts)


def _word_list(model_dir: Path, name: str) -> WordCounts:
    """The words of a model file (lower case, one per line), or none if the model ships no such file:
    asked `word in` only, so kept as WordCounts' arrays, not a set of str objects (issue #22)."""
    path = Path(model_dir) / name
    return WordCounts("\n".join(path.read_text(encoding="utf-8").split()) if path.exists() else "")


def words(tokens) -> list[str]:
    """The lower-case words among `tokens` (punctuation dropped, curly apostrophes straight)."""
    return [t.lower().replace("’", "'") for t in tokens if any(ch.isalpha() for ch in t)]


def sentence_words(text: str) -> list[str]:
    """The lower-case words of `text`, tokenized as word_diff.diff does."""
    return words(t for t, _, _ in word_tokens(text))
