"""The profile page is assembled from parts each app contributes (saved highlights, tokens,
study progress...). Apps register a callable returning a template name and its context, so the
accounts app does not import every feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class ProfileSection:
    order: int
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]


_registry: list[ProfileSection] = []


def register_profile_section(section: ProfileSection) -> None:
    if section not in _registry:
        _registry.append(section)


def profile_sections(*, request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"template": section.template, **section.context(request)}
        for section in sorted(_registry, key=lambda item: item.order)
    ]
