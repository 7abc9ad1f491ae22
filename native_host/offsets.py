"""Python string indices (code points) <-> UTF-16 code units, which JavaScript and
LanguageTool count in. Conversion happens once, at the edge of the checker."""

from __future__ import annotations

from bisect import bisect_right


class Utf16Map:
    def __init__(self, text: str):
        # Code-point indices of characters outside the BMP (each takes two UTF-16 units).
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def to_utf16(self, index: int) -> int:
        return index + bisect_right(self._astral, index - 1) if self._astral else index

    def from_utf16(self, unit: int) -> int:
        """Code-point index for a UTF-16 offset (an offset inside a surrogate pair rounds down)."""
        if not self._astral:
            return unit
        lo, hi = 0, unit
        while lo < hi:  # smallest index whose UTF-16 offset is >= unit
            mid = (lo + hi) // 2
            if self.to_utf16(mid) < unit:
                lo = mid + 1
            else:
                hi = mid
        return lo if self.to_utf16(lo) == unit else lo - 1


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone surrogate is one unit
