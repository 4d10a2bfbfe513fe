"""Benchmark: the notes PDF for 1,000 notes, side by side with a plain reportlab document.

Run: ``.venv/bin/python bench/pdf/run.py``. The document has 10 sections of 100 annotations
(every other one a note in Markdown: emphasis, a link, a two-item list; a third of them with
accented, typographic and CJK characters) and general notes. Notes carry the HTML they were
rendered to when saved, as the database holds them (``readmark.markdown.render_markdown``,
computed before the timing). The baseline lays out exactly the
same text blocks (the same passages, note lines, headings) as plain paragraphs in the same font
with ``SimpleDocTemplate``: what reportlab itself costs. Each side runs ``--repeat`` times
alternately and the fastest is kept. Time is the process's CPU time (the machine has 2 cores
shared with other work; wall time is printed too, and equals CPU time on a quiet machine).
Targets: <= 1.5x the baseline and <= 2 s.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root

from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from exports.document import ExportDocument, Item, Section  # noqa: E402
from exports.fonts import font_set, markup  # noqa: E402
from exports.note_blocks import note_blocks  # noqa: E402
from exports.pdf import render_pdf  # noqa: E402
from readmark.markdown import render_markdown  # noqa: E402

NOTES = 1_000
SECTIONS = 10
TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0


def make_document(notes: int = NOTES) -> ExportDocument:
    now = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
    per_section = notes // SECTIONS
    sections = []
    for s in range(SECTIONS):
        items = []
        for i in range(per_section):
            n = s * per_section + i
            extra = " — “Dà Yuèjìn” 大跃进, café naïveté" if n % 3 == 0 else ""
            quote = (
                f"Passage {n}: the people's communes were formed in 1958 and grew quickly{extra}; "
                "the backyard furnaces produced iron of little use for the targets set."
            )
            note = (
                f"Note {n}: *compare* with the **official** figures, see "
                f"[the report](https://example.org/report/{n}).\n\n- first point\n- second point"
                if n % 2
                else ""
            )
            items.append(
                Item(
                    id=str(n),
                    kind="note" if note else "highlight",
                    quote=quote,
                    note=note,
                    note_html=render_markdown(note) if note else "",
                    created=now,
                    modified=now,
                )
            )
        sections.append(Section(anchor=f"s{s}", heading=f"Section {s + 1}", items=tuple(items)))
    return ExportDocument(
        title="The Great Leap Forward",
        slug="great-leap-forward",
        source="Benchmark text",
        exported=now,
        sections=tuple(sections),
        general_notes="General notes.\n\n- one\n- two",
        general_notes_html=render_markdown("General notes.\n\n- one\n- two"),
    )


def baseline_texts(document: ExportDocument) -> list[str]:
    """The same text as plain strings: title, headings, passages, each note block's words."""
    texts = [document.title, document.source]
    for section in document.sections:
        texts.append(section.heading)
        for item in section.items:
            texts.append(item.quote)
            texts.extend(block.text for block in note_blocks(item.note))
    texts.extend(block.text for block in note_blocks(document.general_notes))
    return texts


def render_baseline(texts: list[str]) -> bytes:
    style = ParagraphStyle("plain", fontName=font_set().font(), fontSize=10, leading=14)
    buffer = io.BytesIO()
    # markup() escapes and switches CJK runs to their font, as any correct document must; this
    # is reportlab's ordinary use: one Paragraph per text, from markup.
    SimpleDocTemplate(buffer).build([Paragraph(markup(text), style) for text in texts])
    return buffer.getvalue()


def timed(function, *args) -> tuple[float, float, bytes]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = function(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    document = make_document(args.notes)
    texts = baseline_texts(document)
    font_set()  # registering the fonts is a once-per-process cost, outside both timings
    ours, base, ours_wall, base_wall = [], [], [], []
    for _ in range(args.repeat):
        cpu, wall, pdf = timed(render_pdf, document)
        ours.append(cpu)
        ours_wall.append(wall)
        cpu, wall, plain = timed(render_baseline, texts)
        base.append(cpu)
        base_wall.append(wall)
    best, best_base = min(ours), min(base)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    base_pages = len(PdfReader(io.BytesIO(plain)).pages)
    ratio = best / best_base
    print(
        f"notes PDF ({args.notes} annotations): {best:.3f} s CPU ({min(ours_wall):.3f} s wall), "
        f"{pages} pages, {len(pdf)} bytes"
    )
    print(
        f"plain reportlab, same text:    {best_base:.3f} s CPU ({min(base_wall):.3f} s wall), "
        f"{base_pages} pages"
    )
    print(f"ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x); time target <= {TARGET_SECONDS} s")
    ok = ratio <= TARGET_RATIO and best <= TARGET_SECONDS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
