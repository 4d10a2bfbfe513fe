"""Fonts for the PDF export: Unicode text with nothing downloaded at run time.

Why this order. reportlab embeds TrueType fonts only (not the CFF outlines of Debian's Noto CJK),
so the body font is the first TrueType family found of:

1. DejaVu Sans from Debian's ``fonts-dejavu-core`` (Latin, Greek, Cyrillic, arrows, punctuation);
2. the same DejaVu Sans files that matplotlib ships, when it is installed (located, not imported);
3. Bitstream Vera, which reportlab itself ships: always there, so ``make run`` needs no apt. It
   covers Latin-1, em dashes and curly quotes, but not e.g. Cyrillic.

CJK runs (Han, kana, Hangul and their punctuation) use an embedded TrueType CJK font when one is
installed (WenQuanYi Zen Hei, Droid Sans Fallback, AR PL UMing), else reportlab's built-in Adobe
CID fonts (STSong-Light, HeiseiMin-W3, HYSMyeongJo-Medium): these need no file at all; the PDF
names them and every PDF viewer supplies the glyphs.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "ReadmarkSans"
STYLES = ("regular", "bold", "italic", "bold_italic")
DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
VERA_FILES = {
    "regular": "Vera.ttf",
    "bold": "VeraBd.ttf",
    "italic": "VeraIt.ttf",
    "bold_italic": "VeraBI.ttf",
}
# (path, subfont index of a .ttc): TrueType-outline CJK fonts that Debian packages install.
CJK_TRUETYPE = (
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
)
_FACES = {(0, 0): "regular", (1, 0): "bold", (0, 1): "italic", (1, 1): "bold_italic"}
CID_FONTS = {"zh": "STSong-Light", "ja": "HeiseiMin-W3", "ko": "HYSMyeongJo-Medium"}

CJK_RUN = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f]+"
)
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")


@dataclass(frozen=True, slots=True)
class FontSet:
    family: str
    origin: str  # where the body font came from: "debian", "matplotlib" or "reportlab"
    cjk: dict[str, str]  # language -> registered font name
    cjk_embedded: bool

    def font(self, style: str = "regular") -> str:
        return f"{self.family}-{style}"


def _dejavu_dirs() -> list[tuple[str, Path]]:
    dirs = [("debian", DEBIAN_DEJAVU)]
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        dirs.append(("matplotlib", Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"))
    return dirs


def _body_files() -> tuple[str, dict[str, Path]]:
    for origin, folder in _dejavu_dirs():
        if (folder / DEJAVU_FILES["regular"]).is_file():
            regular = folder / DEJAVU_FILES["regular"]
            # A missing style (Debian splits obliques into fonts-dejavu-extra) uses the regular.
            return origin, {
                style: folder / name if (folder / name).is_file() else regular
                for style, name in DEJAVU_FILES.items()
            }
    folder = Path(reportlab.__file__).parent / "fonts"
    return "reportlab", {style: folder / name for style, name in VERA_FILES.items()}


def _cjk_fonts() -> tuple[dict[str, str], bool]:
    for path, index in CJK_TRUETYPE:
        if path.is_file():
            name = f"{FAMILY}-cjk"
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            return dict.fromkeys(CID_FONTS, name), True
    for face in CID_FONTS.values():
        pdfmetrics.registerFont(UnicodeCIDFont(face))
    return dict(CID_FONTS), False


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    """Register the fonts once per process (parsing a TTF costs tens of milliseconds)."""
    origin, files = _body_files()
    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(f"{FAMILY}-{style}", str(path)))
    # <b>/<i> inside a paragraph, whichever face it starts in, must find the family's faces.
    for face in (FAMILY, *(f"{FAMILY}-{style}" for style in STYLES)):
        for (bold, italic), target in _FACES.items():
            addMapping(face, bold, italic, f"{FAMILY}-{target}")
    cjk, embedded = _cjk_fonts()
    return FontSet(family=FAMILY, origin=origin, cjk=cjk, cjk_embedded=embedded)


def _cjk_language(run: str) -> str:
    if _HANGUL.search(run):
        return "ko"
    if _KANA.search(run):
        return "ja"
    return "zh"


def cjk_font(run: str) -> str:
    """The registered font for a run of CJK characters."""
    return font_set().cjk[_cjk_language(run)]


def markup(text: str) -> str:
    """``text`` escaped for a reportlab Paragraph, CJK runs switched to a CJK font.

    Everything the user wrote is escaped: reportlab's paragraph markup (``<img>``, ``<a>``,
    ``<font>``...) is never interpreted from user text, so nothing is fetched or linked.
    """
    if text.isascii():
        return escape(text)
    fonts = font_set().cjk
    out: list[str] = []
    last = 0
    for match in CJK_RUN.finditer(text):
        out.append(escape(text[last : match.start()]))
        run = match.group()
        out.append(f'<font face="{fonts[_cjk_language(run)]}">{escape(run)}</font>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)
