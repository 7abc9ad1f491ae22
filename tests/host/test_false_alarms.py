"""Fine writing that Redline once flagged (issue: "Stop flagging good writing"): each case
failed before its fix. The shipped model, showing everything it finds (Thorough): none of
these may be flagged even there."""

import pytest


@pytest.mark.parametrize("text", [
    "An unidentified man was seen near the station.",  # a/an: "un-" + a word sounds like a vowel
    "They live in an unincorporated area of the county.",
    "It was an unimportant detail.",
    "Mayme Farmer was born in a small town.",  # a first name followed by a surname
    "The rollout of the new setup starts next week.",  # verb + particle compounds
    "Overtraining hurts, so we reinstall and preorder multicore parts.",  # a prefix + a common word
    "Sarah Bernhardt starred in Ruy Blas and Fédora.",  # a name with an accent is one word
    "It is next to the mountains of Jabal An-Nabi Shu'ayb.",  # letters after an apostrophe
    "We offer flexi-time to all staff.",  # part of a hyphenated word
    "const total = items.reduce((a, b) => a + b, 0);\ndef main():\n    return total;",  # pasted code
])
def test_fine_text_is_left_alone(thorough_checker, text):
    assert [(s.text, s.replacements[0]) for s in thorough_checker.check(text)] == []


def test_the_un_words_still_get_their_article_fixed_when_wrong(thorough_checker):
    assert thorough_checker.correct("It was a unimportant detail and a university town.") == \
        "It was an unimportant detail and a university town."


def test_prose_beside_code_is_still_checked(thorough_checker):
    text = "Run this:\nconst x = load(path);\nIt recieve the file and returns it."
    assert [s.text for s in thorough_checker.check(text)] == ["recieve"]
