"""The review page's HTML: the layout rendered once per reader and article, the card filled in.

Why: with the card in hand, Django's template engine spent about two thirds of the request
rendering the layout (navigation, static URLs, the base template's blocks), which is the same
for every card. So ``study/review.html`` marks everything that changes per request with a slot
(``{{ slot.front }}``); the page is rendered with markers in the slots, split at the markers,
and kept per reader, article and language. A request escapes its values in Python and joins.

What may go into the kept layout: only what its key covers (the reader's id and username, the
article, the language). It is rendered without the request, so nothing per request can leak
into it: the CSRF token is a slot of its own, and a request with messages to show renders the
whole page with the request, as any other page does.
"""

from __future__ import annotations

import re
import secrets
import threading

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr
from django.template.loader import get_template, render_to_string
from django.utils.html import escape, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from reader.models import Article
from study.review.selectors import Queue
from study.scheduling import Grade

TEMPLATE = "study/review.html"
# Unguessable, so no text in the layout (a title, a username) can pose as a slot; NUL and hex
# survive HTML escaping, so a marker passed through an escaping tag (the CSRF token) stays whole.
_SECRET = secrets.token_hex(8)
_MARKER = re.compile("\x00" + _SECRET + r":(\w+)\x00")
# Each kept layout is about 5 KB.
KEPT_LAYOUTS = 256
_kept: dict[tuple, list[str]] = {}
_kept_lock = threading.Lock()


class _Slots:
    """``{{ slot.NAME }}`` in the template renders NAME's marker."""

    def __getitem__(self, name: str) -> SafeString:
        return mark_safe(f"\x00{_SECRET}:{name}\x00")


SLOTS = _Slots()
GRADES = [
    {
        "value": int(grade),
        "key": grade.name.lower(),
        "label": grade.label,
        "interval": SLOTS[f"interval_{grade.name.lower()}"],
    }
    for grade in Grade
]


def review_page_html(request: HttpRequest, *, article: Article | None, queue: Queue) -> str:
    values = _values(queue, article=article)
    if settings.DEBUG or _has_messages(request):
        # With the request: the messages shown (and used up), template edits seen at once.
        context = {"article": article, "grades": GRADES, "slot": SLOTS}
        html = render_to_string(TEMPLATE, context, request=request)
        return _fill(_MARKER.split(html), values)
    layout = _layout(request.user, article)
    values["csrf"] = get_token(request)
    return _fill(layout, values)


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    # len() loads the messages without marking them used: they stay for the next page.
    return storage is not None and len(storage) > 0


def _layout(user, article: Article | None) -> list[str]:
    key = (
        user.pk,
        user.get_username(),
        (article.pk, article.slug, article.title) if article else None,
        get_language(),
    )
    parts = _kept.get(key)
    if parts is None:
        parts = _render_layout(user, article)
        with _kept_lock:
            if len(_kept) >= KEPT_LAYOUTS:
                del _kept[next(iter(_kept))]  # the oldest: first in, first out is enough
            _kept[key] = parts
    return parts


def _render_layout(user, article: Article | None) -> list[str]:
    """The page split at its slots: text, slot name, text, ..., text."""
    context = {
        "user": user,
        "csrf_token": SLOTS["csrf"],
        "messages": (),
        "article": article,
        "grades": GRADES,
        "slot": SLOTS,
    }
    return _MARKER.split(get_template(TEMPLATE).render(context))


def _fill(parts: list[str], values: dict[str, str]) -> str:
    pieces = parts[:]
    for index in range(1, len(pieces), 2):
        pieces[index] = values[pieces[index]]
    return "".join(pieces)


def _values(queue: Queue, *, article: Article | None) -> dict[str, str]:
    """Each slot's HTML, escaped here as the template would have."""
    card = queue.card
    remaining = queue.remaining
    config = {
        "apiBase": "/api/v1",
        "article": article.slug if article else "",
        "card": card.as_json() if card else None,
        "remaining": remaining,
        "more": queue.more,
    }
    values = {
        "config": json_script(config, "review-config"),
        "count": f"{remaining}{'+' if queue.more else ''} card{'' if remaining == 1 else 's'}",
        "card_hidden": "" if card else " hidden",
        "done_hidden": " hidden" if card else "",
    }
    if card is None:
        values.update(source="", front="", back="", link="", link_hidden=" hidden")
        values.update({f"interval_{grade.name.lower()}": "" for grade in Grade})
        return values
    source = escape(card.article_title)
    if card.section_heading:
        source += " · " + escape(card.section_heading)
    values.update(
        source=source,
        front=escape(card.front),
        back=linebreaksbr(card.back, autoescape=True),
        link=escape(card.source_url),
        link_hidden="" if card.source_url else " hidden",
    )
    values.update({f"interval_{key}": escape(text) for key, text in card.intervals.items()})
    return values
