"""How `redline correct` cuts a file into the texts it corrects, and puts them back.

A hard-wrapped paragraph (an e-mail folded at 72 columns) is checked as the lines it
was before wrapping: a line break that looks like a wrap (`_runs` says when) and the
spaces around it become one space for the checker. After correction each wrap goes
back exactly as it was wherever the text around it is unchanged, and to the next
space where a correction covers it. Blank lines, fenced code blocks and a
signature (from a "-- " line to the end) pass through as they are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

MIN_WRAP_WIDTH = 30  # narrower "paragraphs" (greetings, sign-offs, lists of names) are not wrapped prose
FULL = 0.75  # a line this full of the paragraph's width ends in a wrap (editors leave a ragged edge)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_LIST_ITEM = re.compile(r"([-*+•]|\d{1,3}[.)])\s")
_TOKEN = re.compile(r"\s+|\S+")


@dataclass
class Piece:
    text: str
    check: bool  # False: passed through unchanged


def pieces(text: str, lines: bool = False) -> list[Piece]:
    """`text` cut into pieces that concatenate back to it. A piece to check is one
    line, or (unless `lines`) a run of lines joined by wraps; each line end outside
    such a run is a piece of its own, passed through."""
    out: list[Piece] = []
    paragraph: list[tuple[str, str]] = []  # (line without its end, its end)

    def end_paragraph() -> None:
        if paragraph:
            bodies = [body for body, _ in paragraph]
            for run in ([[k] for k in range(len(bodies))] if lines else _runs(bodies)):
                out.append(Piece("".join(bodies[k] + (paragraph[k][1] if k != run[-1] else "") for k in run), True))
                out.append(Piece(paragraph[run[-1]][1], False))
            paragraph.clear()

    rows = [(m.group(0).rstrip("\r\n"), m.group(0)) for m in _LINE.finditer(text)]
    in_fence = False
    for i, (body, line) in enumerate(rows):
        fence = body.lstrip().startswith(("```", "~~~"))
        if in_fence or fence or not body.strip():
            end_paragraph()
            in_fence ^= fence
            out.append(Piece(line, False))
        elif body.rstrip() == "--" and not lines:  # a signature runs to the end
            end_paragraph()
            out.append(Piece("".join(row for _, row in rows[i:]), False))
            return [p for p in out if p.text]
        else:
            paragraph.append((body, line[len(body):]))
    end_paragraph()
    return [p for p in out if p.text]


def _structural(line: str) -> bool:
    """A quoted reply line or a list item: never joined to the line before it."""
    s = line.lstrip()
    return s.startswith(">") or bool(_LIST_ITEM.match(s))


def _runs(bodies: list[str]) -> list[list[int]]:
    """Indices of a paragraph's lines grouped into runs joined by wraps. A line ends in a
    wrap where the next word would not have fit after it, counted in characters or in
    bytes (`fold` counts bytes), or where it fills most of the width; never after the end
    of a sentence, nor around a quoted line or a list item."""
    lines = [b.rstrip() for b in bodies]
    width = max(map(len, lines))
    width_bytes = max(len(b.encode("utf-8")) for b in lines)
    runs = [[0]]
    for k in range(1, len(bodies)):
        before, line = lines[k - 1], bodies[k]
        word = line.split()[0]
        no_room = (len(before) + 1 + len(word) > width
                   or len(before.encode("utf-8")) + 1 + len(word.encode("utf-8")) > width_bytes)
        wrapped = (width >= MIN_WRAP_WIDTH and not _structural(before) and not _structural(line)
                   and not _SENTENCE_END.search(before) and (no_room or len(before) >= FULL * width))
        if wrapped:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


_WRAP = re.compile(r"[ \t]*\r?\n[ \t]*")


def unwrap(run: str) -> tuple[str, list[tuple[int, str]]]:
    """The run with each wrap (a line end and the spaces around it) as one space,
    and, for each, (its index in the result, the original whitespace)."""
    parts, wraps, pos, length = [], [], 0, 0
    for m in _WRAP.finditer(run):
        parts.append(run[pos:m.start()])
        length += m.start() - pos
        wraps.append((length, m.group(0)))
        parts.append(" ")
        length += 1
        pos = m.end()
    parts.append(run[pos:])
    return "".join(parts), wraps


def rewrap(joined: str, corrected: str, wraps: list[tuple[int, str]]) -> str:
    """`corrected` (the correction of `joined`) with each wrap put back: where the text
    around it is unchanged, exactly as it was; where a correction covers it, at the
    first space inside the correction, else the first one after it, so that the text
    keeps its number of lines."""
    if not wraps:
        return corrected
    a, b = _TOKEN.findall(joined), _TOKEN.findall(corrected)
    token_of = {at: k for k, at in enumerate(_starts(a))}
    put: dict[int, str] = {}  # token index in b -> the whitespace written instead
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, original in wraps:
        k = token_of[index]
        tag, i1, _, j1, _ = next(op for op in opcodes if op[1] <= k < op[2])
        at = j1 + k - i1 if tag == "equal" else j1
        free = next((j for j in range(at, len(b)) if b[j] == " " and j not in put), None)
        if free is not None:
            put[free] = original
    return "".join(put.get(j, t) for j, t in enumerate(b))


def _starts(tokens: list[str]) -> list[int]:
    out, pos = [], 0
    for t in tokens:
        out.append(pos)
        pos += len(t)
    return out
