"""The English rules: native_host/lang/en/rules.py. Each rule is a pipeline stage; these
tests run one stage on a sentence, apply its edits and read the result."""

from __future__ import annotations

import pytest

from native_host.edits import apply
from native_host.lang.en import rules
from native_host.lang.en.rules import (
    clause_comma_positions,
    plural,
    proposals,
    singular,
)
from native_host.lexicon import Lexicon


class Sentence:
    """What a rule stage reads (pipeline.Sentence), without a model."""

    def __init__(self, text, starts=True, counts=None, capitalised=frozenset()):
        self.text, self.starts = text, starts
        self.lexicon = Lexicon(counts, frozenset(), capitalised)


def fixed_by(stage, text, **kw):
    edits = stage(Sentence(text, **kw))
    assert all(e.message and e.source == "rule" and e.rule.startswith("en.") for e in edits)
    return apply(text, edits)


def capital_i(text):
    return fixed_by(rules.pronoun_i, text)


def linking_comma(text):
    return fixed_by(rules.linking_comma, text)


def indefinite_article(text):
    return fixed_by(rules.a_an, text)


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


@pytest.mark.parametrize("text, fixed", [
    ("It is a international sport and a energetic team.", "It is an international sport and an energetic team."),
    ("He stayed an year.", "He stayed a year."),
    ("A apple a day", "An apple a day"),
])
def test_a_or_an_goes_by_the_next_sound(text, fixed):
    assert indefinite_article(text) == fixed


@pytest.mark.parametrize("text", [
    "a university, a one-off, a user, a European, an hour, an honest man, an umbrella, a house",
    "Country A and Country B",  # a letter, not an article
    "Look after yourself an you will be fine.",  # "and" mistyped
    "an MBA and a URL",  # abbreviations go by their letters' names: left alone
])
def test_sounds_unlike_their_letters_and_non_articles_are_left_alone(text):
    assert indefinite_article(text) == text


LEXICON = {w: 10_000 for w in ["subject", "subjects", "way", "ways", "musical", "musicals", "event", "events", "like", "likes", "other", "others", "part", "parts", "company", "companies", "box", "boxes", "reason", "reasons", "place", "places", "product", "products", "country", "countries", "enjoy", "enjoys", "teach", "teaches", "go", "goes", "work", "works", "time", "day", "days", "hour", "hours", "need", "needs", "want", "wants", "year", "years", "differ", "differs", "number", "numbers", "afterward", "afterwards", "friend", "friends", "working", "workings", "warm", "warms", "co", "cos"]}


def proposed(text: str) -> list[str]:
    return [f"{text[a:b]} -> {new}" for a, b, new, *_ in proposals(text, LEXICON)]


def test_number_and_agreement_after_fixed_words_are_proposed():
    assert proposed("We study these subject very deeply.") == ["subject -> subjects"]
    assert proposed("There are many way for this.") == ["way -> ways"]
    assert proposed("Several company.") == ["company -> companies"]
    assert proposed("Those box") == ["box -> boxes"]
    assert proposed("It is one of the reason that we left.") == ["reason -> reasons"]
    assert proposed("We went to a lot of place.") == ["place -> places"]
    assert proposed("They make a products and sell every countries.") == ["products -> product", "countries -> country"]
    assert proposed("He enjoy it and she teach us, so it go well.") == ["enjoy -> enjoys", "teach -> teaches", "go -> goes"]
    # An adverb may come between: "she also need", "he usually bring".
    assert proposed("She also need a car and he usually teach us.") == ["need -> needs", "teach -> teaches"]
    # A number from two up counts a plural; "they" and "I" take the base form.
    assert proposed("I stayed two day, then waited three hour for it.") == ["day -> days", "hour -> hours"]
    assert proposed("They needs it and I always wants more.") == ["needs -> need", "wants -> want"]
    assert proposed("Doesn't he know?") == []  # the verb's form is set by "doesn't"


@pytest.mark.parametrize("text", [
    "many musical events",  # the next word is the noun counted
    "many other part of it",  # "other" is never the noun
    "many ways",  # already plural
    "many Subject",  # a name, or a title
    "many zorblat of them",  # unknown to the lexicon
    "a lot of time",  # no plural in the lexicon
    "We made it work.",  # "it" is an object
    "Did he go?",  # the verb's form is set by "did"
    "He also went home.",  # not a base form
    "Each one of them",  # "one of" is not "one" counting a noun
    "So one tends to like it.",  # "one" is a pronoun here
    "Division A teams are the best.",  # a letter naming the division
    "To get by, he put the pedal down.",  # "put" is the past
    "Cut it short all over.",  # "it" after a verb is its object
    "After all these subject and other events",  # "subject" modifies a later noun
    "The two differ only in name.",  # the number is the subject; "differ" its verb
    "A two day trip, the five year, $2 billion plan, six year-end titles.",  # the number and noun describe a noun
    "It has twelve number 1 singles; two hundred.",  # "number 1"; "hundred" counted by "two"
    "Charles I wants peace; I afterwards left.",  # "I" the numeral; an adverb, not a verb
    "Were they subjects of the king?",  # a question: "subjects" is no verb
    "It comes in five warm and four cool colour variants.",  # adjectives of a later noun
    "In 2004 he co-founded it.",  # part of a longer word
    "Is he working? Was she friend or foe? He need not go.",  # inverted; "need" as a modal
])
def test_nothing_is_proposed_where_the_word_is_not_the_counted_noun_or_the_verb(text):
    assert proposed(text) == []


def test_rare_words_and_forms_are_not_trusted():
    assert plural("subject", LEXICON) == "subjects" and singular("subjects", LEXICON) == "subject"
    assert plural("subject", {"subject": 10_000, "subjects": 5}) is None
    assert plural("subject", {"subject": 5, "subjects": 10_000}) is None
    assert singular("bus", {"bu": 10_000, "bus": 10_000}) is None
    assert singular("is", {"i": 10_000, "is": 10_000}) is None


def test_an_opening_clause_offers_each_place_a_comma_could_end_it():
    def after(text):
        return [text[:p].split()[-1] for p in clause_comma_positions(text)]

    assert after("When I was young I lived near the sea.") == ["was", "young", "I", "lived", "near"]
    assert after("Even if it rains we go out.") == ["rains", "we"]


@pytest.mark.parametrize("text", [
    "When I was young, I lived near the sea.",  # has its comma
    "Because you can watch it with friends.",  # "because" opens fragments more often than clauses
    "We left when it rained and then came back.",  # the clause does not open the sentence
])
def test_no_comma_place_is_offered_without_an_opening_clause_lacking_one(text):
    assert clause_comma_positions(text) == []


def test_rules_explain_themselves():
    [e] = rules.a_an(Sentence("It is a idea."))
    assert e.message == "Use “an” before a vowel sound: “an idea”." and e.rule == "en.a_an"
    [(_, _, _, _, rule, message)] = proposals("We study these subject here.", LEXICON)
    assert rule == "en.plural_after_quantifier" and message == "Use the plural “subjects” after “these”."
    assert fixed_by(rules.names, "we met in london", capitalised=frozenset({"london"})) == "we met in London"
    assert fixed_by(rules.capital_first_word, "because we can", counts={"because": 5}) == "Because we can"
    assert fixed_by(rules.capital_first_word, "because we can", starts=False, counts={"because": 5}) == "because we can"
