"""Convert offsets between UTF-16 code units (the browser) and code points (Python, W3C).

Why: the W3C Web Annotation model and Python's ``str`` count Unicode code points, while the
DOM (``Range.startOffset``, ``String.length``) counts UTF-16 code units. Every character outside
the Basic Multilingual Plane (most emoji, rare CJK) is one code point but two code units, so an
offset taken from the browser drifts by one for each such character before it. We store code
points and convert at the API edge; an offset that lands between the two halves of a surrogate
pair names no character boundary, so it is rejected instead of silently rounded.

Both directions are O(n) in C (a regex scan) plus a binary search, because the API converts
offsets of a 200 KB section on every highlight it creates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# Code points that take two UTF-16 code units (a surrogate pair).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral_positions(text: str) -> list[int]:
    """Code point indices of the characters that are surrogate pairs in UTF-16."""
    if text.isascii():
        return []
    return [m.start() for m in _ASTRAL.finditer(text)]


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (JavaScript's ``String.length``)."""
    return len(text) + len(_astral_positions(text))


def codepoints_to_utf16(text: str, offset: int) -> int:
    """Map a code point offset in ``text`` to the matching UTF-16 code unit offset.

    Raises ValueError when ``offset`` is not within ``0..len(text)``.
    """
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise ValueError(f"offset must be an int, got {type(offset).__name__}")
    if not 0 <= offset <= len(text):
        raise ValueError(f"code point offset {offset} is out of range 0..{len(text)}")
    # Each astral character before the offset adds one extra code unit.
    return offset + bisect_left(_astral_positions(text), offset)


def utf16_to_codepoints(text: str, utf16_offset: int) -> int:
    """Map a UTF-16 code unit offset in ``text`` to the matching code point offset.

    Raises ValueError when the offset is out of range or falls inside a surrogate pair.
    """
    if isinstance(utf16_offset, bool) or not isinstance(utf16_offset, int):
        raise ValueError(f"offset must be an int, got {type(utf16_offset).__name__}")
    astral = _astral_positions(text)
    total = len(text) + len(astral)
    if not 0 <= utf16_offset <= total:
        raise ValueError(f"UTF-16 offset {utf16_offset} is out of range 0..{total}")
    # The k-th astral character (0-based) starts at code unit astral[k] + k.
    unit_starts = [cp + k for k, cp in enumerate(astral)]
    k = bisect_right(unit_starts, utf16_offset - 1)  # pairs starting before the offset
    if k and unit_starts[k - 1] + 1 == utf16_offset:
        raise ValueError(f"UTF-16 offset {utf16_offset} falls inside a surrogate pair")
    return utf16_offset - k
