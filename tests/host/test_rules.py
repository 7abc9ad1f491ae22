"""The fixed rules that run before the model: native_host/rules.py."""

from __future__ import annotations

import pytest

from native_host.rules import capital_i, linking_comma, plural, quantified_plurals


@pytest.mark.parametrize("text, fixed", [
    ("After that i studied.", "After that I studied."),
    ("i'm sure i've seen it and i’ll say so", "I'm sure I've seen it and I’ll say so"),
    ("Then i, too, left", "Then I, too, left"),
])
def test_the_pronoun_i_is_capitalised(text, fixed):
    assert capital_i(text) == fixed


@pytest.mark.parametrize("text", ["i.e. this", "step (i) and i-th", "wifi and iPhone", "see /i and @i", "i/o"])
def test_other_i_are_left_alone(text):
    assert capital_i(text) == text


@pytest.mark.parametrize("text, fixed", [
    ("However we went home.", "However, we went home."),
    ("In addition the price rose.", "In addition, the price rose."),
    ("On the other hand you have the specialists.", "On the other hand, you have the specialists."),
    ('"For example the cat" he said', '"For example, the cat" he said'),
    ("finally the third cause is heat.", "finally, the third cause is heat."),
])
def test_an_opening_linking_phrase_takes_a_comma(text, fixed):
    assert linking_comma(text) == fixed


@pytest.mark.parametrize("text", [
    "However much it costs, we pay.",  # "however" as a degree adverb
    "In addition to the cost, we pay.",  # a preposition here
    "As a result of the storm we stayed.",
    "Thus far it works.",
    "Finally, it works.",  # already has one
    "So we left.",  # not in the list: annotators rarely add it
    "We went home however.",  # not at the start
])
def test_other_openings_are_left_alone(text):
    assert linking_comma(text) == text


LEXICON = {w: 10_000 for w in "subject subjects way ways musical musicals event events like likes other others "
                                "part parts company companies box boxes".split()}


def test_a_singular_noun_after_a_plural_quantifier_gets_a_proposed_plural():
    assert quantified_plurals("We study these subject very deeply.", LEXICON) == [(15, 22, "subjects")]
    assert quantified_plurals("There are many way for this.", LEXICON) == [(15, 18, "ways")]
    assert quantified_plurals("Several company.", LEXICON) == [(8, 15, "companies")]
    assert quantified_plurals("Those box", LEXICON) == [(6, 9, "boxes")]


@pytest.mark.parametrize("text", [
    "many musical events",  # the next word is the noun counted
    "many other part of it",  # "other" is never the noun
    "many ways",  # already plural
    "many Subject",  # a name, or a title
    "many zorblat of them",  # unknown to the lexicon
])
def test_no_plural_is_proposed_where_the_word_is_not_the_counted_noun(text):
    assert quantified_plurals(text, LEXICON) == []


def test_rare_words_and_plurals_are_not_trusted():
    assert plural("subject", LEXICON) == "subjects"
    assert plural("subject", {"subject": 10_000, "subjects": 5}) is None
    assert plural("subject", {"subject": 5, "subjects": 10_000}) is None
