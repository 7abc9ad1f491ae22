"""Per-suggestion confidence and the sensitivity setting, with the shipped model and its
calibration (model/redline-small/calibration.json)."""

import json

import pytest

from native_host.checker import Checker
from native_host.config import SENSITIVITIES
from native_host.errors import UnsupportedLanguage
from native_host.transports.languagetool_api import shown_at
from tests.host.model_fixture import model_dir
from tests.host.redline_cli import redline

TEXT = ("He go to school yesterday and buy a apple. She have recieve the letter from there teacher. "
        "However we was late, and i was tired.")


@pytest.fixture(scope="module")
def checker():
    return Checker(model_dir())


def found(checker, sensitivity):
    return {(s.start, s.end, s.replacements[0]): s for s in checker.check(TEXT, sensitivity=sensitivity)}


def test_every_suggestion_has_a_confidence_and_a_level(checker):
    every = found(checker, "thorough")
    assert len(every) >= 5
    for s in every.values():
        assert 0.0 <= s.confidence <= 1.0 and s.level in SENSITIVITIES
        d = s.to_dict()
        assert d["confidence"] == s.confidence and d["rule"] == s.rule


def test_a_more_cautious_sensitivity_shows_a_subset_ordered_by_confidence(checker):
    sure, balanced, thorough = (found(checker, level) for level in SENSITIVITIES)
    assert set(sure) <= set(balanced) <= set(thorough)
    assert len(thorough) > len(sure)
    least_shown = min(s.confidence for s in balanced.values()) if balanced else 1.0
    hidden = [s.confidence for k, s in thorough.items() if k not in balanced]
    assert all(c < least_shown for c in hidden)


def test_the_default_is_balanced(checker):
    assert set(found(checker, None)) == set(found(checker, "balanced"))


def test_a_text_marked_as_another_language_is_refused(checker):
    assert checker.check(TEXT, language="en-GB")
    with pytest.raises(UnsupportedLanguage, match="de"):
        checker.check(TEXT, language="de-DE")


def test_the_command_line_takes_the_sensitivity(tmp_path):
    path = tmp_path / "mail.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    counts = {}
    for level in SENSITIVITIES:
        out = redline("check", "--json", "--sensitivity", level, str(path))
        assert out.returncode in (0, 1), out.stderr.decode()
        suggestions = json.loads(out.stdout)["suggestions"]
        assert all("confidence" in s and s["level"] in SENSITIVITIES for s in suggestions)
        counts[level] = len(suggestions)
    assert counts["sure"] <= counts["balanced"] <= counts["thorough"] and counts["sure"] < counts["thorough"]


def test_languagetool_level_picky_is_thorough():
    maybe = {"level": "thorough"}
    assert shown_at(maybe, "thorough") and not shown_at(maybe, "balanced")
    assert shown_at({"level": "sure"}, "balanced") and shown_at({}, "balanced")  # no calibration: always shown
