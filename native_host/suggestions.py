"""From a sentence and its correction to minimal word-level suggestions.

The two sentences are split into words and punctuation marks, aligned with
difflib, and each differing run becomes one Suggestion: a span of the original,
its replacement, a category and a short explanation (categories.py).
Offsets here are code-point indices into the sentence; the checker shifts them
into the full text and converts them to UTF-16 at the edge.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field

from .categories import classify

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_PUNCT_LEADING = set(",.;:!?)]}\"'”’%")


@dataclass
class Suggestion:
    start: int
    end: int
    text: str
    replacements: list[str]
    category: str
    message: str
    # Model's preference for the edit (log-probability margin), when scored.
    confidence: float | None = field(default=None)

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["confidence"] is None:
            del d["confidence"]
        return d


@dataclass(frozen=True)
class Edit:
    """One difference between a sentence and its correction (sentence-relative offsets)."""

    start: int
    end: int
    original: str
    replacement: str
    removed: tuple[str, ...]  # tokens of the original inside the edit's core
    added: tuple[str, ...]  # tokens of the correction


def _tokens(s: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(s)]


def diff(source: str, corrected: str) -> list[Edit]:
    """Minimal word-level edits turning `source` into `corrected`."""
    if source == corrected:
        return []
    a, b = _tokens(source), _tokens(corrected)
    if not b:
        return []
    matcher = difflib.SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1 > 1:
            # Same number of words on both sides: one suggestion per changed word.
            for k in range(i2 - i1):
                if a[i1 + k][0] != b[j1 + k][0]:
                    s0, e0 = a[i1 + k][1], a[i1 + k][2]
                    edits.append(Edit(s0, e0, source[s0:e0], b[j1 + k][0], (a[i1 + k][0],), (b[j1 + k][0],)))
            continue
        removed = tuple(t for t, _, _ in a[i1:i2])
        added = tuple(t for t, _, _ in b[j1:j2])
        if op == "replace" or op == "delete":
            start, end = a[i1][1], a[i2 - 1][2]
            if op == "delete":
                start, end = _widen_deletion(source, start, end)
                repl = ""
            else:
                repl = corrected[b[j1][1]: b[j2 - 1][2]]
        else:  # insert: anchor to a neighbouring word so the span is visible
            new = corrected[b[j1][1]: b[j2 - 1][2]]
            attach_left = (added[0][0] in _PUNCT_LEADING or i1 == len(a)) and i1 > 0
            if attach_left:
                t, s0, e0 = a[i1 - 1]
                gap = corrected[b[j1 - 1][2]: b[j1][1]] if j1 > 0 else ""
                start, end, repl = s0, e0, t + gap + new
                removed = (t,)
                added = (t,) + added
            elif i1 < len(a):
                t, s0, e0 = a[i1]
                gap = corrected[b[j2 - 1][2]: b[j2][1]] if j2 < len(b) else " "
                start, end, repl = s0, e0, new + gap + t
                removed = (t,)
                added = added + (t,)
            else:
                continue
        edits.append(Edit(start, end, source[start:end], repl, removed, added))
    return edits


def _widen_deletion(source: str, start: int, end: int) -> tuple[int, int]:
    """A deleted word takes one adjoining space with it, so accepting leaves clean spacing."""
    if start > 0 and source[start - 1] == " ":
        return start - 1, end
    if end < len(source) and source[end] == " ":
        return start, end + 1
    return start, end


def to_suggestions(source: str, corrected: str) -> list[Suggestion]:
    out = []
    for e in diff(source, corrected):
        category, message = classify(e, source)
        out.append(Suggestion(e.start, e.end, e.original, [e.replacement], category, message))
    return out
