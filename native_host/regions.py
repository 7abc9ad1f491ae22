"""Where the prose is: the parts of a text worth checking, with exact offsets, cut into
the windows the checker reads one at a time (a sentence, or a piece of a long one).

Left alone: quoted reply lines ("> ..."), signature blocks (from a "--" line on),
fenced code blocks and lines that look like code, and, inside sentences, URLs, e-mail addresses and `code spans`
(suggestions overlapping them are dropped).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .sentences import Span, split_sentences

INLINE_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"            # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"            # e-mail addresses
    r"|`[^`\n]+`"                               # code spans
    r"|(?<!\w)[@#]\w+"                          # handles and hashtags
    r"|\b\w+\.(?:py|js|ts|json|txt|html|css|md|exe|pdf|docx?|png|jpe?g)\b"  # file names
)
SHORT_LINE = 50  # hard-wrapped prose lines are longer than this
_LINE = re.compile(r"[^\n]*\n?")
_SIGNATURE = re.compile(r"^--\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


_CODE_START = re.compile(r"^\s*(?:def \w+\(|class \w+[:(]|import [\w.]+|from [\w.]+ import|(?:const|let|var) \w+ =|"
                         r"function\b|return\b.*;$|#include|#define|(?:if|for|while) ?\(.*\) ?{|}|\$ )")
_CODE_END = re.compile(r"(?:[;{}]|\):|=>)\s*$")
_SYMBOLS = set("{}[]()<>;=_/\\|$`*#&")


def looks_like_code(line: str) -> bool:
    """A pasted line of code ("const x = f(y);", "def main():"), not prose: a keyword at the
    start, code punctuation at the end, or symbols in one character of twelve."""
    body = line.strip()
    if not body:
        return False
    return bool(_CODE_START.match(body) or _CODE_END.search(body)) or \
        sum(ch in _SYMBOLS for ch in body) * 12 >= len(body)


def prose_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of runs of prose lines; split at blank lines and after short lines."""
    blocks, start, in_fence = [], None, False
    pos = 0
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        body = line.rstrip("\r\n")
        skip = False
        if _FENCE.match(body):
            in_fence, skip = not in_fence, True
        elif in_fence or body.lstrip().startswith(">") or looks_like_code(body):
            skip = True
        elif _SIGNATURE.match(body):
            if start is not None:
                blocks.append((start, pos))
            return blocks  # the signature runs to the end
        if skip or not body.strip():
            if start is not None:
                blocks.append((start, pos))
                start = None
        else:
            if start is None:
                start = pos
            if len(body.strip()) < SHORT_LINE:
                # A short line ends its block: greetings, sign-offs, list items, headings
                # ("Best regards,\nTom" is two segments, not one sentence).
                blocks.append((start, pos + len(body)))
                start = None
        pos = m.end()
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def sentences(text: str, abbreviations=None) -> list[Span]:
    out: list[Span] = []
    for a, b in prose_blocks(text):
        out.extend(split_sentences(text, a, b) if abbreviations is None else split_sentences(text, a, b, abbreviations))
    return out


_WORD = re.compile(r"\S+")
_NEWLINE = re.compile("\n")
MAX_WINDOW_WORDS = 60  # long "sentences" are checked in windows of about this many words
MAX_WINDOW_CHARS = 960


class Window(NamedTuple):
    start: int
    end: int
    starts: bool  # begins a sentence (not a later piece of a long one)
    ends: bool    # ends one


def windows(text: str, abbreviations=None) -> list[Window]:
    """Sentence spans of the prose in `text`, long ones cut into windows."""
    out = []
    for span in sentences(text, abbreviations):
        words = list(_WORD.finditer(text, span.start, span.end))
        starts = starts_sentence(text, span.start)
        if len(words) <= MAX_WINDOW_WORDS and span.end - span.start <= MAX_WINDOW_CHARS:
            out.append(Window(span.start, span.end, starts, True))
            continue
        pieces = _cut(words)
        out.extend(Window(a, b, starts and k == 0, k == len(pieces) - 1) for k, (a, b) in enumerate(pieces))
    return out


def paragraphs(text: str, wins: list[Window],
               first: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int, list[Window]]]:
    """The windows grouped by paragraph, for checking a text a paragraph at a time: (start,
    end, windows) where the spans cut the whole text at line starts that no window runs
    across (lines with no window join the paragraph before), so together they cover it.
    Paragraphs overlapping the ranges `first` (most urgent first) come first, then the rest
    in order."""
    cuts, k = [], 0
    for m in _NEWLINE.finditer(text):
        cut = m.end()
        while k < len(wins) and wins[k].end <= cut:
            k += 1
        if k < len(wins) and wins[k].start >= cut:
            cuts.append(cut)  # a window starts at or after this line: a paragraph may begin here
    out: list[tuple[int, int, list[Window]]] = []
    k = 0
    for start, end in zip([0] + cuts, cuts + [len(text)]):
        group = []
        while k < len(wins) and wins[k].start < end:
            group.append(wins[k])
            k += 1
        if out and not (group and out[-1][2]):  # a paragraph without windows joins its neighbour
            out[-1] = (out[-1][0], end, out[-1][2] + group)
        else:
            out.append((start, end, group))
    urgent: list[int] = []
    for a, b in first:
        a = min(a, len(text) - 1)  # a caret at the very end is in the last paragraph
        urgent += [i for i, (start, end, _) in enumerate(out) if i not in urgent and start < max(b, a + 1) and a < end]
    return [out[i] for i in urgent] + [p for i, p in enumerate(out) if i not in urgent]


def _cut(words) -> list[tuple[int, int]]:
    """Cut a long span after clause punctuation where possible, else every N words;
    a single huge "word" (no spaces, e.g. CJK) is cut by characters."""
    out, first = [], 0
    while first < len(words):
        last = min(len(words), first + MAX_WINDOW_WORDS)
        if last < len(words):
            for k in range(last - 1, first + MAX_WINDOW_WORDS // 2, -1):
                if words[k].group(0)[-1] in ",;:)":
                    last = k + 1
                    break
        a, b = words[first].start(), words[last - 1].end()
        step = 640
        for c in range(a, b, step):
            out.append((c, min(b, c + step)))
        first = last
    return out


def starts_sentence(text: str, start: int) -> bool:
    """Does a span at `start` begin a sentence: the text's start, after . ! ? (and any
    closing quote or bracket), or on a new line?"""
    end = start  # scan back from `start`, not copy text[:start]: a long text has many windows
    while end and text[end - 1].isspace():
        end -= 1
    close = end
    while close and text[close - 1] in "\"'”’)]":
        close -= 1
    return end == 0 or (close > 0 and text[close - 1] in ".!?") or "\n" in text[end:start]


def looks_english(chunk: str) -> bool:
    """Mostly Latin letters: worth giving an English model (not 東京 or Кириллица)."""
    letters = sum(ch.isalpha() for ch in chunk)
    latin = sum(ch.isascii() and ch.isalpha() for ch in chunk)
    return letters > 0 and latin >= 0.7 * letters


def protected_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in INLINE_PROTECTED.finditer(sentence)]


_CODE_BEFORE = set("@#/\\_.$<>=`")
_CODE_AFTER = set("/\\_@`<>=")


def in_code(sentence: str, start: int, end: int) -> bool:
    """Is the word sentence[start:end] glued to code-like punctuation ("@user", "snake_case",
    "a/b") or a file name ("config.yaml")?"""
    before = sentence[start - 1] if start else " "
    after = sentence[end] if end < len(sentence) else " "
    return before in _CODE_BEFORE or after in _CODE_AFTER or (after == "." and sentence[end + 1:end + 2].isalnum())
