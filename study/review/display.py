"""How a card reads in review (pure): a cloze shows its gaps on the front, the whole sentence on
the back; a basic card shows question, then answer. Plus the link back to the passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from study.generation import cloze

GAP = "[…]"
# Anki's markup, as study.generation.cloze reads it: {{c1::text}} or {{c1::text::hint}}.
_DELETION = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
# Text fragments longer than this are linked by their first and last words (textStart,textEnd).
FRAGMENT_WORDS = 8


@dataclass(frozen=True)
class Face:
    front: str
    back: str


def faces(*, kind: str, question: str, answer: str) -> Face:
    if kind == "cloze":
        front = _DELETION.sub(lambda m: f"[{m.group(2)}]" if m.group(2) else GAP, question)
        back = cloze.filled(question)
        # The answer field of a cloze usually repeats the gap: show it only when it adds.
        if answer and answer not in back:
            back = f"{back}\n\n{answer}"
        return Face(front=front, back=back)
    return Face(front=question, back=answer)


def source_url(*, slug: str, anchor: str, exact: str) -> str:
    """The section, with a text fragment that makes the browser scroll to and mark the
    passage (`#anchor:~:text=...`); browsers without text fragments still go to the section."""
    url = f"/articles/{quote(slug)}/"
    if not anchor:
        return url
    url += f"#{quote(anchor)}"
    words = exact.split()
    if not words:
        return url
    if len(words) <= FRAGMENT_WORDS:
        return url + ":~:text=" + _encode(" ".join(words))
    head = " ".join(words[:4])
    tail = " ".join(words[-4:])
    return url + ":~:text=" + _encode(head) + "," + _encode(tail)


def _encode(text: str) -> str:
    # Text-fragment syntax reserves "-", "," and "&": they must be percent-encoded.
    return re.sub(r"-", "%2D", quote(text, safe=""))
