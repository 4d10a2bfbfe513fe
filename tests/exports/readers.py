"""Real readers for the exports: pypdf for PDF text, pdftoppm for a picture, a loopback
listener that counts connections (to prove that rendering fetched nothing)."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import threading
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "exports"


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Whitespace collapsed: line wrapping in the PDF must not matter to the comparison."""
    return " ".join(text.split())


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    flat_haystack = flat(haystack)
    for needle in needles:
        found = flat_haystack.find(flat(needle), position)
        assert found >= 0, f"{needle!r} missing (or out of order) after offset {position}"
        position = found + len(flat(needle))


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts whose program is embedded (FontFile2: TrueType)."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            targets = [d.get_object() for d in descendants] if descendants else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    names.add(str(target["/BaseFont"]))
    return names


def render_first_page(data: bytes, name: str, resolution: int = 70) -> Path:
    """Page 1 as a PNG under test-results/exports/ (kept for people to look at)."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install Debian's poppler-utils (make test does)"
    RESULTS.mkdir(parents=True, exist_ok=True)
    pdf_path = RESULTS / f"{name}.pdf"
    pdf_path.write_bytes(data)
    subprocess.run(
        [pdftoppm, "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
         str(pdf_path), str(RESULTS / name)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return RESULTS / f"{name}.png"


class LoopbackListener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.connections = 0
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def __enter__(self) -> LoopbackListener:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()
