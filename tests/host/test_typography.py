"""Typing slips (native_host/lang/en/typography.py, the `typography` stage of rules.py):
a small word typed twice, a space before or missing after punctuation, a number or
compound English always hyphenates."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from native_host.edits import apply
from native_host.lang.en import rules
from native_host.lang.en.typography import proposals
from tests.host.rule_sentence import RuleSentence

LEXICON = {w: 10_000 for w in "late we left apples pears nice but and it was the car home went".split()}

Sentence = partial(RuleSentence, counts=LEXICON)


def fixed(text, margin=0.0):
    edits = rules.typography(Sentence(text, margin))
    assert all(e.source == "rule" and e.rule.startswith("en.") and e.message for e in edits)
    return apply(text, edits)


@pytest.mark.parametrize("text, right", [
    ("We saw the the car.", "We saw the car."),
    ("The the car is red.", "The car is red."),
    ("I I think so.", "I think so."),
    ("It is nice , but late .", "It is nice, but late."),
    ("Why ?", "Why?"),
    ("It was late.We left.", "It was late. We left."),
    ("We bought apples,pears and more.", "We bought apples, pears and more."),
    ("He is twenty one and she is thirty first in line.", "He is twenty-one and she is thirty-first in line."),
    ("Low self esteem, an old fashioned car and our well being.",
     "Low self-esteem, an old-fashioned car and our well-being."),
    ("We meet at five o clock, or at 6 o' clock, or 7 oclock.", "We meet at five o'clock, or at 6 o'clock, or 7 o'clock."),
    ("It is nice isn't it?", "It is nice, isn't it?"),
    ("You know the rules don't you?", "You know the rules, don't you?"),
])
def test_typing_slips_are_fixed(text, right):
    assert fixed(text) == right


@pytest.mark.parametrize("text", [
    "I had had enough, and that that is true is clear.",
    "What it is is a mess.",
    "I gave her her book.",
    "Log in in the morning.",
    "Walla Walla is in Washington and Duran Duran played.",
    "See node.js, example.com, v1.2, e.g. this, 3,000 and a,b in code.",
    "It was late. We left.",
    "Wait ... what?",
    "He did it as well being a teacher.",
    "Use :) and ;) freely.",
    "The o clock symbol; the Pen’yllan place, wasn’t it?",  # no number before it; a comma already
    "Why isn't it? Is it true or isn't it? ‘You drink,’ he said: ‘why shouldn’t I?’",  # questions, not tags
])
def test_right_text_is_left_alone(text):
    assert fixed(text) == text


def test_a_doubled_word_that_can_end_a_phrase_is_for_the_model():
    # "resorted to to avert": the first "to" ends the verb's phrase; the model judges.
    assert fixed("It was resorted to to avert a war.", margin=-5.0) == "It was resorted to to avert a war."
    assert fixed("We went to to the shop.", margin=4.0) == "We went to the shop."


def test_the_model_judges_the_tag_comma():
    assert fixed("It is nice isn't it?", margin=-10.0) == "It is nice isn't it?"


def test_messages_say_what_is_wrong():
    text = "We saw the the car , late.We left."
    assert [e.message for e in rules.typography(Sentence(text))] == [
        "“the” is typed twice: delete one.", "Remove the space before “,”.", "Put a space after “.”."]
    text = "At five o clock it is late isn't it?"
    assert [e.message for e in rules.typography(Sentence(text))] == [
        "Write “o'clock” as one word with an apostrophe.", "Put a comma before the tag question: “late, isn't it?”"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "to", "I", "late", "We", ",", ".", " ", "?", "twenty", "one", "self",
                                 "esteem", "apples", "pears", ".We", ",pears", "3"]), max_size=12))
def test_any_sequence_gives_ordered_non_overlapping_edits(words):
    text = " ".join(" ".join(words).split())
    found = proposals(text, LEXICON)
    for p, q in zip(found, found[1:]):
        assert p.end <= q.start
    for p in found:
        assert 0 <= p.start < p.end <= len(text) and p.message
