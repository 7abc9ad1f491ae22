"""`Suggestion`: an edit as the transports send it (PROTOCOL.md): offsets in UTF-16 code
units into the whole text, the text it covers, replacements best first, category,
message, the rule that made it and, when known, the confidence that a careful editor
would accept it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .edits import Edit


@dataclass
class Suggestion:
    start: int
    end: int
    text: str
    replacements: list[str]
    category: str
    message: str
    rule: str = ""
    confidence: float | None = field(default=None)
    level: str | None = None  # the most cautious sensitivity that shows it (config.SENSITIVITIES)

    @classmethod
    def from_edit(cls, e: Edit, text: str) -> Suggestion:
        """`e` on `text` (code-point offsets; the caller converts them to UTF-16)."""
        return cls(e.start, e.end, text[e.start:e.end], list(e.replacements), e.category, e.message, e.rule,
                   None if e.confidence is None else round(e.confidence, 3), e.level)

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}
