"""UTF-16 <-> code point offsets: the browser counts units, we store code points."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchoring import codepoints_to_utf16, utf16_length, utf16_to_codepoints

TEXT = "a😊b大🌾"  # code points: a 😊 b 大 🌾 ; UTF-16 units: a (😊 2) b 大 (🌾 2)

CASES = [
    # (utf16 offset, code point offset)
    (0, 0),
    (1, 1),
    (3, 2),
    (4, 3),
    (5, 4),
    (7, 5),
]


@pytest.mark.parametrize(("utf16", "codepoints"), CASES)
def test_it_converts_utf16_to_codepoints(utf16, codepoints):
    assert utf16_to_codepoints(TEXT, utf16) == codepoints


@pytest.mark.parametrize(("utf16", "codepoints"), CASES)
def test_it_converts_codepoints_to_utf16(utf16, codepoints):
    assert codepoints_to_utf16(TEXT, codepoints) == utf16


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (2, "inside a surrogate pair"),
        (6, "inside a surrogate pair"),
        (-1, "out of range"),
        (8, "out of range"),
    ],
)
def test_it_refuses_bad_utf16_offsets(offset, message):
    with pytest.raises(ValueError, match=message):
        utf16_to_codepoints(TEXT, offset)


@pytest.mark.parametrize("offset", [-1, 6, True, 1.5])
def test_it_refuses_bad_codepoint_offsets(offset):
    with pytest.raises(ValueError):
        codepoints_to_utf16(TEXT, offset)


def test_it_measures_utf16_length_like_javascript():
    assert utf16_length(TEXT) == 7
    assert utf16_length("plain ascii") == len("plain ascii")


@given(st.text(), st.data())
def test_it_round_trips_every_codepoint_offset(text, data):
    offset = data.draw(st.integers(0, len(text)))
    units = codepoints_to_utf16(text, offset)
    assert utf16_to_codepoints(text, units) == offset
    # The same count JavaScript would give: the UTF-16 encoding of the prefix.
    assert units == len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])), st.data())
def test_it_round_trips_every_utf16_boundary(text, data):
    units = data.draw(st.integers(0, utf16_length(text)))
    encoded = text.encode("utf-16-le")
    try:
        prefix = encoded[: 2 * units].decode("utf-16-le")
    except UnicodeDecodeError:  # the offset splits a surrogate pair
        with pytest.raises(ValueError):
            utf16_to_codepoints(text, units)
        return
    assert utf16_to_codepoints(text, units) == len(prefix)
    assert codepoints_to_utf16(text, len(prefix)) == units
