"""Verb forms and agreement (native_host/lang/en/grammar.py, the `grammar` stage of
rules.py): what is proposed without a model, what the model's margin keeps, and what the
checker with the shipped model makes of it."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from native_host.edits import apply
from native_host.lang.en import rules
from native_host.lang.en.grammar import proposals
from tests.host.rule_sentence import RuleSentence

LEXICON = {w: 10_000 for w in (
    "noticed notice wanted want makes make tried try stopped stop swim swimming swims see seeing sees answer "
    "answering answers students student problems problem bigger biggest useful known feed feeds change changes "
    "call calling calls school schooling schools people said knows know knowing cried cry good rare tagged tag continued continue helped help visited visit big schools").split()}


def proposed(text):
    return [(text[p.start:p.end], p.replacement, p.bar is None) for p in proposals(text, LEXICON)]


@pytest.mark.parametrize("text, change", [
    ("Does they know the answer?", ("Does", "Do", True)),
    ("Has you seen it?", ("Has", "Have", True)),
    ("Where do he live?", ("do", "does", True)),
    ("Is I late?", ("Is", "Am", True)),
    ("It is late, don't he know?", ("don't", "doesn't", True)),
    ("It can noticed the change.", ("noticed", "notice", False)),
    ("I didn't wanted it.", ("wanted", "want", False)),
    ("She will makes it.", ("makes", "make", False)),
    ("They tried and we stopped; we could tried.", ("tried", "try", False)),
    ("He could was late.", ("was", "be", True)),
    ("I must to go now.", ("to ", "", True)),
    ("We enjoy to swim here.", ("to swim", "swimming", True)),
    ("She avoided to answer.", ("to answer", "answering", True)),
    ("I look forward to see you.", ("see", "seeing", False)),
    ("It is between him and I.", ("I", "me", True)),
    ("This is between you and I.", ("I", "me", True)),
    ("He sat between she and me.", ("she", "her", True)),
    ("The town grew in 1990s.", ("in 1990s", "in the 1990s", True)),
    ("The information are wrong.", ("are", "is", True)),
    ("I am knowing the answer.", ("am knowing", "know", True)),
    ("It was consisting of parts.", ("was consisting", "consisted", True)),
    ("Most of students passed.", ("of ", "", False)),
    ("It is the biggest than that.", ("the biggest", "bigger", True)),
    ("It is most useful than that.", ("most", "more", True)),
    ("We have too much problems.", ("much", "many", False)),
    ("If I would have known, we left.", ("would have", "had", True)),
    ("Did he said that?", ("said", "say", False)),
    ("Does she knows it?", ("knows", "know", False)),
    ("Did you noticed?", ("noticed", "notice", False)),
    ("I want to helped.", ("helped", "help", False)),
    ("I need to makes it.", ("makes", "make", False)),
    ("It is more big than that.", ("more big", "bigger", True)),
    ("I can't hardly see.", ("can't", "can", True)),
    ("The report could was late.", ("was", "be", True)),
    ("I should have went home.", ("went", "gone", True)),
    ("She has already ate it.", ("ate", "eaten", True)),
    ("The price has rose.", ("rose", "risen", False)),
    ("It could not hardly be worse.", ("not ", "", True)),
    ("I was suppose to call you.", ("suppose", "supposed", True)),
    ("One of the problems are the cost.", ("are", "is", True)),
    ("Each of them have a book.", ("have", "has", True)),
    ("The amount of people was huge.", ("amount", "number", True)),
    ("There were an amount of people.", ("an amount", "a number", True)),
    ("Please let me to know.", ("to ", "", False)),
    ("Good advice are rare.", ("are", "is", True)),
    ("I did wanted to go.", ("wanted", "want", False)),
    ("She started to cried.", ("cried", "cry", False)),
    ("Me and him went home.", ("Me and him", "He and I", True)),
    ("Me and John are friends.", ("Me and John", "John and I", True)),
    ("Her and I have met.", ("Her and I", "She and I", True)),
    ("I wish I would have known.", ("would have", "had", True)),
    ("My wife and myself went home.", ("myself", "I", True)),
    ("Myself and John are here.", ("Myself and John", "John and I", True)),
])
def test_a_slip_is_proposed(text, change):
    assert proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "Do it now?",  # an imperative
    "Were he here, would you stay?",  # the subjunctive
    "Do he and I agree?",  # a longer subject
    "Does he know? Aren't I right? Was I late?",
    "Should parents wish it, can violations be found? The national will is clear.",  # no pronoun subject
    "He can feed himself; I must help.",  # "feed" is a base form itself
    "We do all we can to help, as often as she could to cheer him.",  # the modal ends its own clause
    "Would you mind to the left? I have a mind to stay.",
    "From start to finish to the end.",
    "Between the time he left and I was there.",  # "I" is the subject of "was"
    "She grew up in 1960s Britain, in the 1990s.",
    "Kinds of information are useful, and the hardware and software are new.",  # not the subject
    "Seeing is believing; the knowing is hard.",
    "Most of them passed, both of parents and teachers.",
    "Evening papers are more honest than morning ones.",
    "Much remains to be done; pretty much means yes.",
    "I wonder if he would have known.",  # "if" is "whether"
    "The national will is clear; did you guys know?",  # a noun "will"; "guys" is no verb
    "We are going to schools and bring hope to people; more big cars came.",
    "All the life he had was there; what he let them have did not ensue; he has got it and has showed it.",
    "I suppose to some extent; which one of the problems are you in? The amount of money was huge.",
    "Let me to the door; he made it to safety.",  # no verb after "to"; "it" reached somewhere
    "Robots that model clothing have skin; Microsoft Research are here; he does sums.",
    "Get used to tagged mail; it is preferred to continued inaction.",  # "to" a preposition
    "Me and you against the world.",  # no verb: no clause
    "Me and my friend.",
    "Beers of 60% 120 evidence have been made.",  # a number before the noun
    "For my wife and myself went the prize; I did it myself and went home.",
])
def test_right_words_are_left_alone(text):
    assert proposed(text) == []


Sentence = partial(RuleSentence, counts=LEXICON)


def test_the_model_judges_what_can_be_right():
    text = "I look forward to see you; it can noticed it."
    assert apply(text, rules.grammar(Sentence(text, margin=-1.0))) == "I look forward to seeing you; it can notice it."
    assert apply(text, rules.grammar(Sentence(text, margin=-9.0))) == text


def test_messages_name_the_mistake():
    text = "Does they know if the information are in 1990s?"
    assert [e.message for e in rules.grammar(Sentence(text))] == [
        "With “they”, the question takes “Do”, not “Does”.",
        "“information” is not counted: it takes “is”, not “are”.",
        "A decade takes “the”: “in the 1990s”.",
    ]
    assert {e.category for e in rules.grammar(Sentence(text))} == {"grammar"}
    assert {e.rule for e in rules.grammar(Sentence(text))} == {"en.question_agreement", "en.mass_verb",
                                                               "en.decade_article"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("Does do they he I it you can must to noticed makes was enjoy swim look forward see "
                                "between him and she in 1990s the information are am knowing most of students "
                                "biggest than much problems if would have known , . ?".split()), max_size=12))
def test_any_sequence_gives_ordered_non_overlapping_edits(words):
    text = " ".join(words)
    for counts in (LEXICON, None):
        found = proposals(text, counts)
        for p in found:
            assert 0 <= p.start <= p.end <= len(text) and p.message
        for p, q in zip(found, found[1:]):
            assert p.end <= q.start


@pytest.mark.parametrize("text, right", [
    ("Does they know the answer?", "Do they know the answer?"),
    ("I didn't wanted to leave.", "I didn't want to leave."),
    ("I must to go now.", "I must go now."),
    ("I look forward to see you soon.", "I look forward to seeing you soon."),
    ("This stays between him and I.", "This stays between him and me."),
    ("The information are wrong.", "The information is wrong."),
    ("There are too much problems here.", "There are too many problems here."),
    ("I stayed two day in Paris.", "I stayed two days in Paris."),
    ("They needs more time.", "They need more time."),
    ("I should have went home.", "I should have gone home."),
    ("Me and him went home.", "He and I went home."),
    ("My wife and myself went home.", "My wife and I went home."),
    ("I wish I would have known.", "I wish I had known."),
    ("I was suppose to call you.", "I was supposed to call you."),
    ("One of the problems are the cost.", "One of the problems is the cost."),
    ("Did he said that?", "Did he say that?"),
    ("It is nice isn't it?", "It is nice, isn't it?"),  # typography.py's tag comma
    ("We meet at five o clock.", "We meet at five o'clock."),
    ("She could care less about it.", "She couldn't care less about it."),  # phrases.py
    ("We ordered a new wooden chairs for the lobby.", "We ordered a new wooden chair for the lobby."),
    ("These was the best years of my life.", "These were the best years of my life."),
    ("There is no easy answers here.", "There are no easy answers here."),  # confusables.py
    ("Did the printer jammed again?", "Did the printer jam again?"),
    ("I didn't seen it.", "I didn't see it."),
    ("The firm will withdrawn the offer.", "The firm will withdraw the offer."),
    ("After been told, he left.", "After being told, he left."),
])
def test_the_checker_fixes_them(thorough_checker, text, right):
    assert thorough_checker.correct(text) == right


@pytest.mark.parametrize("text", [
    "We do all we can to help them.",
    "She grew up in 1960s Britain.",
    "A friend says that a good beating makes them worse.",
    "Among these was a letter from a young ladies' school.",
])
def test_the_checker_leaves_right_sentences_alone(thorough_checker, text):
    assert thorough_checker.correct(text) == text


# Counts as the shipped lexicon has them where the family reads them: "general" and
# "meeting" have common plurals (nouns), "wooden" and "lousy" none.
NP_LEXICON = {**LEXICON, **{w: 10_000 for w in (
    "chairs chair desks desk milestones milestone successes success results result notes note files file errors error "
    "men man friend friends says say leaders leader sales team teams dozen eggs egg couple days day means mean series "
    "understanding continues continue beating beatings makes make local locals plumbers plumber hands hand off "
    "approach years year ladies lady school schools shoes shoe new good major real young").split()},
    "wooden": 10_000, "lousy": 10_000, "general": 10_000, "generals": 5_000, "meeting": 10_000, "meetings": 5_000}


def np_proposed(text):
    return [(text[p.start:p.end], p.replacement, p.bar is None) for p in proposals(text, NP_LEXICON)
            if p.rule == "en.np_number"]


@pytest.mark.parametrize("text, change", [
    ("We ordered a new wooden chairs for the lobby.", ("chairs", "chair", True)),
    ("It was a major successes for us.", ("successes", "success", True)),
    ("I got a very lousy results.", ("results", "result", True)),
    ("A men came in.", ("men", "man", True)),
    ("This are my notes.", ("This", "These", True)),
    ("This are a problem.", ("are", "is", True)),
    ("These was the best years.", ("was", "were", True)),
    ("Those is my shoes.", ("is", "are", True)),
    ("This files are old.", ("This", "These", True)),
])
def test_a_number_slip_in_a_noun_phrase_is_proposed(text, change):
    assert np_proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "A friend says that the chairs are new.",  # a clause: "friend" has a plural, so it is no adjective
    "A general says hello; a meeting takes time.",
    "A good understanding continues; a good beating makes men.",  # "-ing" words are nouns here
    "A local plumbers' union; a twelve days' journey; a young ladies' school.",  # possessives
    "We need a new sales team and a dozen eggs, a couple days and a wooden chairs and desks.",
    "It is a means to an end; a series of files.",
    "They take a real hands off approach.",  # a particle after the plural: a compound
    "Among these was a letter; of these is one; if this were true, this means a lot.",
    "Chief among these is the cost.",
    "Is this files?",  # no verb after the noun
])
def test_a_right_noun_phrase_is_left_alone(text):
    assert np_proposed(text) == []


VERB_LEXICON = {**LEXICON, **{w: 10_000 for w in (
    "jammed jam jams overheats overheat overheated laptop printer kids enjoy enjoyed enjoys show team decide decided "
    "decides lifted lift lifts box rock replaced deleted file part soon friends friend heads head departments numbers "
    "number numbered injured injure crash survive wanted police flee old again replace bent firm offer prices").split()},
    "replaces": 2_000, "deletes": 1_500, "friended": 1_000, "headed": 3_000}


def verb_proposed(text):
    return [(text[p.start:p.end], p.replacement, p.rule, p.bar is None) for p in proposals(text, VERB_LEXICON)]


@pytest.mark.parametrize("text, change", [
    ("Did the printer jammed again?", ("jammed", "jam", "en.inverted_base", True)),  # a noun phrase as subject
    ("Does the old laptop overheats?", ("overheats", "overheat", "en.inverted_base", True)),
    ("Did the kids enjoyed the show?", ("enjoyed", "enjoy", "en.inverted_base", True)),
    ("Does anyone knows?", ("knows", "know", "en.inverted_base", True)),
    ("It can done easily.", ("done", "be done", "en.modal_base", True)),  # a participle that is no past
    ("The firm will withdrawn the offer.", ("withdrawn", "withdraw", "en.modal_base", True)),  # an object: the base
    ("Prices will risen.", ("risen", "rise", "en.modal_base", True)),  # no passive
    ("I didn't seen it.", ("seen", "see", "en.modal_base", True)),
    ("She has tore the page.", ("tore", "torn", "en.participle_after_have", True)),
    ("We decided to bought a box.", ("bought", "buy", "en.to_base", False)),  # past = participle, an object next
    ("She bent down to lifted the box.", ("lifted", "lift", "en.to_base", False)),  # any "to", an object next
    ("The part must be replaces soon.", ("replaces", "replaced", "en.be_participle", True)),
    ("The report was been sent.", ("was", "had", "en.be_been", True)),
    ("It is been a week.", ("is", "has", "en.be_been", True)),
    ("After been told, he left.", ("been", "being", "en.being_after_preposition", True)),
    ("We left instead of been late.", ("been", "being", "en.being_after_preposition", True)),
])
def test_a_verb_form_slip_is_proposed(text, change):
    assert verb_proposed(text) == [change]


@pytest.mark.parametrize("text", [
    "Did the man injured in the crash survive?",  # a participle describing the subject
    "Did the woman wanted by police flee?",
    "Why did a song called 'Rain' win a prize?",
    "Do the kids enjoy it? Do the friends numbers show?",  # after "do" an -s word is mostly a noun
    "Did the team decide? The printer jammed.",  # no question, or the base already
    "His will written in 1990 was found; a living will drawn up; in May given the cost.",  # a noun "will"
    "They gave it to fallen soldiers and to lost friends.",  # "to" a preposition
    "We want to be friends; they will be heads of departments; there will be numbers.",  # plural nouns
    "It has never before been seen; he had but recently before been there.",  # "before" an adverb
])
def test_a_right_verb_form_is_left_alone(text):
    assert verb_proposed(text) == []
