"""Where the prose is: the parts of a text worth checking, with exact offsets.

Left alone: quoted reply lines ("> ..."), signature blocks (from a "--" line on),
fenced code blocks, and, inside sentences, URLs, e-mail addresses and `code spans`
(suggestions overlapping them are dropped).
"""

from __future__ import annotations

import re

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
        elif in_fence or body.lstrip().startswith(">"):
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


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    for a, b in prose_blocks(text):
        out.extend(split_sentences(text, a, b))
    return out


def protected_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in INLINE_PROTECTED.finditer(sentence)]
