"""How `redline correct` cuts a file into the texts it corrects, and puts them back.

A hard-wrapped paragraph (an e-mail folded at 72 columns) is checked as the lines it
was before wrapping: a line break where the next word would not have fit is a wrap,
and the lines either side are joined with one space for the checker. After
correction each wrap goes back exactly as it was (spaces around it included)
wherever the text around it is unchanged. Blank lines, fenced code blocks and a
signature (from a "-- " line to the end) pass through as they are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

MIN_WRAP_WIDTH = 30  # narrower "paragraphs" (greetings, sign-offs, lists of names) are not wrapped prose
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
    """Indices of a paragraph's lines grouped into runs joined by wraps."""
    width = max(len(b.rstrip()) for b in bodies)
    runs = [[0]]
    for k in range(1, len(bodies)):
        before, line = bodies[k - 1].rstrip(), bodies[k]
        next_word = line.split()[0]
        wrapped = (width >= MIN_WRAP_WIDTH and not _structural(before) and not _structural(line)
                   and not _SENTENCE_END.search(before) and len(before) + 1 + len(next_word) > width)
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
    around it is unchanged, exactly as it was; inside a changed stretch, at its
    first space (else the line stays joined)."""
    if not wraps:
        return corrected
    a, b = _TOKEN.findall(joined), _TOKEN.findall(corrected)
    token_of = {at: k for k, at in enumerate(_starts(a))}
    put: dict[int, str] = {}  # token index in b -> whitespace to write instead
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, original in wraps:
        k = token_of[index]
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= k < i2 or (tag == "delete" and i1 == k):
                if tag == "equal":
                    put[j1 + k - i1] = original
                else:
                    spaces = [j for j in range(j1, j2) if b[j] == " " and j not in put]
                    if spaces:
                        put[spaces[0]] = original
                break
    return "".join(put.get(j, t) for j, t in enumerate(b))


def _starts(tokens: list[str]) -> list[int]:
    out, pos = [], 0
    for t in tokens:
        out.append(pos)
        pos += len(t)
    return out
