from __future__ import annotations

import lxml.html
import pytest

from reader.importers import ImportRefused, parse_upload

NINE_SECTIONS = "# Nine\n\n" + "\n\n".join(
    f"## Part {n}\n\nParagraph {n} has a few words of text." for n in range(1, 10)
)


def parse(text: str, name: str = "a.md"):
    return parse_upload(text.encode(), name=name)


def test_it_makes_a_section_per_h2_and_h3():
    article = parse(
        "# Title\n\n## One\n\nFirst.\n\n### One point five\n\nMiddle.\n\n## Two\n\nLast."
    )
    assert article.title == "Title"
    assert [(s.heading, s.level) for s in article.sections] == [
        ("One", 2),
        ("One point five", 3),
        ("Two", 2),
    ]


def test_it_imports_nine_sections_from_markdown():
    article = parse(NINE_SECTIONS)
    assert len(article.sections) == 9
    assert article.sections[8].anchor == "part-9"


def test_it_reads_front_matter():
    article = parse("---\nslug: my-slug\ntitle: Real title\nsource: A book\n---\n# Other\n\nText.")
    assert (article.slug, article.title, article.source) == ("my-slug", "Real title", "A book")
    assert article.sections[0].heading == "Introduction"


def test_it_gives_repeated_headings_distinct_anchors():
    article = parse("## Notes\n\nOne.\n\n## Notes\n\nTwo.")
    assert [s.anchor for s in article.sections] == ["notes", "notes-2"]


def test_section_text_is_the_text_content_of_its_html():
    article = parse("## A\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two")
    section = article.sections[0]
    assert "Some emphasis and a link." in section.text
    assert "<" not in section.text


@pytest.mark.parametrize(
    "markdown",
    [
        "## A\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
        '## A\n\n<img src=x onerror="alert(1)">',
        "## A\n\n[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_it_sanitises_markdown(markdown):
    assert_inert(parse(markdown).sections[0].html)


def assert_inert(html: str) -> None:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not root.xpath("//script | //iframe | //svg | //img | //object | //embed")
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert not value.strip().lower().startswith(("javascript:", "data:")), (name, value)


def test_it_extracts_sections_from_html():
    document = """<!doctype html><html><head><title>Page</title><script>x()</script></head>
    <body><nav>Menu Home About</nav><article><h1>Main title</h1>
    <h2>First</h2><p>Alpha <b>bold</b> text <a href="javascript:alert(1)">bad</a>.</p>
    <h2>Second</h2><ul><li>One</li><li>Two</li></ul><p onclick="x()">Beta.</p>
    </article><footer>Copyright</footer></body></html>"""
    article = parse(document, "page.html")
    assert article.title == "Main title"
    assert [s.heading for s in article.sections] == ["First", "Second"]
    assert_inert("".join(s.html for s in article.sections))
    assert "One" in article.sections[1].text  # lists survive extraction
    assert "Menu" not in "".join(s.text for s in article.sections)


def test_it_splits_plain_text_on_short_lines():
    text = (
        "A Plain Title\n\nIntro paragraph that is long enough to be a paragraph of text.\n\n"
        "First heading\n\nBody of the first section, a full sentence.\n\n"
        "Second heading\n\nBody of the second section, also a sentence."
    )
    article = parse(text, "notes.txt")
    assert article.title == "A Plain Title"
    assert [s.heading for s in article.sections] == [
        "Introduction",
        "First heading",
        "Second heading",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("caf\u00e9 na\u00efve".encode("latin-1"), "UTF-8"),
        (b"# Only a title\n\n## Empty section\n", "no readable text"),
        (b"<html><body><script>x()</script></body></html>", "no readable text"),
    ],
)
def test_it_refuses_bad_files_with_a_clear_message(data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_upload(data, name="file.md" if not data.startswith(b"<") else "f.html")


def test_it_refuses_files_over_five_megabytes():
    with pytest.raises(ImportRefused, match="limit is 5 MB"):
        parse_upload(b"a" * (5 * 1024 * 1024 + 1), name="big.txt")
