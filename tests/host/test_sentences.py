"""Sentence splitting: where informal and formal text ends a sentence, with exact offsets."""

import pytest

from native_host.sentences import split_sentences


def texts(text: str) -> list[str]:
    spans = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in spans)
    return [s.text for s in spans]


@pytest.mark.parametrize("text, expected", [
    ("It rained. We stayed home.", ["It rained.", "We stayed home."]),
    # Informal text: a lower-case word after a plain period, ! or ? starts a sentence.
    ("i went home. then i ate.", ["i went home.", "then i ate."]),
    ("really? no way! ok", ["really?", "no way!", "ok"]),
    # ... but not after an abbreviation, an initial, an ellipsis or a closing quote.
    ("See e.g. this one, cf. the other.", ["See e.g. this one, cf. the other."]),
    ("Talk to Dr. Smith and J. Doe today.", ["Talk to Dr. Smith and J. Doe today."]),
    ("wait... maybe not.", ["wait... maybe not."]),
    ('"Why?" he asked. "Because," she said.', ['"Why?" he asked.', '"Because," she said.']),
])
def test_split(text, expected):
    assert texts(text) == expected
