"""The lexicon's compact word -> count map behaves as the dict it replaces."""

import sys

from native_host.lexicon import WordCounts, load_counts
from tests.host.model_fixture import model_dir


def test_word_counts_on_made_up_lines():
    counts = WordCounts("the\t50\n\nof\t20\nxylophone\nthe\t7\nnaïve\t3\n")
    assert len(counts) == 5 and list(counts) == ["the", "of", "xylophone", "the", "naïve"]
    assert counts["the"] == 50  # listed twice: its first count
    assert counts["xylophone"] == 1  # no count: 1
    assert counts["naïve"] == 3 and "naive" not in counts
    assert counts.get("cat") is None and counts.get("cat", 0) == 0 and "cat" not in counts
    assert 5 not in counts and counts.get(None, 1) == 1
    assert dict(counts.items())["of"] == 20
    assert not WordCounts("") and len(WordCounts("")) == 0


def test_the_shipped_lexicon_is_the_dict_it_was_in_less_memory():
    path = model_dir() / "words.txt"
    plain = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition("\t")
        if word:
            plain.setdefault(word, int(count) if count else 1)
    counts = load_counts(model_dir())
    assert len(counts) == len(plain) and list(counts) == list(plain)
    assert all(counts[w] == c for w, c in plain.items())
    assert all(w + "q" not in counts or w + "q" in plain for w in list(plain)[:5000])
    size = sum(sys.getsizeof(getattr(counts, a)) for a in vars(counts))
    as_dict = sys.getsizeof(plain) + sum(sys.getsizeof(w) + sys.getsizeof(c) for w, c in plain.items())
    assert size < as_dict / 2  # measured: 4.4 MB against 12 MB
