"""Wrong or padded phrases (native_host/lang/en/phrases.py, the `phrases` stage of
rules.py): what is proposed without a model, what the model's margin keeps, and what the
checker with the shipped model makes of it."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from native_host.edits import apply
from native_host.lang.en import rules
from native_host.lang.en.phrases import proposals
from tests.host.rule_sentence import RuleSentence

LEXICON = {w: 10_000 for w in "job drive author son car time money idea way came list plans trip form".split()}


def proposed(text):
    return [(text[p.start:p.end], p.replacement, p.bar is None) for p in proposals(text, LEXICON)]


@pytest.mark.parametrize("text, change", [
    ("Please return back the form.", ("return back", "return", True)),
    ("Every order comes with a free gift.", ("free gift", "gift", True)),
    ("Get cash at the ATM machine.", ("ATM machine", "ATM", True)),
    ("We meet at 7 a.m. in the morning.", ("7 a.m. in the morning", "7 a.m.", True)),
    ("The informations are wrong.", ("informations", "information", True)),
    ("He gave me an advice.", ("an ", "", False)),
    ("I afraid of dogs.", ("I", "I am", True)),
    ("Now they unable to pay.", ("they", "they are", True)),
    ("I don't know nothing about it.", ("nothing", "anything", True)),
    ("We didn't have no time.", ("no", "any", True)),
    ("Nobody told me nothing about it.", ("nothing", "anything", True)),  # a negative subject, then its object
    ("No one gave us no help.", ("no", "any", True)),
    ("You shouldn't not go there.", ("not ", "", True)),
    ("This recipe is very unique.", ("very ", "", True)),
    ("It was a two hour drive.", ("two hour", "two-hour", True)),  # a singular unit after a number: a modifier
    ("Our five year old son is here.", ("five year old", "five-year-old", True)),
    ("She has a full time job.", ("full time", "full-time", False)),
    ("He is a well known author.", ("well known", "well-known", True)),  # 251 : 11 in the corpus
    ("We need an up to date list.", ("up to date", "up-to-date", False)),
    ("For all intensive purposes, it is done.", ("For all intensive purposes", "For all intents and purposes", True)),
    ("We should nip it in the butt.", ("nip it in the butt", "nip it in the bud", True)),
    ("Irregardless of cost.", ("Irregardless", "Regardless", True)),
    ("The end result was good.", ("end result", "result", True)),
    ("We did some advance planning.", ("advance planning", "planning", True)),
    ("I am writing in regards to the job.", ("in regards to", "in regard to", True)),
    ("I could care less.", ("could care less", "couldn't care less", True)),
    ("Please bare with me.", ("bare with me", "bear with me", True)),
    ("He is a shoe in for the job.", ("a shoe in", "a shoo-in", True)),
    ("We meet at 5 o'clock pm.", (" pm", "", True)),
    ("We met at 9 p.m. at night.", ("9 p.m. at night", "9 p.m.", True)),
    ("Come at 5:00 o'clock.", (":00", "", True)),
    ("They are combining together.", ("combining together", "combining", True)),
    ("It is very known.", ("very known", "very well known", True)),
    ("The plan was very flawless.", ("very ", "", True)),
    ("My sister-in-laws came.", ("sister-in-laws", "sisters-in-law", True)),
    ("It peaked her interest.", ("peaked her interest", "piqued her interest", True)),
    ("Smith et all wrote it.", ("et all", "et al.", True)),
    ("It was Smith et all.", ("et all", "et al", True)),
    ("It is not wrong per say.", ("per say", "per se", True)),
    ("I know they was late.", ("was", "were", True)),
    ("Now she have a car.", ("have", "has", True)),
    ("I is here.", ("is", "am", True)),
    ("It is more easier than that.", ("more ", "", True)),
    ("It is the most biggest one.", ("most ", "", True)),
    ("The team is comprised of five people.", ("comprised", "composed", True)),
    ("It was comprised mainly of water.", ("comprised", "composed", True)),
    ("The book comprises of ten chapters.", (" of", "", True)),
    ("It was approximately about ten.", ("approximately about", "about", True)),
    ("We sailed at six knots per hour.", ("knots per hour", "knots", True)),
    ("Please RSVP by Friday.", ("Please RSVP", "RSVP", True)),
    ("She reiterated again that it was late.", ("reiterated again", "reiterated", True)),
    ("At this point in time, we wait.", ("At this point in time", "At this point", True)),
    ("We will respond back soon.", ("respond back", "respond", True)),
])
def test_a_phrase_is_proposed(text, change):
    assert proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "The pin number is on the card.",  # not the acronym
    "Call the sum total and the usual custom; but however this may be, we went.",
    "He has a knowledge of Greek and a research and development job.",
    "See a news.gnome.org post about 802.11a hardware.",
    "I sure hope so; you happy girl!",
    "I can't believe nobody came, and I won't take no for an answer.",
    "It wasn't for nothing; he didn't say no.",
    "Nothing is nothing; I think nobody knows nothing; nobody leaving gets nothing.",  # "is"; no clause start
    "I couldn't not laugh, and you can't not love it.",  # an idiom
    "Not the very unique one.",
    "She works full time; in the long term we win; at the last minute.",
    "He is well known and takes this one step further.",
    "It is part of the Five Year Plan.",
    "My team and I are ready; if he were rich, does she have it? Thank you is enough.",
    "Juan Carlos I is king; i is the imaginary unit; anyone but you has seen it.",
    "More older people came. When is more better? I'll write more later.",
    "Gases are mixed together and connected together; for the first time ever, a major breakthrough.",
    "He kissed the print of her shoe in the mud.",
    "We meet all the sons-in-law, and the mountains peaked at noon.",
    "The book comprises ten chapters and is composed of essays.",
    "The pain will recur again and again.",
    "We reason approximately about its behaviour.",  # "about" a preposition, not a number
    "He was pleased to RSVP; they respond to back pain.",
])
def test_right_phrases_are_left_alone(text):
    assert proposed(text) == []

Sentence = partial(RuleSentence, counts=LEXICON)


def test_the_model_judges_what_can_be_right():
    text = "I need a software for a full time job, I afraid."
    assert apply(text, rules.phrases(Sentence(text, margin=-2.0))) == "I need software for a full-time job, I am afraid."
    assert apply(text, rules.phrases(Sentence(text, margin=-9.0))) == "I need a software for a full time job, I am afraid."


def test_messages_name_the_mistake():
    text = "It was a sneak peak; irregardless, we left."
    assert [e.message for e in rules.phrases(Sentence(text, margin=0.0))] == [
        "The set phrase is “sneak peek”, not “sneak peak”.", "“irregardless” is not standard English: write “regardless”."]
    text = "Return back the informations, I afraid."
    assert [e.message for e in rules.phrases(Sentence(text, margin=0.0))] == [
        "“back” repeats what “Return” already says.",
        "“information” has no plural: write “information”.",
        "“afraid” needs a verb: “I am afraid”.",
    ]
    assert {e.category for e in rules.phrases(Sentence(text, margin=0.0))} == {"style", "grammar"}
    text = "It is comprised of parts and comprises of more, at six knots per hour."
    assert [(e.message, e.category) for e in rules.phrases(Sentence(text, margin=0.0))] == [
        ("The whole comprises its parts; “comprised of” is wrong: write “composed of” (or “consists of”).",
         "word-choice"),
        ("“comprises” takes no “of”: “the book comprises ten chapters”.", "word-choice"),
        ("“per hour” repeats what “knots” already says.", "style"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("a an the I they don't know nothing no one very unique two hour old son full time job "
                                "well known return back ATM machine informations advice afraid , . 7 a.m. in morning"
                                .split()), max_size=12))
def test_any_sequence_gives_ordered_non_overlapping_edits(words):
    text = " ".join(words)
    found = proposals(text, LEXICON) + proposals(text, None)
    for p in found:
        assert 0 <= p.start < p.end <= len(text) and p.message
    mine = proposals(text, LEXICON)
    for p, q in zip(mine, mine[1:]):
        assert p.end <= q.start


@pytest.mark.parametrize("text, right", [
    ("They will return back home tomorrow.", "They will return home tomorrow."),
    ("I forgot my PIN number.", "I forgot my PIN."),
    ("I don't know nothing about it.", "I don't know anything about it."),
    ("Nobody told me nothing about it.", "Nobody told me anything about it."),
    ("You shouldn't not go there.", "You shouldn't go there."),
    ("I afraid of dogs.", "I am afraid of dogs."),
    ("He is a well known author.", "He is a well-known author."),
    ("We saw the the car.", "We saw the car."),
])
def test_the_checker_fixes_them(thorough_checker, text, right):
    assert thorough_checker.correct(text) == right
