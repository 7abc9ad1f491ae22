"""The model's word lists (loaded from its folder) and the words of a sentence.

    words.txt        every word the model's corpus used, with its count: what the speller
                     knows and may offer, and what the guard lets the model write
    known.txt        right, but never offered (model/recipe/known_words.py)
    capitalised.txt  always written with a capital ("london", "monday", "english")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .word_diff import word_tokens

# After a capitalised word, another one (not "I") makes it a first name: "Mayme Farmer", "Flinn O'Brien".
NAME_FOLLOWS = re.compile(r"\s+(?!I\b)[A-Z][a-z]")


@dataclass(frozen=True)
class Lexicon:
    counts: dict[str, int] | None  # None: the model ships no words.txt (no speller, no known-word tests)
    known: frozenset[str]
    capitalised: frozenset[str]

    @classmethod
    def load(cls, model_dir: Path) -> Lexicon:
        return cls(load_counts(model_dir), _word_list(model_dir, "known.txt"), _word_list(model_dir, "capitalised.txt"))


def load_counts(model_dir: Path) -> dict[str, int] | None:
    """words.txt as lower-case word -> count ("word<TAB>count" lines; a line with no count
    counts 1), or None if the model ships none."""
    path = Path(model_dir) / "words.txt"
    if not path.exists():
        return None
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition("\t")
        if word:
            out[word] = int(count) if count else 1
    return out


def _word_list(model_dir: Path, name: str) -> frozenset[str]:
    """The words of a model file (lower case, one per line), or none if the model ships no such file."""
    path = Path(model_dir) / name
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


def words(tokens) -> list[str]:
    """The lower-case words among `tokens` (punctuation dropped, curly apostrophes straight)."""
    return [t.lower().replace("’", "'") for t in tokens if any(ch.isalpha() for ch in t)]


def sentence_words(text: str) -> list[str]:
    """The lower-case words of `text`, tokenized as word_diff.diff does."""
    return words(t for t, _, _ in word_tokens(text))
