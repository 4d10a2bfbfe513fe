"""Paragraphs built from text runs directly, without reportlab's markup parser.

Why: ``Paragraph(text)`` parses its text as markup with an HTML parser, which dominates the time
of a PDF made of many short notes. We already hold the text as runs (plain text with bold/italic
flags), so we build reportlab's fragments (``ParaFrag``, what its parser produces and what
``Paragraph(frags=...)`` accepts) ourselves. A side effect is the safest possible handling of
user text: it is never parsed as markup at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from exports.fonts import CJK_RUN, cjk_font, font_set
from exports.note_blocks import Run

CODE_COLOUR = HexColor("#5a3d8a")


def _style_flags(style: ParagraphStyle) -> tuple[bool, bool]:
    name = style.fontName
    return name.endswith(("-bold", "-bold_italic")), name.endswith(("-italic", "-bold_italic"))


def _frag(
    text: str, font: str, style: ParagraphStyle, bold: bool, italic: bool, colour
) -> ParaFrag:
    frag = ParaFrag()
    frag.text = text
    frag.fontName = font
    frag.fontSize = style.fontSize
    frag.textColor = colour
    frag.bold = int(bold)
    frag.italic = int(italic)
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.us_lines = []
    return frag


def _face(bold: bool, italic: bool) -> str:
    if bold and italic:
        return font_set().font("bold_italic")
    if bold:
        return font_set().font("bold")
    if italic:
        return font_set().font("italic")
    return font_set().font()


def frags_for(runs: Iterable[Run], style: ParagraphStyle) -> list[ParaFrag]:
    base_bold, base_italic = _style_flags(style)
    out: list[ParaFrag] = []
    for run in runs:
        bold, italic = base_bold or run.bold, base_italic or run.italic
        colour = CODE_COLOUR if run.code else style.textColor
        if run.text == "\n":
            frag = _frag("", _face(bold, italic), style, bold, italic, colour)
            frag.lineBreak = True
            out.append(frag)
            continue
        font = _face(bold, italic)
        text = run.text
        if text.isascii():
            out.append(_frag(text, font, style, bold, italic, colour))
            continue
        last = 0
        for match in CJK_RUN.finditer(text):
            if match.start() > last:
                out.append(_frag(text[last : match.start()], font, style, bold, italic, colour))
            out.append(_frag(match.group(), cjk_font(match.group()), style, bold, italic, colour))
            last = match.end()
        if last < len(text):
            out.append(_frag(text[last:], font, style, bold, italic, colour))
    if not out:
        face = _face(base_bold, base_italic)
        out.append(_frag("", face, style, base_bold, base_italic, style.textColor))
    return out


def _merged(runs: Iterable[Run]) -> list[Run]:
    """Adjacent runs of one style as one: a line of several fragments takes reportlab's slow
    path, so a bullet and its text must not be two."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if (
            last is not None
            and "\n" not in (last.text, run.text)
            and (last.bold, last.italic, last.code) == (run.bold, run.italic, run.code)
        ):
            out[-1] = Run(last.text + run.text, run.bold, run.italic, run.code)
        else:
            out.append(run)
    return out


def paragraph(runs: Iterable[Run], style: ParagraphStyle) -> Paragraph:
    runs = _merged(runs)
    return Paragraph("".join(run.text for run in runs), style, frags=frags_for(runs, style))


def text_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Plain user text (a passage, a heading, a title) as a paragraph; nothing is markup."""
    return paragraph((Run(text),), style)
