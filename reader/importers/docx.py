"""Word (.docx) documents: "Heading 1" and "Heading 2" styles make sections (lower levels stay
as subheadings inside them), "Title" is the title; lists, tables, bold and italics are kept."""

from __future__ import annotations

import io
from html import escape

from reader.importers.archive import LimitedZip
from reader.importers.base import (
    INTRODUCTION,
    ImportRefused,
    ParsedArticle,
    ParsedSection,
    collapse_space,
)
from readmark.markdown import sanitize_html

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _runs_html(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = escape(run.text)
        if not text:
            continue
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts) or escape(paragraph.text)


def _heading_level(style_name: str) -> int | None:
    """Word's "Heading N" style -> N, "Title" -> 0, anything else -> None."""
    name = style_name.strip().lower()
    if name == "title":
        return 0
    if name.startswith("heading "):
        try:
            return int(name.removeprefix("heading "))
        except ValueError:
            return None
    return None


def _list_kind(style_name: str) -> str | None:
    name = style_name.lower()
    if name.startswith("list number"):
        return "ol"
    if name.startswith(("list bullet", "list paragraph", "list")):
        return "ul"
    return None


def _table_html(table) -> str:
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{escape(collapse_space(cell.text))}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><tbody>{''.join(rows)}</tbody></table>"


def parse_docx_article(data: bytes, *, fallback_title: str) -> ParsedArticle:
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(
            "This Word file is password-protected or in the old .doc format: remove the "
            "password, or save it as .docx, and retry."
        )
    LimitedZip(data, kind="Word")  # entry and size limits before python-docx unpacks it
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ImportRefused(
            f"The Word file is damaged ({error}): save it again as .docx and retry."
        ) from None
    title = collapse_space(document.core_properties.title or "")
    sections: list[ParsedSection] = []
    state = {"heading": INTRODUCTION, "level": 2, "chunk": [], "list": None}

    def close_list() -> None:
        if state["list"]:
            kind, items = state["list"]
            state["chunk"].append(f"<{kind}>{''.join(items)}</{kind}>")
            state["list"] = None

    def flush() -> None:
        close_list()
        html = sanitize_html("\n".join(state["chunk"]))
        if html.strip():
            sections.append(ParsedSection(state["heading"], state["level"], html + "\n"))
        state["chunk"] = []

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            close_list()
            state["chunk"].append(_table_html(block))
            continue
        text = collapse_space(block.text)
        style = block.style.name if block.style is not None else ""
        level = _heading_level(style)
        if not text:
            continue
        if level == 0:
            title = title or text
            continue
        if level in (1, 2):
            flush()
            state["heading"], state["level"] = text, level + 1
            continue
        if level is not None:
            close_list()
            state["chunk"].append(f"<h4>{escape(text)}</h4>")
            continue
        kind = _list_kind(style)
        if kind:
            if state["list"] is None or state["list"][0] != kind:
                close_list()
                state["list"] = (kind, [])
            state["list"][1].append(f"<li>{_runs_html(block)}</li>")
            continue
        close_list()
        state["chunk"].append(f"<p>{_runs_html(block)}</p>")
    flush()
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="docx")
