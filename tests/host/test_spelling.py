"""The spelling stage (native_host/spelling.py): on a hand-made lexicon for the rules, on
the shipped one and through the checker for what a user sees."""

import re

import pytest

from native_host.checker import Checker
from native_host.lexicon import load_counts as load_lexicon
from native_host.spelling import Speller
from tests.host.model_fixture import model_dir

COUNTS = {"the": 1000, "a": 900, "lot": 500, "of": 800, "very": 300, "vary": 40, "receive": 60, "relieve": 20,
          "because": 200, "became": 90, "school": 150, "stool": 5, "don't": 100, "done": 400, "in": 700,
          "fact": 80, "friend": 70, "and": 950, "cat": 30, "i": 600, "am": 300, "get": 250, "mail": 20}


@pytest.fixture(scope="module")
def speller():
    return Speller(COUNTS)


@pytest.fixture(scope="module")
def shipped():
    lexicon = load_lexicon(model_dir())
    assert lexicon, "the shipped model has no words.txt"
    return Speller(lexicon)


def flagged(speller, sentence):
    return [m.group() for m in re.finditer(r"[a-z]+", sentence) if speller.misspelled(sentence, m.start(), m.end())]


def test_ranked_by_distance_then_frequency(speller):
    assert speller.candidates("recieve") == ["receive", "relieve"]  # 1 transposition < 2 edits
    assert speller.candidates("verry") == ["very", "vary"]
    assert speller.candidates("becuase")[0] == "because"
    assert speller.candidates("xyzzy") == []
    assert speller.candidates("fiend") == ["friend"]  # the first letter is kept, not "the"


def test_splits_and_missing_apostrophes(speller):
    assert speller.candidates("alot")[0] == "a lot"
    assert speller.candidates("infact")[0] == "in fact"
    assert speller.candidates("dont")[0] == "don't"  # before the more frequent "done"


def test_first_letters_swapped_and_plurals_of_y(shipped):
    assert shipped.candidates("hte")[0] == "the"
    assert not shipped.known("citys") and shipped.known("days") and shipped.known("mistreats")
    assert not shipped.known("thoes") and shipped.candidates("Thoes")[0] == "Those"  # not "tho" + "es"
    assert "cities" in shipped.candidates("citys") and "families" in shipped.candidates("familys")


def test_what_is_checked(speller):
    sentence = "Teh cat saw alot of config.yaml and @jdoe and snake_case and Zorblat and recieve."
    # Capitalised words (names), file names, handles, identifiers and known words are left alone.
    assert flagged(speller, sentence) == ["saw", "alot", "recieve"]
    assert flagged(speller, "Ask bob or ok.") == ["bob"]  # words of two letters are not checked
    assert flagged(speller, "I ran npm over ssh.") == ["ran", "over"]  # nor abbreviations without a vowel
    assert speller.correct("I get alot of mail, becuase I am a freind.") == "I get a lot of mail, because I am a friend."


def test_a_capitalised_first_word_is_checked_but_names_are_spared(shipped):
    assert shipped.candidates("Becuase") == [c.capitalize() for c in shipped.candidates("becuase")]
    assert shipped.correct("Becuase it rained, we stayed.") == "Because it rained, we stayed."
    assert shipped.correct('"Infact, Althogh is wrong."') == '"In fact, Althogh is wrong."'  # only the first word
    assert shipped.correct("Alot of people came.") == "A lot of people came."
    # Names at the start stay: too short ("Minh" is one letter from "mind"), close only to a
    # rare word ("Xiaoming" is one letter from "Xiaoping") or not that close ("Dmitry", "dirty").
    for sentence in ("Minh said so.", "Xiaoming is here.", "Dmitry is here.", "Zorblat is a name.", "I know."):
        assert shipped.correct(sentence) == sentence


def test_shipped_lexicon_corrects_common_misspellings(shipped):
    fixes = {"recieve": "receive", "becuase": "because", "freind": "friend", "definately": "definitely",
             "thier": "their", "tomorow": "tomorrow", "beleive": "believe", "alot": "a lot", "dont": "don't",
             "goverment": "government", "enviroment": "environment", "untill": "until",
             "confort": "comfort", "speciallist": "specialist", "everytime": "every time"}
    assert {w: shipped.candidates(w)[0] for w in fixes} == fixes
    for word in ("pizza", "boyfriend", "recycling", "colour", "travelling", "organise", "emails", "website",
                 "mistreats"):  # a known word plus -s
        assert shipped.known(word), word


def test_checker_offers_spelling_alternatives_and_explains_them():
    # Spelling only: the shipped model also rewrites this sentence's tense ("have received").
    checker = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")
    text = "I recieve alot of letters from my freind."
    found = {s.text: s for s in checker.check(text)}
    assert {"recieve", "alot", "freind"} <= set(found)
    for word, fix in (("recieve", "receive"), ("alot", "a lot"), ("freind", "friend")):
        s = found[word]
        assert s.category == "spelling" and s.replacements[0] == fix, s
        assert text[s.start:s.end] == word and 1 <= len(s.replacements) <= 3
        assert len(set(s.replacements)) == len(s.replacements)
    assert "two words" in found["alot"].message
    assert checker.correct(text).startswith("I receive a lot of letters")


def test_names_and_code_are_not_spell_checked():
    checker = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")  # spelling only: no model edits pass
    text = "Dmitry pushed the fix to github.com/redline and pinged @marcus about config_loader."
    assert checker.check(text) == []


def test_the_model_picks_the_spelling_that_fits_the_sentence(shipped):
    checker = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")  # spelling only: no model edits pass
    # Alone, the most frequent word one edit away wins: "real", "with", "succeed".
    assert shipped.correct("I realy like it.") == "I real like it."
    assert checker.correct("I realy like it.") == "I really like it."
    assert checker.correct("I dont know wich one to take.") == "I don't know which one to take."
    assert checker.correct("He succeded in the end.") == "He succeeded in the end."
    assert checker.correct("We talk about our familys.") == "We talk about our families."  # sure: not re-ranked


def test_closed_compounds_written_as_two_words_are_joined(shipped):
    speller = shipped
    assert speller.correct("I did it my self, There fore I am happy.") == "I did it myself, Therefore I am happy."
    assert speller.correct("Now a days we do home work with out help.") == "Nowadays we do homework without help."
    assert speller.correct("Some one asked every one to do some thing.") == "Someone asked everyone to do something."
    # Right apart, so left alone: "every one of them", "can not only".
    assert speller.correct("Every one of them can not only sing.") == "Every one of them can not only sing."


def test_a_joined_compound_is_one_spelling_suggestion():
    checker = Checker(model_dir(), sensitivity="thorough")
    [s] = [s for s in checker.check("She did all the home work by her self.") if "self" in s.text]
    assert (s.text, s.replacements[0], s.category) == ("her self", "herself", "spelling")
    assert "one word" in s.message


def test_shipped_model_capitalises_days_places_and_languages():
    spelling_only = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")  # no model edits pass
    assert spelling_only.correct("We flew to london on monday and spoke english.") == \
        "We flew to London on Monday and spoke English."
    found = spelling_only.check("We flew to london.")
    assert [(s.start, s.end, s.replacements[0], s.category) for s in found] == [(11, 17, "London", "capitalization")]


def test_known_words_are_never_flagged_nor_offered(speller):
    extra = Speller(COUNTS, known=frozenset({"vary", "anesthesia", "cattle"}))
    sentence = "The anesthesia and cattles and catle."
    assert flagged(speller, sentence) == ["anesthesia", "cattles", "catle"]
    assert flagged(extra, sentence) == ["catle"]  # a known word takes -s too
    assert "cattle" not in extra.candidates("catle")  # known, but its frequency is unknown: not a correction


def test_the_shipped_model_knows_todays_words_the_corpus_lacks():
    # Web text the lexicon lacked: the speller turned "watercolors" into "watercolours"
    # and "checkbook" into "checkbox" (CWEB dev).
    checker = Checker(model_dir(), sensitivity="thorough")
    checker.load()
    for word in ("anesthesia", "watercolors", "checkbook"):
        assert checker.speller.known(word), word
    assert not checker.speller.known("surprize")  # SCOWL's archaic spelling, a misspelling today


def test_a_prefix_or_suffix_on_a_common_word_is_a_word_not_a_misspelling(shipped):
    for word in ("overtraining", "preorder", "multicore", "reinstall"):
        assert not shipped.misspelled(word, 0, len(word)), word
    # ...but not "un-", "-ful" or "-ness" after "y", nor a prefix on a fragment.
    for word in ("untill", "greatful", "happyness", "prefered", "reccomend", "nontheless"):
        assert shipped.misspelled(word, 0, len(word)), word
