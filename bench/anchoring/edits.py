"""Edit an article while tracking where every original character ends up.

Why track characters: the benchmark must know the right answer for each highlight after the
edits (moved, shifted, partly typo'd or deleted), independently of the code under test. Each
character carries its offset in the original text (or None when inserted); the new offsets of a
highlight's characters are then simply looked up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from prose import paragraph

SEPARATOR = "\n\n"

# A character cell: [char, original offset or None, sentence id or None]
Cell = list


@dataclass
class Document:
    paragraphs: list[list[Cell]]

    @classmethod
    def from_sentences(cls, paragraphs: list[list[str]]) -> tuple[Document, str]:
        cells, offset, sentence_id = [], 0, 0
        for para in paragraphs:
            row: list[Cell] = []
            for i, sent in enumerate(para):
                if i:
                    row.append([" ", offset, None])
                    offset += 1
                for ch in sent:
                    row.append([ch, offset, sentence_id])
                    offset += 1
                sentence_id += 1
            cells.append(row)
            offset += len(SEPARATOR)
        doc = cls(cells)
        return doc, doc.text()

    def text(self) -> str:
        return SEPARATOR.join("".join(c[0] for c in row) for row in self.paragraphs)

    def new_offsets(self) -> dict[int, int]:
        """Original offset -> offset in the current text, for surviving characters."""
        mapping, pos = {}, 0
        for row in self.paragraphs:
            for cell in row:
                if cell[1] is not None:
                    mapping[cell[1]] = pos
                pos += 1
            pos += len(SEPARATOR)
        return mapping


def apply_typos(doc: Document, rng: random.Random, old_offsets: set[int]) -> None:
    """One typing error at each character originally at one of ``old_offsets`` (one pass)."""
    for row in doc.paragraphs:
        out: list[Cell] = []
        for cell in row:
            if cell[1] not in old_offsets:
                out.append(cell)
                continue
            kind = rng.choice(["substitute", "delete", "insert", "swap"])
            letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
            if kind == "substitute":
                out.append([letter if cell[0] != letter else "q", cell[1], cell[2]])
            elif kind == "insert":
                out += [[letter, None, None], cell]
            elif kind == "swap" and out:
                out[-1][0], cell[0] = cell[0], out[-1][0]
                out.append(cell)
            # "delete": the character is simply not copied
        row[:] = out


def delete_sentence(doc: Document, sentence_id: int) -> None:
    for row in doc.paragraphs:
        if any(c[2] == sentence_id for c in row):
            keep = [c for c in row if c[2] != sentence_id]
            row[:] = _tidy_spaces(keep)
            return


def _tidy_spaces(row: list[Cell]) -> list[Cell]:
    """Drop the doubled or leading space left where a sentence was cut out."""
    out: list[Cell] = []
    for cell in row:
        if cell[0] == " " and cell[2] is None and (not out or out[-1][0] == " "):
            continue
        out.append(cell)
    while out and out[-1][0] == " ":
        out.pop()
    return out


def move_paragraph(doc: Document, rng: random.Random) -> None:
    row = doc.paragraphs.pop(rng.randrange(len(doc.paragraphs)))
    doc.paragraphs.insert(rng.randrange(len(doc.paragraphs) + 1), row)


def insert_paragraph(doc: Document, rng: random.Random) -> None:
    text = " ".join(paragraph(rng))
    doc.paragraphs.insert(rng.randrange(len(doc.paragraphs) + 1), [[ch, None, None] for ch in text])
