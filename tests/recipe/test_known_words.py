"""model/recipe/known_words.py: which dictionary words become known.txt."""

from model.recipe.known_words import known_words

LEXICON = {"surprise": 5000, "old": 9000, "the": 10000, "color": 3000, "box": 2000}


def test_new_words_are_kept_and_variants_of_frequent_words_left_out():
    lists = ["Anesthesia", "checkbook", "surprize", "olde", "the", "colors", "don't", "café", "Boxes", ""]
    # "surprize", "olde": one edit from a frequent word, so still misspellings; "the",
    # "colors", "Boxes": known already; "don't", "café": not plain ASCII letters.
    assert known_words(lists, LEXICON) == ["anesthesia", "checkbook"]
