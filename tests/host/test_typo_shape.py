"""typo_shape.py: what a one-word change looks like as a slip of the hand, for the calibrator."""

import pytest

from native_host.confidence import crossed, features, word_counts
from native_host.edits import Edit
from native_host.lexicon import load_counts
from native_host.typo_shape import LetterModel, made_of_known, shape, slip
from tests.host.model_fixture import model_dir


@pytest.fixture(scope="module")
def lexicon():
    counts = load_counts(model_dir())
    assert counts, "the shipped model has no words.txt"
    return counts


@pytest.mark.parametrize("written, meant, kind", [
    ("wierd", "weird", "transposed"), ("teh", "the", "transposed"),
    ("untill", "until", "doubling"), ("ocurred", "occurred", "doubling"), ("begining", "beginning", "doubling"),
    ("thw", "the", "key_slip"), ("thinh", "thing", "key_slip"),
    ("seperate", "separate", "vowel_slip"), ("definately", "definitely", "vowel_slip"),
])
def test_each_slip_is_named(written, meant, kind):
    found = slip(written, meant)
    assert found[kind] == 1.0
    assert all(v == 0.0 for k, v in found.items() if k not in (kind, "same_letters"))


def test_changes_that_are_no_single_slip():
    assert not any(slip("mboard", "medard").values())
    assert not any(slip("fiqh", "fish").values())  # q and s are not neighbours
    assert slip("wierd", "were") == dict.fromkeys(slip("wierd", "were"), 0.0)
    assert slip("recieve", "receive")["same_letters"] == 1.0 and slip("recieve", "relieve")["same_letters"] == 0.0


def test_compounds_and_derivations_are_made_of_known_words(lexicon):
    common = LetterModel(lexicon).common
    assert made_of_known("biomolecular", common) == 1.0  # bio + molecular
    assert made_of_known("checkbook", common) == 1.0     # check + book
    assert made_of_known("concerting", common) == 1.0    # concert + ing
    assert made_of_known("wierd", common) == 0.0 and made_of_known("seperate", common) == 0.0


def test_english_looking_words_score_higher_than_foreign_ones(lexicon):
    letters = LetterModel(lexicon)
    assert letters("seperate") > letters("fiqh") and letters("recieve") > letters("mboard")


def test_shape_is_zero_for_what_is_not_a_one_word_change(lexicon):
    for written, meant in [("outgroup", "out group"), (",", ""), ("is", "is"), ("Fédora", "Fedora")]:
        assert not any(shape(written, meant, lexicon).values())
    known = shape("affect", "effect", lexicon)  # a known word: the model's to judge, no letter shape
    assert known["one_word"] == 1.0 and known["letter_shape"] == 0.0 and known["made_of_known"] == 0.0
    assert shape("wierd", "weird", lexicon)["letter_shape"] < 0


def test_the_calibrators_features_carry_the_shape(lexicon):
    text = "That is a wierd thing to say."
    e = Edit(10, 15, ("weird",), "spelling", "m", "spelling", "spelling.misspelled", (("distance", 1.0),))
    f = features(e, text, word_counts(text), lexicon)
    assert f["transposed"] == 1.0 and f["one_word"] == 1.0 and f["written_length"] == 5.0
    assert features(e, text, word_counts(text), None)["letter_shape"] == 0.0


def _edit(text, old, new, source="model"):
    start = text.index(old)
    return Edit(start, start + len(old), (new,), "grammar", "m", source, source, (("margin", 2.0),))


def test_deleting_one_of_a_doubled_word_is_seen(lexicon):
    text = "It was tested on tons of of phones."
    assert features(_edit(text, " of of", " of"), text, word_counts(text), lexicon)["doubled_word"] == 0.0
    start = text.index(" of phones")
    e = Edit(start, start + 3, ("",), "grammar", "m", "model", "model", (("margin", 2.0),))
    assert features(e, text, word_counts(text), lexicon)["doubled_word"] == 1.0
    other = "It was tested on tons of phones."
    start = other.index(" of")
    e = Edit(start, start + 3, ("",), "grammar", "m", "model", "model", (("margin", 2.0),))
    assert features(e, other, word_counts(other), lexicon)["doubled_word"] == 0.0


def test_an_added_apostrophe_and_a_capital_are_features(lexicon):
    text = "If you dont know, ask Teran."
    f = features(_edit(text, "dont", "don't", "spelling"), text, word_counts(text), lexicon)
    assert f["apostrophe_only"] == 1.0 and f["capitalised"] == 0.0
    g = features(_edit(text, "Teran", "Tran", "spelling"), text, word_counts(text), lexicon)
    assert g["apostrophe_only"] == 0.0 and g["capitalised"] == 1.0


def test_the_rule_is_crossed_with_the_kind_of_writer(lexicon):
    text = "Thus he left."
    f = features(_edit(text, "Thus", "Thus,", "rule"), text, word_counts(text), lexicon)
    assert f["rule_native"] == "rule@native"  # the host always calibrates for fluent writers
    assert crossed(f | {"native": 0.0})["rule_native"] == "rule@learner"


def test_the_shape_is_the_spellers_alone(lexicon):
    text = "That is a wierd thing to say."
    e = Edit(10, 15, ("weird",), "grammar", "m", "model", "model", (("margin", 2.0),))
    assert not any(features(e, text, word_counts(text), lexicon)[k] for k in ("one_word", "transposed", "written_length"))
