"""Stage 1 helpers: detokenizing M2 text, applying M2 and FCE JSON edits, the sentence filter."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from model.recipe.prepare_data import capitalised, detokenize, good_sentence, lexicon, merge_counts, read_fce, read_m2


@pytest.mark.parametrize("tokens, text", [
    ("I do n't know what to do .", "I don't know what to do."),
    ("It 's John 's book , is n't it ?", "It's John's book, isn't it?"),
    ("I ca n't go , I 'm ill and we 've got work .", "I can't go, I'm ill and we've got work."),
    ("Wo n't you come ? They 'll see ; I 'd say so !", "Won't you come? They'll see; I'd say so!"),
    ('He said " hello " to me .', 'He said "hello" to me.'),
    ('" Yes , " she said , " it is . "', '"Yes," she said, "it is."'),
    ("It costs $ 5 ( about 4 euros ) .", "It costs $5 (about 4 euros)."),
    ("Prices rose by 5 % in [ 2019 ] .", "Prices rose by 5% in [2019]."),
    ("She is a well - known , hard - working e - mail writer .", "She is a well-known, hard-working e-mail writer."),
    ("From 1990 – 2000 , it grew .", "From 1990 – 2000, it grew."),
    ("Plain words only", "Plain words only"),
])
def test_detokenize(tokens, text):
    assert detokenize(tokens) == text


def test_detokenize_only_moves_spaces():
    tokens = 'A " b " ( c ) d - e – f \'s n\'t $ 1 % .'
    assert detokenize(tokens).replace(" ", "") == tokens.replace(" ", "")


M2 = """\
S This are a example sentence .
A 1 2|||R:VERB:SVA|||is|||REQUIRED|||-NONE-|||0
A 2 3|||R:DET|||an|||REQUIRED|||-NONE-|||0
A 1 2|||R:VERB:SVA|||was|||REQUIRED|||-NONE-|||1

S Nothing to fix here .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0

S I go to at school yesterday
A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||0
A 3 4|||U:PREP||||||REQUIRED|||-NONE-|||0
A 6 6|||M:PUNCT|||.|||REQUIRED|||-NONE-|||0
A 0 1|||UNK|||I|||REQUIRED|||-NONE-|||0

S He like to plays football in the weekends .
A 1 2|||R:VERB:SVA|||likes|||REQUIRED|||-NONE-|||0
A 3 4|||R:VERB:FORM|||play|||REQUIRED|||-NONE-|||0
A 5 8|||R:OTHER|||at weekends|||REQUIRED|||-NONE-|||0
A 5 5|||M:PUNCT|||,|||REQUIRED|||-NONE-|||0

S Last block has no blank line after it .
A 0 1|||R:ORTH|||last|||REQUIRED|||-NONE-|||1"""


def test_read_m2(tmp_path):
    path = tmp_path / "tiny.m2"
    path.write_text(M2, encoding="utf-8")
    assert list(read_m2(path)) == [
        ("This are a example sentence .", "This is an example sentence ."),
        ("Nothing to fix here .", "Nothing to fix here ."),
        ("I go to at school yesterday", "I went to school yesterday ."),
        ("He like to plays football in the weekends .", "He likes to play football , at weekends ."),
        ("Last block has no blank line after it .", "Last block has no blank line after it ."),
    ]


def test_read_fce(tmp_path):
    text = "I has a dog. It are big.\nSecond paragraph here."
    essay = {"text": text, "edits": [[0, [
        [2, 5, "have", "AGV"],
        [16, 19, "is", "AGV"],
        [7, 10, None, "R"],          # detection only: no correction, not applied
        [25, 31, "A second", "MD"],  # starts in paragraph 2
    ]]]}
    path = tmp_path / "fce.json"
    path.write_text(json.dumps(essay) + "\n", encoding="utf-8")
    assert list(read_fce(path)) == [
        ("I has a dog.", "I have a dog."),
        ("It are big.", "It is big."),
        ("Second paragraph here.", "A second paragraph here."),
    ]


def test_edits_at_the_same_place_apply_in_listed_order(tmp_path):
    m2 = tmp_path / "same.m2"
    m2.write_text("S Bye Paul I will go\n"
                  "A 2 2|||M:VERB|||said|||REQUIRED|||-NONE-|||0\n"
                  "A 2 2|||M:PUNCT|||,|||REQUIRED|||-NONE-|||0\n"
                  "A 2 3|||R:PRON|||\" I|||REQUIRED|||-NONE-|||0\n", encoding="utf-8")
    assert list(read_m2(m2)) == [("Bye Paul I will go", 'Bye Paul said , " I will go')]
    # FCE: an insertion and a replacement starting at the same offset (as in fce.train.json).
    text = "It was well attended , the people liked it."
    essay = {"text": text, "edits": [[0, [[20, 20, " to", "MT"], [20, 22, ";", "RP"]]]]}
    fce = tmp_path / "same.json"
    fce.write_text(json.dumps(essay) + "\n", encoding="utf-8")
    assert list(read_fce(fce)) == [("It was well attended , the people liked it.", "It was well attended to; the people liked it.")]


@pytest.mark.parametrize("s", [
    "The cat sat on the mat.",
    "\"Where are you going?\" she asked.",
    "(This is a parenthetical remark.)",
    "It was, in every sense, a remarkable year for the team!",
])
def test_good_sentence_accepts_prose(s):
    assert good_sentence(s)


@pytest.mark.parametrize("s", [
    "Too short.",                                   # fewer than 4 words
    " ".join(["word"] * 51) + ".",                  # more than 50 words
    "the cat sat on the mat.",                      # lower-case start
    "The cat sat on the mat",                       # no final punctuation
    "Thou art a villain, I say.",                   # archaic
    "See https://example.com for the details.",     # URL
    "Write to me at @someone for the details.",     # handle
    "The values are 12, 345, 678 and 9012.",        # mostly digits
    "THIS IS ALL SHOUTING IN CAPITALS.",            # upper case
    "",
])
def test_good_sentence_rejects(s):
    assert not good_sentence(s)


def test_lexicon_merges_the_curated_list_with_the_corpus():
    # Corpus counts in the proportions of the real corpus ("the" 1.12 M times): a rare real
    # word, a noisy misspelling of a frequent word (dropped), one seen too rarely (dropped).
    lines = merge_counts(Counter({"the": 1_120_000, "zorblats": 6, "definately": 5, "quuxle": 2}))
    counts = {w: int(n) for w, n in (line.split("\t") for line in lines)}
    assert len(counts) > 80_000  # SymSpell's list is the base
    assert lines[0].startswith("the\t")
    assert [int(line.split("\t")[1]) for line in lines] == sorted(counts.values(), reverse=True)
    assert "zorblats" in counts and "definately" not in counts and "quuxle" not in counts
    assert "zorblats\t" in "\n".join(lexicon(["The zorblats won."] * 5))


def test_capitalised_words_are_those_the_corpus_capitalises_inside_sentences():
    sentences = (["We met in London on Monday.", "She reads the paper.", "Paper is cheap."] * 100
                 + ["He said london once.", "A car jack broke.", "Call Jack now."] + ["Call Jack today."] * 120)
    known = {"london", "monday", "paper", "jack", "we"}
    # "paper": capitalised only as a first word; "jack": an everyday word too (NOT_CAPITALISED);
    # "london": capitalised 100 of 101 times inside a sentence (>= 99 %).
    assert capitalised(sentences, known) == ["london", "monday"]
    assert capitalised(sentences, known, ratio=1.0) == ["monday"]
