"""From a sentence and the model's correction of it to minimal word-level changes.

The two sentences are split into words and punctuation marks, aligned with difflib,
and each differing run becomes one `Change`: a span of the original, its replacement,
and the tokens removed and added, which the guard (plausible.py) and the classifier
(lang/<tag>/categories.py) read. Offsets are code-point indices into the sentence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
MAX_PAIRED = 8
_PUNCT_LEADING = set(",.;:!?)]}\"'”’%")


@dataclass(frozen=True)
class Change:
    """One difference between a sentence and its correction (sentence-relative offsets)."""

    start: int
    end: int
    original: str
    replacement: str
    removed: tuple[str, ...]  # tokens of the original inside the edit's core
    added: tuple[str, ...]  # tokens of the correction


def word_tokens(s: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(s)]


def diff(source: str, corrected: str) -> list[Change]:
    """Minimal word-level edits turning `source` into `corrected`, in order, not overlapping."""
    if source == corrected:
        return []
    a, b = word_tokens(source), word_tokens(corrected)
    if not b:
        return []
    ta, tb = [t for t, _, _ in a], [t for t, _, _ in b]
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    ranges: list[list[int]] = []  # [i1, i2, j1, j2]: a[i1:i2] becomes b[j1:j2]
    opcodes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            continue
        if op == "delete" and n + 1 < len(opcodes):
            # "the the market": delete the later copy, whichever one difflib picked, so the
            # same deletion gets the same span whatever else the sentence's correction changed.
            limit = opcodes[n + 1][2]
            while i2 < limit and ta[i1] == ta[i2]:
                i1, i2, j1, j2 = i1 + 1, i2 + 1, j1 + 1, j2 + 1
        if op == "replace" and i2 - i1 == j2 - j1 > 1:
            # Same number of words on both sides: one suggestion per changed word.
            ranges += [[i1 + k, i1 + k + 1, j1 + k, j1 + k + 1] for k in range(i2 - i1) if ta[i1 + k] != tb[j1 + k]]
            continue
        if op == "replace" and min(i2 - i1, j2 - j1) > 1:
            # "recieve alot" -> "receive a lot": split where both sides pair up as spellings.
            ranges += _pair_up(ta, tb, i1, i2, j1, j2)
            continue
        if op == "insert":
            # Anchor an insertion to a neighbouring word so its span is visible: punctuation
            # to the word before it ("However" -> "However,"), words to the word after.
            if (b[j1][0][0] in _PUNCT_LEADING or i1 == len(a)) and i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            elif i1 < len(a):
                i2, j2 = i2 + 1, j2 + 1
            else:
                continue
        if ranges and i1 < ranges[-1][1]:  # overlaps the previous edit's anchor: merge
            ranges[-1][1], ranges[-1][3] = max(ranges[-1][1], i2), max(ranges[-1][3], j2)
        else:
            ranges.append([i1, i2, j1, j2])
    edits = []
    for i1, i2, j1, j2 in ranges:
        start, end = a[i1][1], a[i2 - 1][2]
        repl = corrected[b[j1][1]: b[j2 - 1][2]] if j2 > j1 else ""
        if not repl:
            start, end = _widen_deletion(source, start, end)
        edits.append(Change(start, end, source[start:end], repl,
                          tuple(t for t, _, _ in a[i1:i2]), tuple(t for t, _, _ in b[j1:j2])))
    return edits


def _pair_up(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[list[int]]:
    """Cut the replacement a[i1:i2] -> b[j1:j2] into the most alike pairs of pieces (each
    piece's letters at least 60 % alike), recursively; [[i1, i2, j1, j2]] if none fit.
    Runs longer than MAX_PAIRED tokens a side stay whole: the search is quadratic in
    the run and each comparison in its letters, and a rewrite that long is no spelling fix."""
    if max(i2 - i1, j2 - j1) > MAX_PAIRED:
        return [[i1, i2, j1, j2]]
    def alike(x: list[str], y: list[str]) -> float:
        return difflib.SequenceMatcher(None, "".join(x).lower(), "".join(y).lower()).ratio()

    best, cut = 1.2, None
    for k in range(i1 + 1, i2):
        for m in range(j1 + 1, j2):
            left, right = alike(a[i1:k], b[j1:m]), alike(a[k:i2], b[m:j2])
            if min(left, right) >= 0.6 and left + right > best:
                best, cut = left + right, (k, m)
    if cut is None:
        return [[i1, i2, j1, j2]]
    k, m = cut
    return [r for r in _pair_up(a, b, i1, k, j1, m) + _pair_up(a, b, k, i2, m, j2) if a[r[0]:r[1]] != b[r[2]:r[3]]]


def _widen_deletion(source: str, start: int, end: int) -> tuple[int, int]:
    """A deleted word takes one adjoining space with it, so accepting leaves clean spacing."""
    if start > 0 and source[start - 1] == " ":
        return start - 1, end
    if end < len(source) and source[end] == " ":
        return start, end + 1
    return start, end
