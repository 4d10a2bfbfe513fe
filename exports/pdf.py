"""The notes PDF: an ExportDocument laid out with reportlab Platypus.

reportlab because it measured fastest of the PDF libraries for a thousand notes (bench/pdf) and
because it never fetches anything: every piece of user
text is laid out from text runs (``frags.py``), never parsed as markup, so no ``<img>`` or link
tag reaches the layout.

Layout: a header with the article title and a footer with the page number on every page; the
title, source and date; then section by section the highlights (yellow bar) and the selection
notes (green bar, then the note); then the general notes with their quotes (blue bar); passages
no longer found in the article; the reader's flashcards. A passage is kept on one page with its
note (``Kept``), unless together they are longer than a page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable

from annotations.quote_refs import referenced_ids, replace_refs, strip_trailing_space_before
from exports.document import ExportDocument, Flashcard, Item, plural
from exports.fonts import font_set
from exports.frags import paragraph, text_paragraph
from exports.html_blocks import html_blocks
from exports.markdown import escape_text
from exports.note_blocks import Block, Run, note_blocks

EMPTY_MESSAGE = "There are no notes yet for this article."
EMPTY_HINT = (
    "Select text in the article to highlight it or add a note; "
    "the Notes panel holds your general notes."
)
BAR_COLOURS = {
    # kind: (bar, tint behind the passage)
    "highlight": (colors.HexColor("#e0b000"), colors.HexColor("#fff6cc")),
    "note": (colors.HexColor("#2e9e5b"), colors.HexColor("#e3f4e9")),
    "quote": (colors.HexColor("#2f6fd6"), colors.HexColor("#e4edfb")),
    "card": (colors.HexColor("#8a8f98"), colors.HexColor("#f1f2f4")),
}
MARGIN = 20 * mm
FRAME_PADDING = 6  # reportlab's default frame padding, stated so FRAME_HEIGHT is exact
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 2 * FRAME_PADDING  # the room one page gives
NOTE_INDENT = 10
BULLET_WIDTH = 12
GREY = colors.HexColor("#666666")


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    fonts = font_set()
    body = ParagraphStyle(
        "body", fontName=fonts.font(), fontSize=10, leading=14, alignment=TA_LEFT, spaceAfter=4,
        bulletFontName=fonts.font(),
    )  # fmt: skip
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=fonts.font("bold"), fontSize=20, leading=25,
            spaceAfter=6,
        ),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, leading=12, textColor="#555555"),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=fonts.font("bold"), fontSize=14, leading=18,
            spaceBefore=12, spaceAfter=6, keepWithNext=1,
        ),
        "passage": ParagraphStyle("passage", parent=body, spaceAfter=0),
        "note": ParagraphStyle("note", parent=body, leftIndent=NOTE_INDENT, spaceAfter=3),
        "note_quote": ParagraphStyle(
            "note_quote", parent=body, leftIndent=NOTE_INDENT + 10, textColor="#444444",
            fontName=fonts.font("italic"), spaceAfter=3,
        ),
        "note_code": ParagraphStyle(
            "note_code", parent=body, leftIndent=NOTE_INDENT + 6, fontSize=9, leading=12,
            textColor="#333333", backColor="#f4f4f4", borderPadding=3, spaceAfter=6,
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=GREY),
        "header": ParagraphStyle("header", parent=body, fontSize=8, leading=10, textColor=GREY),
        "question": ParagraphStyle(
            "question", parent=body, fontName=fonts.font("bold"), spaceAfter=2
        ),
    }  # fmt: skip


@lru_cache(maxsize=64)
def _indented(name: str, indent: float, hanging: float = 0) -> ParagraphStyle:
    base = _styles()[name]
    if indent == base.leftIndent and not hanging:
        return base
    return ParagraphStyle(
        f"{name}-{indent}-{hanging}",
        parent=base,
        leftIndent=indent + hanging,
        firstLineIndent=-hanging,
    )


class Bar(Flowable):
    """A passage with a coloured bar on its left and a light tint behind it; splits by lines."""

    PAD = 4
    BAR = 3
    INSET = 9

    def __init__(self, paragraph: Paragraph, kind: str) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.kind = kind
        self.spaceAfter = 4

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Frames wrap a flowable again when it moved to the next page or was measured inside a
        # keep-with-next group: at the same width the lines are the same, so keep them.
        if avail_width != self.__dict__.get("width"):
            _, height = self.paragraph.wrap(avail_width - self.INSET - self.PAD, avail_height)
            self.width, self.height = avail_width, height + 2 * self.PAD
        return self.width, self.height

    def draw(self) -> None:
        bar, tint = BAR_COLOURS[self.kind]
        canvas = self.canv
        # RGB setters: the Color-object setters also manage alpha, which costs here for nothing.
        canvas.setFillColorRGB(tint.red, tint.green, tint.blue)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColorRGB(bar.red, bar.green, bar.blue)
        canvas.rect(0, 0, self.BAR, self.height, stroke=0, fill=1)
        self.paragraph.drawOn(canvas, self.INSET, self.PAD)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        width = avail_width - self.INSET - self.PAD
        parts = self.paragraph.split(width, avail_height - 2 * self.PAD)
        return [Bar(part, self.kind) for part in parts]


class Kept(Flowable):
    """Flowables kept on one page, like ``KeepTogether`` but each part is wrapped once.

    Why not KeepTogether: it wraps its content to measure it and the frame wraps each part again
    after it dissolves, so every paragraph was broken into lines twice. Here the group moves to
    the next page whole when it does not fit, and only a group taller than a whole page is split
    into its parts.
    """

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self._layout: list[tuple[Flowable, float, float]] = []  # part, space before, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._layout and avail_width == self.width:  # see Bar.wrap
            return self.width, self.height
        self._layout = []
        total = 0.0
        for index, part in enumerate(self.parts):
            _, height = part.wrap(avail_width, FRAME_HEIGHT)
            before = part.getSpaceBefore() if index else 0.0
            self._layout.append((part, before, height))
            total += before + height + (part.getSpaceAfter() if index < len(self.parts) - 1 else 0)
        self.width, self.height = avail_width, total
        return self.width, self.height

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return self.parts[-1].getSpaceAfter() if self.parts else 0.0

    def draw(self) -> None:
        y = self.height
        for part, before, height in self._layout:
            y -= before + height
            part.drawOn(self.canv, 0, y)
            y -= part.getSpaceAfter()

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.height <= FRAME_HEIGHT:
            return []  # an empty list makes the frame move the whole group to the next page
        # Taller than a page: dissolve into its parts (which split themselves), from the top of
        # a page. An action first, as KeepTogether does: the frame checks that a split's first
        # flowable fits unsplit, and a long passage would not.
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        return [NullActionFlowable() if at_top else FrameBreak(), *self.parts]


def _date(value: datetime | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _block_flowables(blocks: Iterable[Block], base_indent: float = NOTE_INDENT) -> list[Flowable]:
    styles = _styles()
    out: list[Flowable] = []
    for block in blocks:
        indent = base_indent + 14 * block.depth
        if block.style == "rule":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.lightgrey))
        elif block.style == "item":
            # The bullet as text with a hanging indent: reportlab's bulletText costs a second
            # text object per item.
            style = _indented("note", indent + 4, hanging=BULLET_WIDTH if block.bullet else 0)
            bullet = (Run(f"{block.bullet}\u00a0"),) if block.bullet else ()
            out.append(paragraph(bullet + block.runs, style))
        elif block.style == "quote":
            out.append(paragraph(block.runs, styles["note_quote"]))
        elif block.style == "code":
            out.append(paragraph(block.runs, styles["note_code"]))
        else:  # p, heading
            out.append(paragraph(block.runs, _indented("note", indent)))
    return out


def _blocks(markdown: str, html: str) -> list[Block]:
    # The stored HTML reads much faster than the Markdown parses (html_blocks.py), but the
    # sanitiser removed its images, which print as "[image: alt] (address)": a note with an
    # image (or what looks like one) is read from its Markdown.
    if html.strip() and "![" not in markdown:
        return html_blocks(html)
    return note_blocks(markdown)


def _general_note_blocks(
    document: ExportDocument, quotes: tuple[Item, ...]
) -> tuple[list[Block], set[str]]:
    """The general notes as blocks, each quote reference replaced by its section's name (a
    PDF reader cannot follow a link into the web page); and the ids referred to."""
    notes = document.general_notes
    referenced = set(referenced_ids(notes))
    if not referenced:
        return _blocks(notes, document.general_notes_html), referenced
    headings = {str(item.id): item.section_heading for item in quotes}

    def name(pk: str) -> str:
        heading = headings.get(pk)
        return f"(from “{escape_text(heading)}”)" if heading else ""

    # The stored HTML has the references as links: parse the rewritten Markdown instead.
    return note_blocks(strip_trailing_space_before(replace_refs(notes, name))), referenced


def _item_flowables(item: Item, *, with_section: bool = False) -> Flowable:
    styles = _styles()
    parts: list[Flowable] = [Bar(text_paragraph(item.quote, styles["passage"]), item.kind)]
    if with_section and item.section_heading:
        parts.append(text_paragraph(f"From “{item.section_heading}”", styles["small"]))
    if item.note.strip():
        parts.append(Spacer(1, 3))
        parts.extend(_block_flowables(_blocks(item.note, item.note_html)))
    parts.append(Spacer(1, 6))
    return Kept(parts) if len(parts) > 2 else parts[0]


def _card_flowables(card: Flashcard) -> Flowable:
    styles = _styles()
    parts: list[Flowable] = [
        text_paragraph(card.front, styles["question"]),
        text_paragraph(card.answer, styles["body"]),
    ]
    if card.passage:
        parts.append(Bar(text_paragraph(card.passage, styles["small"]), "card"))
    parts.append(Spacer(1, 6))
    return Kept(parts)


def story(document: ExportDocument) -> list[Flowable]:
    """The flowables of the PDF, in order (exposed for the benchmark and tests)."""
    styles = _styles()
    out: list[Flowable] = [text_paragraph(document.title, styles["title"])]
    if document.source:
        out.append(text_paragraph(f"Source: {document.source}", styles["meta"]))
    if document.url:
        out.append(text_paragraph(f"Article: {document.url}", styles["meta"]))
    exported = ", ".join(
        part
        for part in (f"Exported {_date(document.exported)}" if document.exported else "",
                     f"for {document.owner}" if document.owner else "")
        if part
    )  # fmt: skip
    if exported:
        out.append(text_paragraph(exported, styles["meta"]))
    counts = document.counts()
    summary = " · ".join(
        (
            plural(counts["highlight"], "highlight"),
            plural(counts["note"], "note"),
            plural(counts["quote"], "quote"),
            plural(len(document.flashcards), "flashcard"),
        )
    )
    out.append(text_paragraph(summary, styles["meta"]))
    out.append(HRFlowable(width="100%", thickness=0.7, color=colors.grey, spaceAfter=8))

    if not document.has_notes:
        out.append(text_paragraph(EMPTY_MESSAGE, styles["h2"]))
        out.append(text_paragraph(EMPTY_HINT, styles["body"]))

    for section in document.sections:
        marks = section.marks()
        if not marks:
            continue
        out.append(text_paragraph(section.heading, styles["h2"]))
        out.extend(_item_flowables(item) for item in marks)

    quotes = document.quotes()
    if document.general_notes.strip() or quotes:
        out.append(text_paragraph("General notes", styles["h2"]))
        blocks, referenced = _general_note_blocks(document, quotes)
        out.extend(_block_flowables(blocks, base_indent=0))
        # A quote is printed once: in the notes where Auto-Quote put it, or, when the reader
        # took it out of the notes, after them.
        unlisted = [item for item in quotes if str(item.id) not in referenced]
        if unlisted:
            out.append(Spacer(1, 4))
            out.extend(_item_flowables(item, with_section=True) for item in unlisted)

    orphans = [item for item in document.orphans if item.kind != "quote"]
    if orphans:
        out.append(text_paragraph("Passages no longer found in the article", styles["h2"]))
        out.append(
            text_paragraph(
                "The article was edited and these passages could not be found again. "
                "They are kept with your notes.",
                styles["meta"],
            )
        )
        out.extend(_item_flowables(item, with_section=True) for item in orphans)

    if document.flashcards:
        out.append(text_paragraph("Flashcards", styles["h2"]))
        out.extend(_card_flowables(card) for card in document.flashcards)
    return out


def _decorate(title: str):
    styles = _styles()
    header_text = title if len(title) <= 90 else title[:89] + "…"

    header = text_paragraph(header_text, styles["header"])
    measured: list[bool] = []

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        width, height = doc.pagesize
        if not measured:  # one paragraph, laid out once, drawn on every page
            header.wrapOn(canvas, width - 2 * MARGIN, MARGIN)
            measured.append(True)
        header.drawOn(canvas, MARGIN, height - MARGIN + 6 * mm)
        canvas.setStrokeColor(colors.lightgrey)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 4 * mm, width - MARGIN, height - MARGIN + 4 * mm)
        canvas.setFont(font_set().font(), 8)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawCentredString(width / 2, MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()

    return on_page


def render_pdf(document: ExportDocument) -> bytes:
    """The PDF as bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=document.title,
        subject="Highlights and notes",
        creator="Readmark",
        author=document.owner,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=FRAME_PADDING,
        rightPadding=FRAME_PADDING,
        topPadding=FRAME_PADDING,
        bottomPadding=FRAME_PADDING,
        id="body",
    )
    template = PageTemplate(id="page", frames=[frame], onPage=_decorate(document.title))
    doc.addPageTemplates([template])
    doc.build(story(document))
    return buffer.getvalue()
