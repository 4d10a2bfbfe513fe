"""Documents the tests make: an EPUB, a PDF with a text layer, a Word file, and broken ones.
Every text here is written for these tests."""

from __future__ import annotations

import io
import zipfile

CHAPTERS = [
    (
        "How bees find flowers",
        "Honeybees scout the fields around their hive each morning. A scout that finds rich "
        "flowers flies home and dances on the comb to tell the others where to go. Foragers "
        "can fly more than five kilometres from the hive in search of nectar. Bees see "
        "ultraviolet light, so many flowers show them patterns that people cannot see.",
    ),
    (
        "The waggle dance",
        "The angle of the dance against the vertical comb gives the direction of the flowers "
        "relative to the sun. The length of the waggle run tells the distance. Karl von Frisch "
        "described the dance in the 1940s and shared a Nobel Prize for the work in 1973. Bees "
        "that follow the dance learn the scent of the flowers from the dancer.",
    ),
]


def make_epub(chapters=CHAPTERS, *, title: str = "Bees at work", encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{n}" href="chap{n}.xhtml" media-type="application/xhtml+xml"/>'
            for n in range(len(chapters))
        )
        spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></metadata>"
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for n, (heading, text) in enumerate(chapters):
            book.writestr(
                f"OEBPS/chap{n}.xhtml",
                '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>{heading}</title></head><body><h1>{heading}</h1><p>{text}</p>"
                "<script>alert(1)</script></body></html>",
            )
        if encrypted:
            book.writestr(
                "META-INF/encryption.xml",
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                '<enc:CipherData><enc:CipherReference URI="OEBPS/chap0.xhtml"/>'
                "</enc:CipherData></enc:EncryptedData></encryption>",
            )
    return buffer.getvalue()


def make_pdf(sections=CHAPTERS, *, title: str = "Bees at work", text_layer: bool = True) -> bytes:
    """A PDF: the title at 24 pt, section headings at 16 pt, body text at 11 pt."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    if not text_layer:
        pdf.rect(72, height - 200, 300, 100, fill=1)  # a "scanned" page: shapes, no text
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()
    y = height - 72
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(72, y, title)
    y -= 48
    for heading, text in sections:
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, y, heading)
        y -= 28
        pdf.setFont("Helvetica", 11)
        words, line = text.split(), ""
        for word in words:
            if len(line) + len(word) > 80:
                pdf.drawString(72, y, line)
                y -= 14
                line = ""
            line = f"{line} {word}".strip()
        pdf.drawString(72, y, line)
        y -= 36
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="hive-secret", owner_password="hive-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(sections=CHAPTERS, *, title: str = "Bees at work") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(title, style="Title")
    for heading, text in sections:
        document.add_heading(heading, level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run(text.split(". ")[0] + ". ").bold = True
        paragraph.add_run(". ".join(text.split(". ")[1:]))
    document.add_paragraph("Nectar", style="List Bullet")
    document.add_paragraph("Pollen", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
