from __future__ import annotations

from typing import Any

from django import template

from annotations.selectors import reader_data

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_annotations(context: Any, article: Any) -> dict[str, Any]:
    """The signed-in reader's annotations and notebook for the page (two queries)."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"annotations": [], "notebook": None}
    return reader_data(owner=user, article=article)
