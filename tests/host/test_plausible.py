"""Which model edits are shown: native_host/plausible.py on hand-made edits."""

from __future__ import annotations

from native_host.lang import language
from native_host.lang.en.words import FUNCTION_WORDS
from native_host.lexicon import load_counts as load_lexicon
from native_host.lexicon import sentence_words
from native_host.plausible import looping, plausible
from native_host.word_diff import diff

EN = language("en")

LEXICON = frozenset(["the", "a", "cat", "cats", "sat", "on", "mat", "organ", "organic", "own", "owns", "receive", "he", "went", "to", "school", "market", "goals", "soccer", "well", "known", "shouldn't", "we", "scored", "two"])


def keep(source: str, corrected: str, lexicon=LEXICON) -> list[tuple[str, str]]:
    """The (original, replacement) pairs of the edits turning source into corrected that pass."""
    src, fixed = sentence_words(source), sentence_words(corrected)
    return [(e.original, e.replacement) for e in diff(source, corrected) if plausible(e, source, src, fixed, lexicon, EN)]


def test_spelling_and_form_fixes_pass():
    assert keep("He recieve the cat.", "He receive the cat.") == [("recieve", "receive")]
    assert keep("He owns the cat.", "He own the cat.") == [("owns", "own")]
    assert len(keep("The the cat sat.", "The cat sat.")) == 1
    assert len(keep("He went to the school.", "He went to school.")) == 1  # a function word


def test_dropped_content_words_and_merged_non_words_do_not():
    assert keep("We scored two soccer goals.", "We scored two soccals.") == []  # a non-word
    assert keep("The cat sat on the mat.", "The sat on the mat.") == []  # a content word dropped
    assert keep("He went to the organic market.", "He went to the organ market.") == []  # cut short
    assert keep("We scored two soccer goals.", "We scored.") == []  # too much rewritten


def test_names_and_doubled_words_do_not():
    assert keep("He sat on the Rolex mat.", "He sat on the Role mat.") == []  # unknown, capitalised: a name
    assert keep("Recieve the cat.", "Receive the cat.") != []  # the first word may be any word
    assert keep("He sat on the Rolex mat.", "He sat on the rolex mat.") != []  # its case may change
    assert keep("He went to school.", "He went to to school.") == []
    assert keep("He went to school.", "He went to the school.") != []
    assert keep("He went to to school.", "He went to school.") != []  # removing a doubled word is fine


def test_a_phrase_said_twice_is_the_decoder_slipping():
    # Seen on JFLEG dev: the copy pointer jumps back and repeats what it just wrote.
    assert keep("They play day until night and night until day again.",
                "They play day until night and night until night until night until day again.", lexicon=None) == []
    assert keep("It will increase from now to then.", "It will increase now increase now to then.", lexicon=None) == []
    # One change that the diff splits in two, each half repeating what the other removes: both pass.
    source, corrected = "We face it, for example if you choose.", "We face it. For example, if you choose."
    assert len(keep(source, corrected, lexicon=None)) == len(diff(source, corrected)) == 2


def test_an_abbreviation_is_not_cut_apart():
    # Seen on rule_examples_dev at Thorough: the model took the "a" of "a.m." for an article.
    assert keep("It leaves at 10.45 a.m. today.", "It leaves at 10.45.m. today.", lexicon=None) == []
    assert keep("Bring fruit, e.g. apples.", "Bring fruit, g. apples.", lexicon=None) == []
    assert keep("He leave at 10.45 a.m. today.", "He leaves at 10.45 a.m. today.", lexicon=None) != []
    assert keep("He went to a school.", "He went to school.", lexicon=None) != []  # an article may go


def test_a_content_word_said_again_a_changed_number_or_a_long_insertion_do_not():
    # Seen on CWEB dev (web text): the copy pointer repeats a word of the sentence.
    assert keep("Let us print them for you!", "Let us print them print for you!", lexicon=None) == []
    assert keep("The health of our planet due to climate change.",
                "The health of our planet, due to the planet, due to climate change.", lexicon=None) == []
    assert keep("He went to school.", "He went to the school.", lexicon=None) != []  # a function word may be
    assert keep("At home, pre-9/11 or post.", "At home, pre-9/1 or post.", lexicon=None) == []
    assert keep("In 2 0 0 6 he left.", "In 2006 he left.", lexicon=None) != []  # the same digits
    assert keep("He went to school.", "He went to the big old red school.", lexicon=None) == []


def test_a_decoder_going_round_in_circles_is_seen():
    source = sentence_words("so that the best possible actions within the network are bad")
    assert looping(source, sentence_words("so possible actions that are possible actions that are possible actions"))
    assert not looping(source, sentence_words("so that the best possible actions within the network are bad"))
    assert not looping(sentence_words("I said no, no, no to it"), sentence_words("I said: no, no, no to it."))


def test_words_of_the_sentence_and_compounds_count_as_known():
    assert len(keep("zorblat went to zorblatt school.", "zorblat went to zorblat school.")) == 1
    assert len(keep("The cat sat.", "The well-known cat sat.")) == 1
    assert keep("The cat sat.", "The xyzzy cat sat.") == []


def test_without_a_lexicon_only_the_other_rules_apply():
    assert keep("We scored two soccer goals.", "We scored two soccals.", lexicon=None) == []  # "goals" dropped
    assert keep("He scord two goals.", "He scored two goals.", lexicon=None) != []


def test_emoji_are_never_touched():
    assert keep("We won 😀 the cat.", "We won the cat.") == []


def test_function_words_and_the_shipped_lexicon(tmp_path):
    assert {"the", "a", "of", "is", "to"} <= FUNCTION_WORDS
    assert load_lexicon(tmp_path) is None
    (tmp_path / "words.txt").write_text("cat\t120\ndog\t7\nemu\n", encoding="utf-8")
    assert load_lexicon(tmp_path) == {"cat": 120, "dog": 7, "emu": 1}


def test_a_mark_said_over_and_over_is_the_decoder_stuck():
    assert keep("Really?? Yes.", "Really" + "?" * 92 + " Yes.") == []
    assert keep("Really ? ? Yes.", "Really ? ? ? ? Yes.") == []
    assert keep("What?? No way.", "What? No way.") == [("? ", "")]  # one fewer is fine
