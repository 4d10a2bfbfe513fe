"""PDFs with a text layer: text boxes in reading order become paragraphs, and boxes set larger
than the body text become headings (the largest size level 2, the next level 3). Running
headers, footers and page numbers (the same line on many pages) are dropped."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from reader.importers.base import (
    INTRODUCTION,
    ImportRefused,
    ParsedArticle,
    ParsedSection,
    collapse_space,
)

MAX_PAGES = 2000
HEADING_RATIO = 1.15  # a box this much larger than the body text is a heading
MAX_HEADING_WORDS = 20
MIN_TEXT_CHARS = 20


@dataclass
class Box:
    page: int
    text: str
    size: float


def _boxes(data: bytes) -> list[Box]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    boxes: list[Box] = []
    try:
        for number, page in enumerate(
            extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES)
        ):
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                sizes = Counter(
                    round(char.size, 1)
                    for line in element
                    if hasattr(line, "__iter__")
                    for char in line
                    if isinstance(char, LTChar) and char.get_text().strip()
                )
                text = element.get_text()
                if sizes and text.strip():
                    boxes.append(Box(number, text, sizes.most_common(1)[0][0]))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportRefused(
            "The PDF is encrypted (password-protected): remove the password and retry."
        ) from None
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, AssertionError) as err:
        raise ImportRefused(
            f"The PDF is damaged and cannot be read ({type(err).__name__}): "
            "save or export it again and retry."
        ) from None
    return boxes


def _metadata_title(data: bytes) -> str:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    try:
        info = PDFDocument(PDFParser(io.BytesIO(data))).info
        raw = info[0].get("Title") if info else None
    except Exception:  # metadata is optional: any trouble here just means no title from it
        return ""
    if isinstance(raw, bytes):
        return collapse_space(decode_text(raw))
    return collapse_space(raw) if isinstance(raw, str) else ""


def _paragraph(text: str) -> str:
    # Words hyphenated at a line end are joined again ("inter-\nnational" -> "international").
    joined = re.sub(r"(\w)-\n(\w)", r"\1\2", text.strip())
    return collapse_space(joined)


def parse_pdf_article(data: bytes, *, fallback_title: str) -> ParsedArticle:
    boxes = _boxes(data)
    if sum(len(box.text.strip()) for box in boxes) < MIN_TEXT_CHARS:
        raise ImportRefused(
            "The PDF has no text layer (it is probably scanned pages): run it through OCR "
            "first, or paste its text instead."
        )
    pages = max(box.page for box in boxes) + 1
    repeated = Counter(collapse_space(box.text) for box in boxes)
    boxes = [
        box
        for box in boxes
        if not re.fullmatch(r"[\divxlc]+|page \d+( of \d+)?", collapse_space(box.text).lower())
        and not (pages >= 3 and repeated[collapse_space(box.text)] > pages / 2)
    ]
    body = Counter()
    for box in boxes:
        body[box.size] += len(box.text)
    body_size = body.most_common(1)[0][0]
    is_heading = [
        box.size >= body_size * HEADING_RATIO
        and len(box.text.split()) <= MAX_HEADING_WORDS
        and box.text.strip().count("\n") <= 2
        for box in boxes
    ]
    # The large text that opens the first page is the title; the metadata's is often a tool's
    # placeholder ("untitled", "Microsoft Word - draft.docx"), so it only comes second.
    title = ""
    if is_heading and is_heading[0] and boxes[0].page == 0:
        title = _paragraph(boxes[0].text)
        boxes, is_heading = boxes[1:], is_heading[1:]
    metadata_title = _metadata_title(data)
    if not title and not re.match(r"(untitled|microsoft \w+ - )", metadata_title.lower()):
        title = metadata_title
    heading_sizes = sorted({box.size for box, h in zip(boxes, is_heading, strict=True) if h})
    top = heading_sizes[-1] if heading_sizes else 0
    sections: list[ParsedSection] = []
    heading, level, paragraphs = INTRODUCTION, 2, []

    def flush() -> None:
        if paragraphs:
            html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
            sections.append(ParsedSection(heading, level, html))

    for box, box_is_heading in zip(boxes, is_heading, strict=True):
        if box_is_heading:
            flush()
            heading, level, paragraphs = _paragraph(box.text), 2 if box.size == top else 3, []
        else:
            paragraphs.append(_paragraph(box.text))
    flush()
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="pdf")
