"""The native sample: clean prose, >= 1,000 sentences, disjoint from every sentence the recipe's
data split used, and its documents out of any future training."""

from __future__ import annotations

import pytest

from model.recipe import native_sample as ns
from model.recipe.prepare_data import corpus_paragraphs, good_sentence


@pytest.mark.parametrize("s", [
    "Thank you, sir.",
    "It is 1,849 kilometres (1,149 mi) long, and has a drainage basin of 1,039,000 square kilometres.",
    "1960 promises to be the most prosperous year in our history.",
])
def test_clean_prose_keeps_finished_sentences(s):
    assert ns.clean_prose(s)


@pytest.mark.parametrize("s", [
    "II.",  # a numbered heading
    "Aromatic compounds have the following general properties:Typically unreactive Often non polar.",
    "People can be categorized as homeless if they are living on the streets ; have no house.",
    "FOREIGN POLICY On January 20, 1953, when I took office, the United States was at war.",
    'This observation is expressed as "3 + 2 = 5", which is read as "three plus two equals five".',
    "[In any event, this one reduction will save taxpayers money.]",
    "If the set has n elements, the number of k-combinations is equal to the binomial coefficient:",
    "May our third century be illuminated by liberty, so that we may be the humble servants of thy peace.",
])
def test_clean_prose_drops_lists_formulas_headings(s):
    assert not ns.clean_prose(s)


@pytest.fixture(scope="module")
def sample(shared_data):
    return ns.build(shared_data.parent)


def test_sample_size_and_sources(sample, shared_data):
    assert len(sample) >= 1000
    years = ns.sotu_years(shared_data.parent)
    assert {s.corpus for s in sample} == {"wikipedia_vital", "sotu"}
    assert all(years[s.line] > ns.SOTU_AFTER for s in sample if s.corpus == "sotu")
    assert len({s.text.lower() for s in sample}) == len(sample)
    assert ns.build(shared_data.parent) == sample  # deterministic


def test_sample_disjoint_from_the_split(sample, shared_data):
    """prepare_data trained on (or validated with) every sentence good_sentence accepts; no
    sample sentence is one of them, contains one or lies inside one of its document's (so a
    different sentence split cannot have fed its words to training either)."""
    docs = {(c, n): t for c, n, t in ns.documents(shared_data.parent)}
    used_anywhere = set()
    for text in docs.values():
        used_anywhere.update(s.lower() for s in ns.document_sentences(text) if good_sentence(s))
    for s in sample:
        assert not good_sentence(s.text)
        assert s.text.lower() not in used_anywhere
        used = [u for u in ns.document_sentences(docs[(s.corpus, s.line)]) if good_sentence(u)]
        assert not any(s.text in u or u in s.text for u in used), s.text


def test_future_training_never_sees_the_sample_documents(sample, shared_data):
    held_out = ns.held_out_documents(shared_data.parent)
    assert held_out == {(s.corpus, s.line) for s in sample}
    texts = set()
    for name, para in corpus_paragraphs(shared_data.parent):
        if name not in ns.SOURCES:
            break  # gutenberg and the e-mails come after; they hold no sample document
        texts.add(para)
    kept = len(texts)
    docs = {(c, n): t for c, n, t in ns.documents(shared_data.parent)}
    assert not texts & {docs[d] for d in held_out}
    assert kept >= 9995 - len(held_out)  # all other Wikipedia summaries still train
    used = "\n".join(u for t in texts for u in ns.document_sentences(t) if good_sentence(u))
    assert not [s.text for s in sample if s.text in used]  # not even inside a sentence of another document
