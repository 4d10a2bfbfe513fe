"""Markdown to safe HTML, used for article bodies and for every piece of user Markdown.

markdown-it-py with raw HTML off, then nh3 (Ammonia) as a second line of defence
(tests/e2e/test_stored_xss.py tries hostile notes in a real browser).
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> str:
    """Render untrusted Markdown to HTML that is safe to insert into a page."""
    return sanitize_html(_md.render(text))


def parse_markdown(text: str):
    """Tokens for importers that need the block structure (headings)."""
    return _md.parse(text)


def render_tokens(tokens) -> str:
    return sanitize_html(_md.renderer.render(tokens, _md.options, {}))
