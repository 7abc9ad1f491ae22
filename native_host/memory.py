"""Hand the heap that Python, numpy and ONNX Runtime freed back to the system.

glibc keeps freed memory for reuse, and after a large block is freed it raises its mmap
threshold, so the next vocabulary-wide arrays come from the heap too and stay resident
when freed: after checking a 20,000-character line the host held ~90 MB it no longer used
(244 -> 153 MB once trimmed, ~5 ms)."""

from __future__ import annotations

import ctypes
from functools import cache


@cache
def _trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, Windows, musl): nothing to do
        return None


def return_freed_memory() -> None:
    trim = _trim()
    if trim is not None:
        trim(0)
