"""What a rule stage reads (pipeline.Sentence), with the margin the model would give any change."""

from __future__ import annotations

from native_host.lexicon import Lexicon


class RuleSentence:
    def __init__(self, text: str, margin: float = 0.0, *, counts: dict[str, int], back: float = 0.0):
        self.text, self.starts, self.min_margin = text, True, 0.0
        self.lexicon = Lexicon(counts, frozenset(), frozenset())
        self._margin, self._back = margin, back
        self.asked_in: list[str] = []  # the other texts margin_in was asked about

    def margin(self, start: int, end: int, replacement: str) -> float:
        return self._margin

    def margin_in(self, text: str, start: int, end: int, replacement: str) -> float:
        """`back`: the margin of any change of another text."""
        self.asked_in.append(text)
        return self._back
