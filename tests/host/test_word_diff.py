"""From a sentence and the model's correction to word-level changes (word_diff.py), and
what the English classifier (lang/en/categories.py) calls each: spans, categories, messages."""

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from native_host.lang.en.categories import classify
from native_host.word_diff import diff


def to_suggestions(source, corrected, known=None):
    """Each change with the category and message the model stage gives it."""
    out = []
    for c in diff(source, corrected):
        category, message = classify(c, source, known)
        out.append(SimpleNamespace(start=c.start, end=c.end, text=c.original, replacements=[c.replacement],
                                   category=category, message=message))
    return out


def apply(source, edits):
    out, pos = [], 0
    for e in edits:
        out.append(source[pos:e.start] + e.replacement)
        pos = e.end
    return "".join(out) + source[pos:]


def one(source, corrected):
    (s,) = to_suggestions(source, corrected)
    assert source[s.start:s.end] == s.text
    return s


def test_agreement_names_the_subject():
    s = one("He go to school.", "He goes to school.")
    assert (s.text, s.replacements, s.category) == ("go", ["goes"], "grammar")
    assert "“goes”" in s.message and "“He”" in s.message and "singular" in s.message


def test_a_determiners_noun_is_not_a_subjects_verb():
    s = one("We study these subject deeply.", "We study these subjects deeply.")
    assert s.message == "Use the plural “subjects” after “these”."
    s = one("This products work.", "This product work.")
    assert s.message == "Use the singular “product” after “This”."
    assert one("These teaches us.", "These teach us.").message == "Use “teach”: the subject “These” is plural."


def test_past_tense_of_irregular_verb():
    s = one("Yesterday I buy a car.", "Yesterday I bought a car.")
    assert s.replacements == ["bought"] and "past tense" in s.message


def test_article_a_an_mentions_the_noun():
    s = one("I ate a apple.", "I ate an apple.")
    assert s.text == "a" and s.replacements == ["an"] and "“an apple”" in s.message


def test_missing_article_is_anchored_to_the_next_word():
    s = one("He is doctor.", "He is a doctor.")
    assert (s.text, s.replacements, s.category) == ("doctor", ["a doctor"], "grammar")
    assert "article" in s.message


def test_missing_comma_is_anchored_to_the_previous_word():
    s = one("However I agree.", "However, I agree.")
    assert (s.text, s.replacements, s.category) == ("However", ["However,"], "punctuation")


def test_missing_final_period():
    s = one("See you soon", "See you soon.")
    assert s.replacements == ["soon."] and s.category == "punctuation" and "period" in s.message


def test_repeated_word_removal_takes_one_space():
    source = "I saw the the cat."
    s = one(source, "I saw the cat.")
    assert s.replacements == [""] and s.category == "grammar" and "repeated" in s.message
    assert source[:s.start] + source[s.end:] == "I saw the cat."


def test_spelling_and_confusables_and_capitalization():
    assert one("I recieve mail.", "I receive mail.").category == "spelling"
    s = one("Their going home.", "They're going home.")
    assert s.category == "word-choice" and "they are" in s.message
    assert one("i agree.", "I agree.").category == "capitalization"
    assert one("We met on monday.", "We met on Monday.").category == "capitalization"


def test_two_word_replacement_splits_into_two_suggestions():
    subs = to_suggestions("He buy a apple.", "He bought an apple.")
    assert [(s.text, s.replacements[0]) for s in subs] == [("buy", "bought"), ("a", "an")]


def test_a_word_split_in_two_stays_its_own_suggestion():
    edits = [(e.original, e.replacement) for e in diff("I recieve alot of mail.", "I receive a lot of mail.")]
    assert edits == [("recieve", "receive"), ("alot", "a lot")]
    edits = [(e.original, e.replacement) for e in diff("He has went home.", "He went home.")]
    assert edits == [(" has", "")]
    [s] = to_suggestions("We meet eachother daily.", "We meet each other daily.")
    assert (s.text, s.replacements, s.category) == ("eachother", ["each other"], "spelling")
    known = {"receive", "the"}.__contains__
    [s] = to_suggestions("I recieve it.", "I receive it.", known)
    assert s.category == "spelling" and "misspelled" in s.message


def test_identical_and_whitespace_only_changes_give_nothing():
    assert to_suggestions("All good here.", "All good here.") == []
    assert to_suggestions("All  good\there.", "All good here.") == []


WORDS = st.sampled_from(["the", "a", "cat", "dog", "is", "are", "went", "go", ",", ".", "I", "happy", "apple", "an"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12), st.lists(WORDS, min_size=1, max_size=12))
def test_applying_every_edit_gives_the_correction_modulo_spacing(a, b):
    source, corrected = " ".join(a), " ".join(b)
    edits = diff(source, corrected)
    tokens = lambda s: re.findall(r"\w+(?:['’]\w+)*|[^\w\s]", s)
    assert tokens(apply(source, edits)) == tokens(corrected)
    for e in edits:
        assert source[e.start:e.end] == e.original
    assert all(x.end <= y.start for x, y in zip(edits, edits[1:]))  # ordered, no overlap


def test_messages_name_the_mistake():
    # What the word written means comes first, then what the sentence needs.
    assert one("Their going home.", "They're going home.").message == \
        "“Their” means belonging to them; here you need “They're” (they are)."
    assert one("I can went there.", "I can go there.").message == "After “can”, use the base form “go”."
    assert one("I will tried.", "I will try.").message == "After “will”, use the base form “try”."
    assert one("He can swimming.", "He can swim.").message == "After “can”, use the base form “swim”."
    assert one("I look forward to meet you.", "I look forward to meeting you.").message == \
        "Use the -ing form “meeting” here."
