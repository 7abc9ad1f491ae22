"""The host's sentence splitter on the cases the extension's splitter is tested on too
(tests/fixtures/sentences.json; tests/extension/sentences.test.js reads the same file)."""

import json
from pathlib import Path

import pytest

from native_host.sentences import split_sentences

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "sentences.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_the_shared_cases(case):
    assert [s.text for s in split_sentences(case["text"])] == case["sentences"]
