"""What the checker needs to know about a language, behind one seam.

A language is a folder here (`en/`) that builds one `Language`: its word lists, the
messages of the edits its stages make, and its rules before and after the model. The
pipeline (pipeline.py) reads everything language-specific from it, so a second language
is one new folder plus a model trained for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module


@dataclass(frozen=True)
class Language:
    tag: str                                   # BCP 47 primary tag: "en"
    function_words: frozenset[str]             # the guard lets these go; a split may produce them
    contracted: tuple[str, ...]                # what may follow an apostrophe ("don't": "t")
    compounds: Mapping[str, str]               # closed compounds written apart: "my self" -> "myself"
    compounds_not_before: Mapping[str, str]    # ... except before this word ("every one of")
    abbreviations: frozenset[str]              # a period after these ends no sentence
    messages: Mapping[str, str]                # the speller's messages, str.format templates
    classify: Callable                         # (model edit, sentence, known) -> (category, message)
    rules_before_model: tuple[Callable, ...] = field(default=())  # stages: (Sentence) -> list[Edit]
    rules_after_model: tuple[Callable, ...] = field(default=())


def language(tag: str | None) -> Language:
    """The Language for a BCP 47 tag ("en", "en-GB"); English when the tag is empty.
    Raises LookupError for a language Redline has no folder for."""
    primary = (tag or "en").split("-")[0].lower()
    if not primary.isalpha():
        raise LookupError(f"no language {tag!r}")
    try:
        module = import_module(f"{__name__}.{primary}")
    except ModuleNotFoundError:
        raise LookupError(f"Redline does not check {tag!r} yet") from None
    return module.LANGUAGE
