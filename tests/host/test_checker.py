"""The checker on whole texts: offsets, non-prose, long input, the sentence cache. The
pipeline is what is tested here, so the checkers show every edit (sensitivity Thorough);
test_sensitivity.py tests the sensitivity."""

import pytest

from native_host.checker import Checker
from native_host.errors import TextTooLarge
from native_host.limits import MAX_CHECKER_UTF16 as MAX_TEXT_CHARS
from native_host.offsets import Utf16Map, utf16_len
from native_host.regions import paragraphs, windows
from tests.host.model_fixture import model_dir


@pytest.fixture(scope="module")
def eager():
    """Keeps every change the model makes (no precision guard), so even an early model
    produces suggestions whose offsets can be checked."""
    return Checker(model_dir(), min_margin=float("-inf"), sensitivity="thorough")


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start: 2 * end].decode("utf-16-le")


CORPUS = [
    "He go to school yesterday and buy a apple. 😀 Then he eat it.",
    "Ich bin müde 😴 but I has to working today.\r\nShe dont know where are the keys.",
    "Café owners in Zürich says that the the prices is to high 🇨🇭🇨🇭.",
    "東京 is a big city and it have many peoples.\tTabs\tare\there.",
    "Combining accents: e\u0301le\u0300ve, she go to the the market.",
    "👩‍👩‍👧 family emoji; their going too the park tomorow.",
    "Multiple   spaces   between  words is are wrong.",
]


def test_suggestion_text_equals_utf16_slice(eager):
    total = 0
    for text in CORPUS:
        for s in eager.check(text):
            d = s.to_dict()
            assert set(d) >= {"start", "end", "text", "replacements", "category", "message"}
            assert 0 <= s.start <= s.end <= utf16_len(text)
            assert utf16_slice(text, s.start, s.end) == s.text, (text, d)
            assert s.category in {"spelling", "grammar", "punctuation", "capitalization", "word-choice", "style"}
            assert s.message and s.replacements
            total += 1
    assert total > 0, "the model made no change at all on a corpus full of errors"


def test_utf16_map_round_trip():
    text = "a😀b🇨🇭c東\r\n"
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.from_utf16(m.to_utf16(i)) == i
        assert m.to_utf16(i) == utf16_len(text[:i])


def test_non_prose_is_left_alone(eager):
    text = ("Hi Anna,\n\nPlease look at https://example.com/this_is_a_url?x=1 and write to bob.smith@example.org "
            "or run `pip instal redline` now. We has a meeting tomorow.\n\n> He go to school and buy a apple.\n> quoted reply line\n\n"
            "Cheers\n-- \nBob Smith, he go to school\nACME Corp")
    quoted = text.index("> He go")
    signature = text.index("-- \n")
    protected = [(text.index("https://"), text.index(" and write")), (text.index("bob.smith"), text.index(" or run")),
                 (text.index("`pip"), text.index(" now."))]
    found = eager.check(text)
    assert not any(s.text == "instal" for s in found)  # inside a code span
    assert any(s.text == "tomorow" for s in found), found  # the prose around them is still checked
    for s in found:
        assert not (quoted <= s.start < text.index("Cheers")), s
        assert s.start < signature, s
        for a, b in protected:
            assert s.end <= a or s.start >= b, s


def test_long_unpunctuated_text_is_windowed(eager):
    text = " ".join(["the cat sat on a mat and it was happy"] * 300)  # 3,000 words, one "sentence"
    cut = windows(text)
    assert len(cut) >= 40
    assert all(text[w.start:w.end].strip() for w in cut)
    found = eager.check(text)
    assert found, "no suggestion at all on 3,000 words without a capital or a period"
    for s in found:
        assert utf16_slice(text, s.start, s.end) == s.text


def test_too_large_text_is_refused_clearly(eager):
    with pytest.raises(TextTooLarge, match="limit"):
        eager.check("a" * (MAX_TEXT_CHARS + 1))


def test_empty_and_whitespace(eager):
    assert eager.check("") == []
    assert eager.check(" \n\t\r\n ") == []


def test_sentences_checked_together_get_what_each_gets_alone():
    """The model decodes a text's sentences as a batch (Checker.warm, all_edits): padded,
    sorted by length, first passes shared; every sentence must still get its own result."""
    alone, together = Checker(model_dir(), sensitivity="thorough"), Checker(model_dir(), sensitivity="thorough")
    texts = ["She go to the the market yesterday.", "This one is fine.", "I recieve to many emails evry day.",
             "However we went home early and the the dog were tired.", "Ok.",
             "They was happy because there team won the match, and everyone celebrate until late at night.",
             "He has went home. she dont like it. Its a nice day, isnt it?"]
    together.warm(texts)
    misses = together.cache_misses
    assert [together.check(t) for t in texts] == [alone.check(t) for t in texts]
    assert together.cache_misses == misses  # every sentence came from the batch
    assert any(alone.check(t) for t in texts)


def test_cache_decodes_only_changed_sentences():
    checker = Checker(model_dir(), sensitivity="thorough")
    paragraph = "The first sentence is here. The second one follows. A third closes it."
    checker.check(paragraph)
    misses = checker.cache_misses
    checker.check(paragraph.replace("second one", "second sentence"))
    assert checker.cache_misses == misses + 1
    assert checker.cache_hits >= 2


def test_correct_applies_suggestions(eager):
    text = "She go to the the market yesterday."
    fixed = eager.correct(text)
    expected = text
    for s in sorted(eager.check(text), key=lambda s: -s.start):
        expected = expected[:s.start] + s.replacements[0] + expected[s.end:]
    assert fixed == expected


def test_precision_guard_keeps_only_confident_edits():
    text = "She go to the the market yesterday and buy a apple."
    eager = Checker(model_dir(), min_margin=float("-inf"), passes=1, sensitivity="thorough").check(text)
    strict = Checker(model_dir(), min_margin=1e9, passes=1, sensitivity="thorough").check(text)
    default = Checker(model_dir(), passes=1, sensitivity="thorough").check(text)
    # Only the certain rules ("the the", "a apple"), nothing the model must vouch for.
    assert [(text[s.start:s.end], s.replacements[0]) for s in strict] == [(" the", ""), ("a", "an")]
    assert {(s.start, s.end, s.replacements[0]) for s in default} <= {(s.start, s.end, s.replacements[0]) for s in eager}


def test_short_lines_are_their_own_segments():
    text = "Hi Sarah,\nthanks for the notes on the draft we wrote together last week.\r\nBest regards,\r\nTom"
    pieces = [text[w.start:w.end] for w in windows(text)]
    assert pieces == ["Hi Sarah,", "thanks for the notes on the draft we wrote together last week.", "Best regards,", "Tom"]


def test_emoji_are_never_corrected(eager):
    text = "We won 😀🎉 and the the team was happy 👍. Then she go to the the market 🛒 and buy a apple."
    found = eager.check(text)
    assert found, "nothing found in a text with errors beside its emoji"
    for s in found:
        assert all(ord(ch) < 0x2000 for ch in s.text + s.replacements[0]), s


def test_precision_guard_is_monotone_and_greedy_choices_pass_at_zero():
    """A higher margin keeps a subset of the edits. At margin 0 the first edit of a sentence
    always survives: greedy decoding chose its first token over the token as written, after
    the same prefix, so its margin is >= 0. (One model pass: a second one starts from
    what the first kept, so it may add an edit at a higher margin.)"""
    texts = ["She go to the the market yesterday and buy a apple.", "He have two cat and a dogs.",
             "Their is many reason to stay at home tomorow.", "I has been waiting for you since two hours."]
    kept = {m: Checker(model_dir(), min_margin=m, passes=1, sensitivity="thorough") for m in (float("-inf"), 0.0, 1.0, 3.0)}
    seen_first = False
    for text in texts:
        edits = {m: {(s.start, s.end, s.replacements[0]) for s in c.check(text)} for m, c in kept.items()}
        assert edits[3.0] <= edits[1.0] <= edits[0.0] <= edits[float("-inf")]
        if edits[float("-inf")]:
            assert min(edits[float("-inf")]) in edits[0.0]
            seen_first = True
    assert seen_first, "the shipped model changed none of the test sentences"


def test_a_sentence_starts_with_a_capital_but_a_window_inside_one_does_not():
    spelling_only = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")  # no model edits pass
    assert spelling_only.correct("because it rained, we stayed home.") == "Because it rained, we stayed home."
    assert spelling_only.correct("Hi Sarah,\nthanks for the notes.") == "Hi Sarah,\nThanks for the notes."
    assert spelling_only.correct('It rained. "we stayed," she said.') == 'It rained. "We stayed," she said.'
    assert spelling_only.correct("We went home. then we ate.") == "We went home. Then we ate."
    for text in ("npm is a package manager.", "e.g. the first one.", "iPhone sales rose."):
        assert spelling_only.correct(text) == text
    # A 70-word sentence is cut into windows after a comma: the second starts mid-sentence.
    text = "We walked along the river " * 10 + "and the sun was out, and we talked for a long time " + "about it " * 8 + "."
    assert len(windows(text)) == 2
    assert not any(s.category == "capitalization" for s in spelling_only.check(text))


def test_a_second_model_pass_runs_only_on_changed_sentences():
    one, two = Checker(model_dir(), passes=1, sensitivity="thorough"), Checker(model_dir(), passes=2, sensitivity="thorough")
    calls = {}
    for name, checker in (("one", one), ("two", two)):
        model = checker.load().model
        model.decoder_calls = 0
        assert checker.correct("The weather was lovely, so we walked to the park.") == \
            "The weather was lovely, so we walked to the park."
        calls[name] = model.decoder_calls
    assert calls["one"] == calls["two"] > 0
    text = "They goes to the the market yesterday and buy a apple."
    assert one.correct(text) != text
    # The second pass corrects the first pass's output once more.
    assert two.correct(text) == one.correct(one.correct(text))


def test_fixed_rules_run_at_sentence_starts_only_and_say_what_they_fix():
    spelling_only = Checker(model_dir(), min_margin=float("inf"), sensitivity="thorough")  # no model edits pass: only the rules
    assert spelling_only.correct("However we went home early.") == "However, we went home early."
    assert spelling_only.correct("We went home. in addition the price rose.") == "We went home. In addition, the price rose."
    assert spelling_only.correct("After that i studied.") == "After that I studied."
    (comma,) = spelling_only.check("However we went home early.")
    assert (comma.start, comma.end, comma.replacements[0], comma.category) == (0, 7, "However,", "punctuation")
    # Inside a long sentence cut into windows, a window's first word is not a sentence start.
    text = "We walked along the river " * 10 + "and the sun was out, however we talked for a long time " + "about it " * 8 + "."
    assert "however," not in spelling_only.correct(text)


def test_a_proposed_change_is_kept_only_if_the_model_agrees():
    checker = Checker(model_dir(), sensitivity="thorough")
    assert checker.correct("We don't study these subject very deeply.") == "We don't study these subjects very deeply."
    assert checker.correct("She teach us every day.") == "She teaches us every day."  # the model alone leaves it
    # Proposed ("both likes to", "a lot of times", "he founds"), but the model finds them far less likely.
    for text in ("We both like to travel around the world.", "I spent a lot of time with them.",
                 "He found an idea for the story."):
        assert checker.correct(text) == text
    # The precision guard's margin raises the bar for proposals too.
    assert Checker(model_dir(), min_margin=1e9, sensitivity="thorough").correct("She teach us every day.") == "She teach us every day."


def test_the_model_places_the_comma_after_an_opening_clause():
    checker = Checker(model_dir(), sensitivity="thorough")
    assert checker.correct("When I was young I lived in a small village near the sea.") == \
        "When I was young, I lived in a small village near the sea."
    assert checker.correct("If it rains tomorrow we will stay at home.") == "If it rains tomorrow, we will stay at home."


def test_a_cut_window_makes_no_edit_at_the_cut_with_the_models_edits_on():
    """A 70-word sentence cut after "...talked for a": the model took the cut for a sentence
    end and offered "long" -> "A long" at the start of the next window."""
    checker = Checker(model_dir(), sensitivity="thorough")
    text = "We walked along the river " * 10 + "and the sun was out, and we talked for a long time " + "about it " * 8 + "."
    cut = windows(text)
    assert len(cut) == 2
    for s in checker.check(text):
        assert not (cut[1].start <= s.start < cut[1].start + 5), s
        assert s.replacements[0][:1] != "A", s


def test_every_suggestion_says_which_stage_made_it():
    checker = Checker(model_dir(), sensitivity="thorough")
    found = checker.check("However i think that we recieve alot of informations.")
    rules = {s.text: s.rule for s in found}
    assert rules["i"] == "en.pronoun_i" and rules["recieve"] == "spelling.misspelled" and rules["alot"] == "spelling.split"
    assert all(s.message for s in found)


def test_paragraphs_cover_the_text_and_keep_a_wrapped_sentence_whole():
    text = ("Hi Anna,\n\nThe report we talked about last week is finally ready for review, and\n"
            "I would like your comments on it by Friday. Thanks again.\n```\nconst x = f(y);\n```\n"
            "The second paragraph has one sentence.\n\n")
    wins = windows(text)
    parts = paragraphs(text, wins)
    assert [(a, b) for a, b, _ in parts] == [(0, 10), (10, text.index("The second")), (text.index("The second"), len(text))]
    assert [w for _, _, group in parts for w in group] == wins  # every window once, in order
    assert text[parts[1][0]:parts[1][1]].endswith("```\n")  # lines without prose join the paragraph before
    # The paragraphs asked for first come first (in the order asked), then the rest in order.
    at = text.index("second paragraph")
    assert [a for a, _, _ in paragraphs(text, wins, ((at, at), (0, 3)))] == [parts[2][0], 0, parts[1][0]]
    assert paragraphs("", []) == [(0, 0, [])]


def test_checking_a_paragraph_at_a_time_finds_what_the_whole_text_does():
    """Streaming (check_parts) answers each paragraph with the whole text's confidence: a word
    the writer uses again in a later paragraph counts (confidence.word_counts)."""
    checker = Checker(model_dir(), sensitivity="thorough")
    paras = ["Hi team,", "We ran the flomp job on monday and she go to the office.",
             "The flomp job is done now, and the numbers is late.", "```\nconst x = f(y);\n```",
             "Thanks for you help, i will send a update tomorrow.\n\n-- \nTom"]
    text = "\n".join(paras)
    whole = [s.to_dict() for s in checker.check(text)]
    alone = {s.text: s.confidence for s in checker.check(paras[1])}
    assert alone["flomp"] != next(s["confidence"] for s in whole if s["text"] == "flomp")  # the test can fail
    middle = text.index("numbers")
    for first in [(), ((middle, middle),), ((middle, len(text)), (0, 1)), ((len(text), len(text)),)]:
        parts = list(checker.check_parts(text, first=first))
        assert sorted((p.start, p.end) for p in parts) == [(a, b) for a, b, _ in paragraphs(text, windows(text))]
        assert [s.to_dict() for p in sorted(parts) for s in p.found] == whole
        for p in parts:
            assert all(p.start <= s.start and s.end <= p.end for s in p.found)
        if first:  # the paragraph asked for first (a caret at the end: the last one)
            assert parts[0].start <= min(first[0][0], len(text) - 1) < parts[0].end
