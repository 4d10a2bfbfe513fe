"""The reader page's flashcards configuration, rendered once as JSON (json_script)."""

from __future__ import annotations

from typing import Any

from django import template

from study.engine import generator_choice
from study.readiness import section_readiness as readiness_for
from study.selectors import flashcards_config as config_for

register = template.Library()


@register.simple_tag(takes_context=True)
def flashcards_config(context, article, sections) -> dict[str, Any]:
    request = context["request"]
    choice = generator_choice()
    config = config_for(
        user=request.user, article=article, sections=list(sections), keys=choice.cache_key
    )
    config["article"] = article.slug
    config["apiBase"] = "/api/v1"
    config["offline"] = choice.runs_offline
    return config


@register.simple_tag
def section_readiness(article, section):
    """``{% section_readiness article section as facts %}``: ``facts.enough``, ``facts.reason``."""
    return readiness_for(article=article, section=section)
