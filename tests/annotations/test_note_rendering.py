"""The plain-note shortcut of annotations.services.render_note gives what Markdown gives."""

from __future__ import annotations

import random

from annotations.services import _PLAIN_NOTE, render_note
from readmark.markdown import render_markdown

TRICKY = [
    "load", "A note.", "see p. 12", "1958", "1. a list", "- a list", "a - b", "a -- b", "a  b",
    "a ", " a", "    code", "a_b_c", "a *b* c", "a `b` c", "a <b> c", "a & b", 'say "x"',
    "it's (really) so: yes; no? ok!", "a\nb", "a\\b", "x" * 600, "# heading", "a # b",
    "http://example.com", "a [b](c) d", "a\u00a0b", "caf\u00e9",
]  # fmt: skip
ALPHABET = "ab Z09 ,.;:?!'()-_*`<>&\"#\n\\[]=~|+\u00a0"


def test_the_shortcut_agrees_with_markdown():
    samples = list(TRICKY)
    rng = random.Random(1958)
    for _ in range(3000):
        first = rng.choice("aZ1- #")
        samples.append(first + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12))))
    shortcut = 0
    for body in samples:
        assert render_note(body) == render_markdown(body), repr(body)
        shortcut += bool(_PLAIN_NOTE.fullmatch(body))
    assert shortcut > 100  # the random samples did exercise it
    assert render_note("") == ""
