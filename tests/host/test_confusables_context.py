"""Context families of confusables.py added for fluent writers' commonly confused words
(issue #20): a possessive written as "it's"/"they're"/"you're"/"there" before a noun
phrase. What is proposed is read with the shipped lexicon's counts (no model); what the
checker keeps, with the shipped model."""

from __future__ import annotations

import pytest

from native_host.lang.en.confusables import proposals
from native_host.lexicon import Lexicon
from tests.host.model_fixture import model_dir

COUNTS = Lexicon.load(model_dir()).counts


def proposed(text: str, rule: str | None = None) -> list[str]:
    return [f"{text[p.start:p.end]} -> {p.replacement}" for p in proposals(text, COUNTS) if rule in (None, p.rule)]


@pytest.mark.parametrize("text, change", [
    ("What are its main benefits? What are it's main benefits?", "it's -> its"),
    ("These are they're best clothes.", "they're -> their"),
    ("The firm lost it's biggest client.", "it's -> its"),
    ("Move the folder to it's proper place.", "it's -> its"),
    ("We sailed alongside it's coast.", "it's -> its"),
    ("We drove to there old house.", "there -> their"),
    ("They lost everything in there place.", "there -> their"),
    ("Its had a mention in the paper.", "Its -> It's"),
])
def test_a_possessive_meant_before_a_noun_phrase_is_proposed(text, change):
    assert proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "When this happens it's bad luck for him.",  # a clause's verb before "it's": the model judges, and rejects
    "I think it's good news.",
    "They said it's hard work.",
    "Now they're best friends.",
    "Second of all it's nine at night.",
    "Put it in there first.",
    "We went from here to there today.",
    "Is anyone in there?",
    "In the end you're gonna learn.",
    "It's had a huge impact on me.",
    "I insisted on its not coming into the house.",
    "There is a reason for your not leaving now.",
])
def test_right_words_before_a_noun_phrase_are_not_certain(text):
    assert [p for p in proposals(text, COUNTS) if p.bar is None] == []


@pytest.mark.parametrize("text", [
    "Second of all it's nine at night.",
    "I insisted on its not coming into the house.",
    "Put it in there first.",
    "Now they're best friends.",
    "I think it's good news.",
])
def test_right_words_are_not_proposed(text):
    assert proposed(text) == []


def test_your_right_at_a_sentence_start_is_certain():
    """The model copies a sentence-opening "Your" (-7 nats for "You're right"), so the context decides."""
    [p] = proposals("Your right, but it is late.", COUNTS)
    assert (p.replacement, p.bar) == ("You're", None)
    assert None not in [p.bar for p in proposals("Your right to vote is yours.", COUNTS)]


@pytest.mark.parametrize("text, fixed", [
    ("What are it's main benefits?", "What are its main benefits?"),
    ("These are they're best clothes.", "These are their best clothes."),
    ("They lost everything in there place.", "They lost everything in their place."),
    ("Your right, but it is late.", "You're right, but it is late."),
])
def test_the_checker_puts_the_possessive(thorough_checker, text, fixed):
    assert thorough_checker.correct(text) == fixed


def test_the_message_names_the_mistake(thorough_checker):
    [s] = [s for s in thorough_checker.check("We drove to there old house.") if s.text == "there"]
    assert s.message == "“there” points to a place; for belonging use “their”." and s.rule == "en.possessive_phrase"


@pytest.mark.parametrize("text, change, rule", [
    ("More people came then we expected.", "then -> than", "en.comparative_then"),
    ("He is much older now then his brother.", "then -> than", "en.comparative_then"),
    ("There are other options then this one.", "then -> than", "en.comparative_then"),
    ("It runs for less then 10 seconds.", "then -> than", "en.then_than"),
    ("It was worth than I thought.", "worth -> worse", "en.worse_than"),
    ("This is worst than last year.", "worst -> worse", "en.worse_than"),
])
def test_then_in_a_comparison_is_proposed(text, change, rule):
    assert [(f"{text[p.start:p.end]} -> {p.replacement}", p.rule) for p in proposals(text, COUNTS)] == [(change, rule)]


@pytest.mark.parametrize("text", [
    "I was stronger then.",  # at the clause's end "then" is time
    "I got along faster then.",
    "The older kids then left the room.",  # a verb follows: time
    "If you need more help then call me.",  # a condition: "if ... then"
    "We bought more bread, then went home.",  # another clause
    "For a while we were lower than the balloons, then they fell.",
    "He could make a better pencil than was then in use.",
    "Such further suggestions as may then seem advisable.",
    "The other installments then remaining unpaid.",
    "It is of more worth than gold.",
])
def test_then_as_time_is_left_alone(text):
    assert proposed(text) == []


def test_worse_than_is_certain_and_named(thorough_checker):
    [s] = [s for s in thorough_checker.check("It was worth than I thought.") if s.text == "worth"]
    assert (s.replacements[0], s.rule) == ("worse", "en.worse_than") and "worse than" in s.message


@pytest.mark.parametrize("text, change, certain", [
    ("It had an immediate affect on sales.", "affect -> effect", True),  # before "on" no verb reading is left
    ("What are the long-term affects of this?", "affects -> effects", True),
    ("The new rules had a very negative affect.", "affect -> effect", False),
    ("The drug has no noticeable affect in children.", "affect -> effect", False),
    ("The delay won't effect us.", "effect -> affect", True),  # "effect" brings something about, never people
    ("This might not effect anyone.", "effect -> affect", True),
])
def test_affect_and_effect_by_their_place_in_the_sentence(text, change, certain):
    [p] = proposals(text, COUNTS)
    assert (f"{text[p.start:p.end]} -> {p.replacement}", p.bar is None) == (change, certain)
    assert p.rule in ("en.affect_noun", "en.effect_verb")


@pytest.mark.parametrize("text", [
    "The students affect the outcome.",  # an object follows: the verb
    "These changes affect us all.",
    "The new rules affect everyone.",
    "We want to effect the change quickly.",  # to bring about: right
    "They could effect his escape.",
    "It was hard to effect a rescue.",
    "Executive functioning, negative affect, and aggression.",  # the psychologists' noun
])
def test_affect_and_effect_used_rightly_are_not_certain(text):
    assert [p for p in proposals(text, COUNTS) if p.bar is None or p.rule in ("en.affect_noun", "en.effect_verb")] == []


def test_the_checker_writes_the_noun_after_an_adjective(thorough_checker):
    assert thorough_checker.correct("It had an immediate affect on sales.") == "It had an immediate effect on sales."


@pytest.mark.parametrize("text, change", [
    ("Our biggest complain is the noise.", "complain -> complaint"),
    ("We did it to the fullest extend of the law.", "extend -> extent"),
    ("Thanks for the responds.", "responds -> responses"),
    ("Thanks for your quick respond.", "respond -> response"),
    ("He made a good choose.", "choose -> choice"),
    ("One of the biggest complains about it is the cost.", "complains -> complaints"),
    ("It is a know problem with the driver.", "know -> known"),
])
def test_a_verb_where_a_determiner_asks_for_its_noun_is_proposed(text, change):
    assert proposed(text, "en.verb_for_noun") == [change]


@pytest.mark.parametrize("text", [
    "The rich complain about taxes.",  # "the" + an adjective that names people
    "Let her choose the colour.",  # "her" is an object here
    "The system responds with an error.",  # a noun between: a clause
    "The manager complains about it.",
    "These are phenomena that occur in nature.",
    "We hope this will help this survive.",
    "The statues each weigh around 500 kilograms.",
    "He got his remove to the upper school.",
    "The analyses of the samples took a year.",
    "Those in the know complain less.",
])
def test_verbs_in_their_place_are_left_alone(text):
    assert proposed(text, "en.verb_for_noun") == []


def test_the_checker_writes_the_noun(thorough_checker):
    [s] = [s for s in thorough_checker.check("Our biggest complain is the noise.") if s.text == "complain"]
    assert (s.replacements[0], s.rule, s.message) == (
        "complaint", "en.verb_for_noun", "“complain” is a verb; after “Our” you need the noun “complaint”.")


@pytest.mark.parametrize("text", [
    "This deficit the Secretary proposes to meet by bonds.",  # "secretary": a noun too
    "The New Polytechnic emphasizes collaboration.",  # a name
    "Our citizens, in the main approve and are ready.",  # "in the main"
])
def test_words_that_are_nouns_too_do_not_make_a_noun_phrase(text):
    assert proposed(text, "en.verb_for_noun") == []


@pytest.mark.parametrize("text", [
    "They could effect his escape.",  # the verb "effect": to bring about
    "How he could effect his escape was unclear.",
    "We will effect the change quickly.",
])
def test_effect_before_what_it_brings_about_is_left_alone(text):
    assert proposed(text) == []


def test_a_sentence_opening_its_before_a_gerund_and_its_object_has_a_lower_bar():
    [opening] = proposals("Its removing the errors from the file.", COUNTS)
    [inside] = proposals("I wonder if its removing the errors.", COUNTS)
    assert opening.replacement == "It's" and opening.bar < inside.bar


@pytest.mark.parametrize("text, change, rule", [
    ("What are it's advantages?", "it's -> its", "en.itis_its"),  # "are" is never followed by "it is"
    ("They're was a fire last night.", "They're -> There", "en.theyre_there"),
    ("The dog broke lose from the fence.", "lose -> loose", "en.lose_loose"),
    ("The new fees are in affect today.", "affect -> effect", "en.affect_noun"),
    ("It is a matter of cause and affect.", "affect -> effect", "en.affect_noun"),
    ("He was badly effected.", "effected -> affected", "en.effect_affect"),
])
def test_certain_by_context(text, change, rule):
    assert [(f"{text[p.start:p.end]} -> {p.replacement}", p.rule, p.bar) for p in proposals(text, COUNTS)] == \
        [(change, rule, None)]


@pytest.mark.parametrize("text, change", [
    ("There was a rule with immediate affects.", "affects -> effects"),
    ("Go back to were you started.", "were -> where"),
    ("The delay shouldn't effect the schedule.", "effect -> affect"),
])
def test_judged_by_the_model_in_new_contexts(text, change):
    assert proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "The passages referred to were omitted.",  # "to" ends a relative clause
    "Their horses broke loose and they lose them.",
    "Executives in affected areas complain.",
    "The changes it brought in affect everyone.",  # the verb after "in": no "be" before
    "They're there and they were fine.",
    "The rules are in effect and we're effectively done.",
])
def test_right_words_in_these_contexts_are_left_alone(text):
    assert [p for p in proposals(text, COUNTS) if p.bar is None] == []


@pytest.mark.parametrize("text, change", [
    ("For the map, it's largest region was in the north.", "it's -> its"),
    ("We keep metadata, such as it's author.", "it's -> its"),
    ("Its not working.", "Its -> It's"),  # opening a sentence: a clause
])
def test_more_possessive_contexts(text, change):
    assert proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "It's best to wait.",
    "It's easiest if you call.",
    "It's best practice to test.",
    "At home it's most effective to use a desk.",
    "I insisted on its not coming.",
])
def test_it_is_before_a_superlative_is_left_alone(text):
    assert proposed(text) == []
