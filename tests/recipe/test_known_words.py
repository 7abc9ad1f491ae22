"""model/recipe/known_words.py: which dictionary and web words become known.txt."""

from model.recipe.known_words import known_words, variants, web_words

LEXICON = {"surprise": 5000, "old": 9000, "the": 10000, "color": 3000, "box": 2000, "until": 8000, "a": 10000,
           "lot": 4000, "their": 9000, "behaviour": 3000, "game": 4000, "play": 4000}


def test_dictionary_words_are_kept_and_variants_of_frequent_words_left_out():
    lists = ["Anesthesia", "checkbook", "surprize", "olde", "the", "colors", "don't", "café", "Boxes", "behavior", ""]
    # "surprize", "olde": one edit from a frequent word, so still misspellings; "behavior":
    # one edit from "behaviour", but its American spelling; "the", "colors", "Boxes": known
    # already; "don't", "café": not plain ASCII letters.
    assert known_words(lists, LEXICON) == ["anesthesia", "behavior", "checkbook"]


def test_american_and_british_spellings_are_variants():
    assert variants("behavior", "behaviour") and variants("anesthesia", "anaesthesia") and variants("center", "centre")
    assert not variants("surprize", "surprise") and not variants("old", "olde")


def test_web_words_must_be_frequent_and_not_a_misspelling_of_a_far_more_frequent_word():
    # "goji": too rare to trust; "untill", "thier", "alot": a word or split ten times as frequent is one edit away.
    zipf = {"gameplay": 4.0, "roadmap": 3.2, "goji": 2.1, "untill": 3.0, "until": 5.9, "thier": 3.0, "their": 6.5,
            "alot": 3.9, "a lot": 5.6, "allot": 2.5}
    assert web_words(list(zipf) + ["the", "x2"], lambda w: zipf.get(w, 0.0), LEXICON) == ["allot", "gameplay", "roadmap"]
