"""`Edit`: one change a stage of the checker proposes, made by that stage with its own
message, and the two things the pipeline does with edits: apply them, and compose a
later stage's edits (on the text as the earlier stages left it) with the earlier ones
(on the text as written). Like Harper's `Lint`: one type, made by each rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Edit:
    start: int                 # code-point offsets into the text the stage read
    end: int
    replacements: tuple[str, ...]  # best first; the card offers the rest as alternatives
    category: str              # spelling, grammar, punctuation, capitalization, word-choice, style
    message: str               # what the card says, written by the stage that made the edit
    source: str                # "spelling", "rule" or "model"
    rule: str                  # which rule or stage: "spelling", "en.a_an", "model", ...
    evidence: tuple[tuple[str, float | str], ...] = field(default=())  # margin, frequencies...: for confidence
    confidence: float | None = None  # that a careful editor accepts it (confidence.py), once the checker knows
    level: str | None = None  # the most cautious sensitivity that shows it: "sure", "balanced" or "thorough"

    @property
    def replacement(self) -> str:
        return self.replacements[0]

    def shifted(self, by: int) -> Edit:
        return replace(self, start=self.start + by, end=self.end + by)


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with each edit's first replacement; edits in order, not overlapping."""
    out, pos = [], 0
    for e in edits:
        out.append(text[pos:e.start] + e.replacement)
        pos = e.end
    return "".join(out) + text[pos:]


def compose(written: str, done: list[Edit], new: list[Edit]) -> list[Edit]:
    """Edits of `written`, given `done` (its edits so far, in order) and `new` (edits of
    apply(written, done), in order): one list with the effect of both. A new edit that
    touches an earlier one absorbs it ("recieve" -> "receive" by the speller, then
    "received" by the model: one edit, the model's, noting the speller's part)."""
    out = list(done)
    for n in sorted(new, key=lambda e: (e.start, e.end), reverse=True):  # right to left: offsets stay valid
        out = _compose_one(written, out, n)
    return out


def _compose_one(written: str, done: list[Edit], n: Edit) -> list[Edit]:
    current = apply(written, done)
    before, touched, after, spans = [], [], [], []
    shift = 0  # how much longer the current text is than `written` so far
    for d in done:
        cs = d.start + shift
        ce = cs + len(d.replacement)
        if _overlap(cs, ce, n.start, n.end):
            touched.append(d)
            spans.append((cs, ce))
        elif ce <= n.start and not touched:
            before.append(d)
        else:
            after.append(d)
        shift += len(d.replacement) - (d.end - d.start)
    lead = sum(len(d.replacement) - (d.end - d.start) for d in before)
    if not touched:
        merged = n.shifted(-lead)
    else:
        cur_start, cur_end = min(n.start, spans[0][0]), max(n.end, spans[-1][1])
        start = touched[0].start if cur_start == spans[0][0] else n.start - lead
        inside = sum(len(d.replacement) - (d.end - d.start) for d in touched)
        end = touched[-1].end if cur_end == spans[-1][1] else n.end - lead - inside
        text = current[cur_start:n.start] + n.replacement + current[n.end:cur_end]
        # The earlier stages' evidence first, so the later stage's own (the same keys) wins.
        earlier = tuple(kv for d in touched for kv in d.evidence)
        merged = Edit(start, end, (text,), n.category, n.message, n.source, n.rule,
                      earlier + n.evidence + (("after", "+".join(d.rule for d in touched)),))
    if written[merged.start:merged.end] == merged.replacement:
        return before + after  # the later stage undid the earlier one
    return before + [merged] + after


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    """Do [a, b) and [c, d) share a character, or is one empty and inside the other (or
    both empty at one place)?"""
    if max(a, c) < min(b, d):
        return True
    if a == b and c == d:
        return a == c
    if a == b:
        return c < a < d
    if c == d:
        return a < c < b
    return False
