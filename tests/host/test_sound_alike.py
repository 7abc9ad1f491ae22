"""Words that sound alike (native_host/lang/en/sound_alike.py) and compounds written apart
(compounds.closed_proposals), judged both ways by the model (rules.sound_alikes): what is
proposed, what the margins keep, and what the checker with the shipped model does."""

from __future__ import annotations

from functools import partial

import pytest

from native_host.edits import apply
from native_host.lang.en import rules
from native_host.lang.en.sound_alike import BAR, PRE_BAR, SETS, SKIPPED, proposals
from tests.host.rule_sentence import RuleSentence

Sentence = partial(RuleSentence, counts={})


def proposed(text):
    return [(text[g[0].start:g[0].end], sorted(p.replacement for p in g)) for g in proposals(text)]


def test_the_sets_go_both_ways_and_hold_no_word_twice():
    for word, others in SETS.items():
        assert word not in others and len(set(others)) == len(others)
        assert all(word in SETS[o] for o in others)
    assert SETS["cite"] == ("site", "sight") and SETS["peace"] == ("piece",)


def test_every_word_of_a_set_is_proposed_with_the_others_of_its_set():
    assert proposed("I ate a piece of the cake by a sight of land.") == [
        ("piece", ["peace"]), ("sight", ["cite", "site"])]
    assert proposed("Piece came.") == [("Piece", ["Peace"])]  # a capital at a sentence's start
    assert proposed('He said: "Piece came."') == [("Piece", ["Peace"])]  # and at a quoted sentence's


def test_a_swap_the_model_favours_in_right_sentences_is_not_proposed():
    assert ("site", "sight") in SKIPPED
    assert proposed("It is the site of a city, and a peace treaty.") == [("site", ["cite"])]


@pytest.mark.parametrize("text", [
    "They met Marshal Ney and General Wade.",  # capitalised inside a sentence: names
    'They accept "US", "United States" and "America".',  # a quote opened inside a sentence
    "The PEACE treaty; a sole-source deal; the site's owner; www.site.com",
    "Nothing here sounds like anything else.",
])
def test_names_and_glued_words_are_not_proposed(text):
    assert proposed(text) == []


def test_the_change_is_kept_only_if_the_model_prefers_it_both_ways():
    text = "I ate a piece of cake."
    high = PRE_BAR + 1.0
    kept = rules.sound_alikes(Sentence(text, margin=high, back=high - BAR - 1.0))
    assert apply(text, kept) == "I ate a peace of cake."  # the fake model's word
    assert [e.rule for e in kept] == ["en.homophone"]  # not confusables.py's context rule "en.sound_alike"
    assert dict(kept[0].evidence) == {"margin": high, "bar": PRE_BAR, "both_ways": BAR + 1.0, "both_ways_bar": BAR}
    # The model would write it here, but as readily write the word back: no preference.
    assert rules.sound_alikes(Sentence(text, margin=high, back=high)) == []


def test_the_second_pass_is_asked_only_above_the_first_bar():
    text = "I ate a piece of cake."
    low = Sentence(text, margin=PRE_BAR - 5.0, back=-50.0)
    assert rules.sound_alikes(low) == [] and low.asked_in == []
    high = Sentence(text, margin=PRE_BAR + 1.0, back=-50.0)
    rules.sound_alikes(high)
    assert high.asked_in == ["I ate a peace of cake."]


def test_the_message_names_the_mistake():
    text = "Hit the break now."
    [e] = rules.sound_alikes(Sentence(text, margin=0.0, back=-20.0))
    assert (e.replacement, e.message) == ("brake", "“break” and “brake” sound alike; here you need “brake”.")


@pytest.mark.parametrize("text, right", [
    ("This is the problem witch we found.", "This is the problem which we found."),
    ("The capitol of France is Paris.", "The capital of France is Paris."),
])
def test_the_checker_fixes_a_sound_alike(thorough_checker, text, right):
    assert thorough_checker.correct(text) == right


@pytest.mark.parametrize("text", [
    "The peace talks will resume next week.",
    "We took a short break before the meeting.",
    "There is no table free, so we will wait outside.",
    "In the boom years, investors chose one of two options.",  # the model's "choose" (skipped)
    "Its heritage is complemented by a strong management team.",
])
def test_the_checker_leaves_right_words_alone(thorough_checker, text):
    assert thorough_checker.correct(text) == text
