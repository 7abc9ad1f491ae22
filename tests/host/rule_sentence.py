"""What a rule stage reads (pipeline.Sentence), with the margin the model would give any change."""

from __future__ import annotations

from native_host.lexicon import Lexicon


class RuleSentence:
    def __init__(self, text: str, margin: float = 0.0, *, counts: dict[str, int]):
        self.text, self.starts, self.min_margin = text, True, 0.0
        self.lexicon = Lexicon(counts, frozenset(), frozenset())
        self._margin = margin

    def margin(self, start: int, end: int, replacement: str) -> float:
        return self._margin
