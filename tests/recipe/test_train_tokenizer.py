"""The byte-level BPE tokenizer gives back exactly the text it was given."""

from __future__ import annotations

import gzip
import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from model.recipe import train_tokenizer


@pytest.fixture(scope="module")
def tok(shared_data, tmp_path_factory):
    lines = []
    for name in ("wikipedia_vital", "spamassassin_ham"):
        for path in sorted((shared_data / "corpus" / name).glob("*.txt.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                lines += [line.strip() for line in itertools.islice(f, 200) if line.strip()]
    built = train_tokenizer.build(600, lines)
    # What training and the runtime use is the saved file, loaded again.
    path = tmp_path_factory.mktemp("tok") / "tokenizer.json"
    built.save(str(path))
    return train_tokenizer.load(path)


TEXTS = [
    "Hello, world!",
    "I 😀 emoji 👩‍👩‍👧 and flags 🇫🇷.",
    "café naïve Ångström façade",
    "combining: e\u0301 a\u0300 n\u0303 (decomposed accents)",
    "“curly” ‘quotes’ — dashes – and … ellipsis",
    "tabs\tinside\tthe\ttext",
    "Windows line\r\nbreaks\r\n",
    "multiple   spaces    here",
    "  leading and trailing  ",
    "中文字符和日本語のテキスト, 한국어",
    "zero\u200bwidth and non\u00a0breaking",
    "strike <s>old</s> text, <pad> and <unk> in user text",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip(tok, text):
    assert tok.decode(tok.encode(text).ids) == text


def test_user_text_never_yields_special_ids(tok):
    ids = tok.encode("a <s> b </s> c <pad> d <unk>").ids
    assert not set(ids) & {train_tokenizer.PAD, train_tokenizer.BOS, train_tokenizer.EOS, train_tokenizer.UNK}


def test_special_ids(tok):
    assert [tok.token_to_id(t) for t in train_tokenizer.SPECIAL] == [
        train_tokenizer.PAD, train_tokenizer.BOS, train_tokenizer.EOS, train_tokenizer.UNK]


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("\r\n\t  \u0301")
@example("</s>")
def test_round_trip_any_text(tok, text):
    assert tok.decode(tok.encode(text).ids) == text
