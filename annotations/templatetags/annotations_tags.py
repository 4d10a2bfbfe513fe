from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from annotations.quote_refs import replace_refs, strip_trailing_space_before
from annotations.selectors import reader_payload

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_annotations_script(context: Any, article: Any) -> str:
    """<script id="annotations-data" type="application/json"> with the signed-in reader's
    annotations and notebook for the page; a fixed number of queries (see reader_payload)."""
    user = context["request"].user
    if not user.is_authenticated:
        return ""
    payload = reader_payload(owner=user, article=article)
    return format_html(
        '<script id="annotations-data" type="application/json">{}</script>', mark_safe(payload)
    )


@register.filter
def without_quote_refs(markdown: str) -> str:
    """General notes as plain reading text: quote references (``[^q12]``) left out."""
    return strip_trailing_space_before(replace_refs(markdown or "", lambda pk: ""))
