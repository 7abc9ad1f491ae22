"""Each corruption family makes the kind of change it is named for, and nothing else."""

from __future__ import annotations

import copy
import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.recipe import synthesize_errors as se
from model.recipe.synthesize_errors import Corruptor, join_words, split_words

SEEDS = range(150)

SENTENCES = [
    "The cat sat on a mat near an old house.",
    "She is going to the market with her friends, and they are happy.",
    "My brother has two dogs and a cat, but he walks them every day.",
    "We were talking about their plans for the weekend.",
    "It's clear that the children don't like the new teacher.",
    "I think the weather will be better than it was yesterday.",
    "They have lived in London since 2010, and their house is beautiful.",
    "He believes that the government should receive more money from businesses.",
]


def texts(words):
    return [w.text for w in words]


def run(family, sentence, seed):
    """Apply `family` to `sentence`; return (changed, old tokens, new tokens, new sentence)."""
    words = split_words(sentence)
    before = texts(words)
    changed = family(words, random.Random(seed))
    return changed, before, texts(words), join_words(words)


def opcodes(a, b):
    """Non-equal difflib opcodes between two token lists, compared case-insensitively."""
    la, lb = [t.lower() for t in a], [t.lower() for t in b]
    return [op for op in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes() if op[0] != "equal"]


def single_op(a, b):
    ops = opcodes(a, b)
    assert len(ops) == 1, (a, b, ops)
    tag, i1, i2, j1, j2 = ops[0]
    return tag, [t.lower() for t in a[i1:i2]], [t.lower() for t in b[j1:j2]]


def one_replacement(a, b):
    """Exactly one token replaced (same length, one position differs, case-insensitively)."""
    assert len(a) == len(b), (a, b)
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x.lower() != y.lower()]
    assert len(diff) == 1, (a, b)
    return a[diff[0]].lower(), b[diff[0]].lower()


def check_family(family, sentences, check, nothing):
    """Run `family` over sentences x seeds: every change passes `check(before, after)` and the
    sentence changed; on `nothing` (sentences where the family cannot apply) it returns False
    and leaves the word list untouched. Returns the set of labels `check` reported."""
    seen = set()
    for sentence in sentences:
        assert join_words(split_words(sentence)) == sentence
        for seed in SEEDS:
            changed, before, after, new = run(family, sentence, seed)
            assert all(after), (family.__name__, sentence, seed, after)  # no empty words left behind
            if changed:
                assert new != sentence, (family.__name__, sentence, seed)
                seen.add(check(before, after))
            else:
                assert after == before
    for sentence in nothing:
        for seed in range(20):
            words = split_words(sentence)
            snapshot = copy.deepcopy(words)
            assert family(words, random.Random(seed)) is False, (family.__name__, sentence)
            assert words == snapshot
    return seen


# --- families -------------------------------------------------------------------------


def test_articles():
    def check(a, b):
        tag, old, new = single_op(a, b)
        if tag == "delete":
            assert old in (["a"], ["an"], ["the"])
        elif tag == "insert":
            assert new in (["a"], ["an"], ["the"])
        else:
            assert tag == "replace" and old[0] in se.ARTICLES and new[0] in se.ARTICLES and old != new
        return tag

    seen = check_family(se.articles, SENTENCES + ["Dogs chase cats."], check, ["Quickly, quietly!", ""])
    assert seen == {"delete", "insert", "replace"}
    # An article inserted before the first word takes over its capital.
    starts = {run(se.articles, "Dogs chase cats.", s)[3].split()[0] for s in SEEDS}
    assert starts & {"A", "An", "The"} and not starts & {"a", "an", "the"}


def test_prepositions():
    def check(a, b):
        tag, old, new = single_op(a, b)
        if tag == "replace":
            assert len(old) == len(new) == 1 and old[0] in se.PREPOSITIONS and new[0] in se.PREPOSITIONS
        elif tag == "delete":
            assert len(old) == 1 and old[0] in se.PREPOSITIONS
        else:
            assert len(new) == 1 and new[0] in se.PREPOSITIONS
        return tag

    seen = check_family(se.prepositions, SENTENCES, check, ["Quickly, quietly!"])
    assert seen == {"delete", "insert", "replace"}


def test_verb_form():
    from lemminflect import getAllLemmas

    def check(a, b):
        old, new = one_replacement(a, b)
        assert old not in se.AUX
        assert set(getAllLemmas(old)["VERB"]) & set(getAllLemmas(new).get("VERB", ())), (old, new)
        return "replace"

    check_family(se.verb_form, SENTENCES, check, ["Quickly, quietly!"])
    # went -> a different form of "go"
    forms = {run(se.verb_form, "They went home.", s)[2][1] for s in SEEDS}
    assert forms - {"went"} and forms - {"went"} <= {"go", "goes", "going", "gone"}


def test_agreement():
    from lemminflect import getAllLemmas

    def check(a, b):
        old, new = one_replacement(a, b)
        if old in se.AUX:
            assert new == se.AUX[old]
            return "aux"
        # third person -s <-> base form of the same verb
        assert getAllLemmas(old)["VERB"][0] == getAllLemmas(new)["VERB"][0]
        assert old.endswith("s") != new.endswith("s") or {old, new} & {"has", "have", "does", "do"}
        return "verb"

    seen = check_family(se.agreement, SENTENCES + ["He walks to work.", "They walk to work."], check, ["Quickly, quietly!"])
    assert seen == {"aux", "verb"}
    for sentence, old, new in [("There is a cat.", "is", "are"), ("There are cats.", "are", "is"), ("It was late.", "was", "were")]:
        for seed in SEEDS:
            changed, before, after, _ = run(se.agreement, sentence, seed)
            if changed and old not in after:
                assert after[before.index(old)] == new
                break
        else:
            pytest.fail(f"agreement never turned {old!r} into {new!r}")


def test_noun_number():
    from lemminflect import getAllLemmas

    def check(a, b):
        old, new = one_replacement(a, b)
        assert getAllLemmas(old)["NOUN"][0] == getAllLemmas(new)["NOUN"][0], (old, new)
        return "replace"

    check_family(se.noun_number, SENTENCES + ["The children ate apples."], check, ["Quickly, quietly!"])
    outcomes = {run(se.noun_number, "The children ate apples.", s)[2][i] for s in SEEDS for i in (1, 3)}
    assert {"child", "apple"} <= outcomes


def damerau(a: str, b: str) -> int:
    """Optimal string alignment distance (insert, delete, substitute, transpose neighbours)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_spelling():
    def check(a, b):
        assert len(a) == len(b)
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        assert len(diff) == 1, (a, b)
        old, new = a[diff[0]], b[diff[0]]
        if se.MISSPELLINGS.get(old.lower()) == new.lower():
            return "known"
        assert 1 <= damerau(old.lower(), new.lower()) <= 3, (old, new)
        assert old[0] == new[0]  # the first letter is never touched
        return "typo"

    seen = check_family(se.spelling, SENTENCES, check, ["I am ok.", "Oh, hi!"])
    assert seen == {"known", "typo"}


def test_confusables():
    def check(a, b):
        old, new = one_replacement(a, b)
        assert new in se._CONFUSE[old] and new != old
        return "replace"

    check_family(se.confusables, SENTENCES, check, ["Quickly, quietly!"])
    outcomes = {run(se.confusables, "Their house is nice.", s)[2][0] for s in SEEDS}
    assert outcomes == {"There", "They're"}


def test_punctuation():
    def check(a, b):
        words_a = [t for t in a if t[0].isalnum()]
        words_b = [t for t in b if t[0].isalnum()]
        assert words_a == words_b  # only punctuation changes
        tag, old, new = single_op(a, b)
        assert all(t in {",", ".", "!", "?"} for t in old + new), (old, new)
        assert len(old) <= 1 and len(new) <= 1
        return tag

    seen = check_family(se.punctuation, SENTENCES + ["Stop!"], check, ["Hello", "42"])
    assert seen == {"delete", "insert", "replace"}
    changed, _, _, new = run(se.punctuation, "We left, and it rained.", 0)
    assert changed and "  " not in new and " ," not in new


def test_capitalization():
    def check(a, b):
        assert [t.lower() for t in a] == [t.lower() for t in b]
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        assert len(diff) == 1
        old, new = a[diff[0]], b[diff[0]]
        assert old[1:] == new[1:] and old[0].swapcase() == new[0]
        return "first" if diff[0] == 0 else "other"

    seen = check_family(se.capitalization, SENTENCES, check, ["42", "123 456", ""])
    assert seen == {"first", "other"}


def test_missing_extra():
    def check(a, b):
        tag, old, new = single_op(a, b)
        if tag == "delete":
            assert len(old) == 1 and old[0][0].isalpha()
            return "delete"
        if tag == "insert":
            assert len(new) == 1
            return "insert"
        # a duplicated word next to its twin can show up as a replace in difflib's view
        assert len(b) == len(a) + 1
        return "insert"

    seen = check_family(se.missing_extra, SENTENCES, check, ["42 !", ""])
    assert seen == {"delete", "insert"}
    # Duplicates keep the word as it is ("London London", not "london London").
    dups = set()
    for seed in SEEDS:
        _, before, after, new = run(se.missing_extra, "We flew to London today.", seed)
        if len(after) == len(before) + 1 and after.count("London") + after.count("london") == 2:
            dups.add(new)
    assert "We flew to London London today." in dups
    assert not any("london" in d for d in dups)


def test_word_order():
    def check(a, b):
        assert len(a) == len(b)
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x.lower() != y.lower()]
        assert len(diff) == 2 and diff[1] == diff[0] + 1
        i = diff[0]
        assert a[i].lower() == b[i + 1].lower() and a[i + 1].lower() == b[i].lower()
        return "swap"

    check_family(se.word_order, SENTENCES, check, ["Hi!", "42 !"])
    # At the start of a sentence the capital moves with the position.
    swapped = {run(se.word_order, "Dogs bark loudly.", s)[3] for s in SEEDS}
    assert "Bark dogs loudly." in swapped


def test_apostrophes():
    def check(a, b):
        if len(b) == len(a) - 1:  # a lone apostrophe token was removed
            tag, removed, _ = single_op(a, b)
            assert tag == "delete" and removed in (["'"], ["’"])
            return "drop"
        old, new = one_replacement(a, b)
        if (old, new) in {("its", "it's"), ("whose", "who's")}:
            return "add"
        assert new.replace("'", "").replace("’", "") == old.replace("'", "").replace("’", "") and new != old
        return "drop"

    seen = check_family(se.apostrophes, SENTENCES + ["Its tail is long.", "Tom's book.", "Whose is it?", "The parents' house is 'big'."], check, ["Quickly, quietly!"])
    assert seen == {"add", "drop"}
    # A lone apostrophe token (plural possessive) is removed together with its word slot;
    # single quotation marks are not apostrophes and stay.
    outcomes = {run(se.apostrophes, "The parents' house is 'big'.", s)[3] for s in SEEDS}
    assert outcomes == {"The parents house is 'big'."}


def test_fluent_slips():
    def check(a, b):
        old, new = one_replacement(a, b)
        if new == "of":
            assert old == "have"
            return "modal_of"
        if new == "don't":
            assert old == "doesn't"
            return "dont"
        assert old in ("went", "walked", "bought") and new in ("go", "walk", "buy")
        return "tense"

    sentences = ["She could have told us, but he doesn't care.", "Yesterday we went out and walked home.",
                 "I bought it last week."]
    seen = check_family(se.fluent_slips, sentences, check, ["We go home now.", "They don't, and they have it."])
    assert seen == {"modal_of", "dont", "tense"}
    assert {run(se.fluent_slips, "You should've known.", s)[3] for s in range(5)} == {"You should of known."}


def test_homophones():
    def check(a, b):
        if len(b) == len(a) + 1:  # "everyday" -> "every day"
            return "split"
        old, new = one_replacement(a, b)
        if old in se.USAGE:
            assert new == se.USAGE[old]
            return "usage"
        assert new in se._HOMOPHONE[old] and new != old
        return "sound"

    sentences = SENTENCES + ["There were fewer cars than last year.", "I used to live there.", "It's everyday life."]
    seen = check_family(se.homophones, sentences, check, ["Quickly, quietly!", "He used it."])
    assert seen == {"sound", "usage", "split"}
    assert {run(se.homophones, "There are many reasons.", s)[3] for s in SEEDS} == {
        "Their are many reasons.", "They're are many reasons."}
    assert "Wait and hour." in {run(se.homophones, "Wait an hour.", s)[3] for s in SEEDS}
    assert {run(se.homophones, "We had fewer people.", s)[3] for s in SEEDS} == {"We had less people."}


def test_clause_agreement():
    def check(a, b):
        old, new = one_replacement(a, b)
        assert {old, new} in ({"is", "are"}, {"was", "were"}, {"has", "have"})
        return "attracted"

    sentences = ["The list of items is long.", "The members of the team are here.", "The cost of the repairs was high."]
    check_family(se.clause_agreement, sentences, check, ["The items are here.", "The list of the items.", "The list of items are long.", "Dogs bark."])
    assert {run(se.clause_agreement, "The list of items is long.", s)[3] for s in SEEDS} == {"The list of items are long."}
    assert {run(se.clause_agreement, "The members of the team are here.", s)[3] for s in SEEDS} == {
        "The members of the team is here."}


def test_a_an():
    def check(a, b):
        old, new = one_replacement(a, b)
        assert {old, new} == {"a", "an"}
        return "swap"

    check_family(se.a_an, SENTENCES, check, ["The cat sat.", "It is a."])
    assert {run(se.a_an, "An apple a day.", s)[3] for s in SEEDS} == {"A apple a day.", "An apple an day."}


def test_small_words():
    def check(a, b):
        tag, old, new = single_op(a, b)
        if len(b) == len(a) + 1:
            return "doubled"
        assert tag == "delete" and len(old) == 1 and old[0] in se.SMALL_WORDS
        return "dropped"

    seen = check_family(se.small_words, SENTENCES, check, ["Dogs bark loudly.", "The"])
    assert seen == {"doubled", "dropped"}
    assert "I want go home." in {run(se.small_words, "I want to go home.", s)[3] for s in SEEDS}
    assert "I want to to go home." in {run(se.small_words, "I want to go home.", s)[3] for s in SEEDS}


def test_the_default_mix_makes_the_pairs_it_made_before_the_fluent_families():
    """The fluent families have weight 0 in the default mixture: a seed gives the same pairs
    as with the families absent, so earlier runs stay reproducible."""
    old = {k: w for k, (_, w) in se.FAMILIES.items() if w}
    for seed in range(30):
        for sentence in SENTENCES:
            assert Corruptor()(sentence, random.Random(seed)) == Corruptor(weights=dict(old))(sentence, random.Random(seed))


def test_the_fluent_mix_keeps_half_and_uses_the_fluent_families():
    keep, weights = se.MIXES["fluent"]
    assert keep == 0.5 and set(weights) <= set(se.FAMILIES)
    assert all(weights[k] > 0 for k in ("homophones", "clause_agreement", "a_an", "small_words", "fluent_slips"))
    corrupt = Corruptor(keep=keep, weights=dict(weights))
    rng = random.Random(3)
    outs = [corrupt(s, rng) for _ in range(100) for s in SENTENCES]
    assert 0.4 < sum(o in SENTENCES for o in outs) / len(outs) < 0.65


def test_every_family_is_tested():
    tested = {name[5:] for name in globals() if name.startswith("test_")}
    assert set(se.FAMILIES) <= tested


# --- words and the corruptor --------------------------------------------------------------


@pytest.mark.parametrize("sentence", SENTENCES + [
    'He said, "Don\'t go!" and left…', "Costs rose 5% in 2020 (see p. 3).", "e-mail  me\tat 10:30 — ok?", "Ça coûte 5 €, n’est-ce pas?",
])
def test_split_join_round_trip(sentence):
    assert join_words(split_words(sentence)) == sentence


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_split_join_keeps_everything_but_outer_whitespace(s):
    assert join_words(split_words(s)) == s.strip()


def test_corruptor_keeps_about_the_requested_share():
    rng = random.Random(7)
    corrupt = Corruptor(keep=0.3)
    n = 3000
    outputs = [corrupt(SENTENCES[i % len(SENTENCES)], rng) for i in range(n)]
    unchanged = sum(o == SENTENCES[i % len(SENTENCES)] for i, o in enumerate(outputs)) / n
    assert abs(unchanged - 0.3) < 0.04, unchanged
    assert all(o.strip() for o in outputs)


@pytest.mark.parametrize("sentence", ["A.", "The", "the cat", "I", "!", "Hi", "It's", "'", "an"])
def test_corruptor_never_returns_empty(sentence):
    corrupt = Corruptor(keep=0.0)
    for seed in range(300):
        assert corrupt(sentence, random.Random(seed)).strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1).filter(str.strip), st.integers(0, 2**32))
def test_corruptor_survives_any_text(s, seed):
    out = Corruptor(keep=0.0)(s, random.Random(seed))
    assert out.strip() and "\n" not in out.replace(s, "") if "\n" not in s else out.strip()
