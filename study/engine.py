"""Which generator the settings choose, with what options, and the cache key that follows.

The thin layer between Django settings and the pure ``study.generation`` package: everything
that changes the cards a generator makes (its id and version, the model, the options that shape
output) goes into the cache key; what does not (timeouts, the API key) stays out, so rotating a
key or raising a timeout keeps every cached set.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from django.conf import settings

from study.generation import Card, GenerationOptions, Shown, get_generator


@dataclass(frozen=True)
class GeneratorChoice:
    name: str
    id: str
    version: str
    model: str
    options: GenerationOptions = field(repr=False)

    @property
    def options_hash(self) -> str:
        shaping = {
            "max_cards": self.options.max_cards,
            "min_cards": self.options.min_cards,
        }
        if self.name != "local":
            # A remote model's output also depends on where it runs and how it samples.
            shaping["base_url"] = (self.options.base_url or "").rstrip("/")
            shaping["temperature"] = self.options.temperature
        return _digest(json.dumps(shaping, sort_keys=True))

    @property
    def runs_offline(self) -> bool:
        return self.name == "local"

    def cache_key(self, content_hash: str) -> str:
        return cache_key(content_hash, self.id, self.version, self.model, self.options_hash)

    def generate(
        self, text: str, *, titles: tuple[str, ...] = (), shown: tuple[Shown, ...] = ()
    ) -> list[Card]:
        """Cards for ``text``; ``titles`` are the article's and section's, ``shown`` the cards
        a reader already has (a regeneration leaves them out)."""
        options = replace(self.options, titles=titles, shown=shown)
        return get_generator(self.name).generate(text, options)


def generator_name() -> str:
    configured = settings.READMARK_FLASHCARD_GENERATOR
    if configured:
        return configured
    return "openai" if settings.READMARK_LLM_BASE_URL else "local"


def generator_choice() -> GeneratorChoice:
    name = generator_name()
    generator = get_generator(name)
    if name == "local":
        return GeneratorChoice(
            name=name,
            id=generator.id,
            version=generator.version,
            model="",
            options=GenerationOptions(generator=name),
        )
    total = float(settings.READMARK_LLM_TIMEOUT_SECONDS)
    options = GenerationOptions(
        generator=name,
        base_url=settings.READMARK_LLM_BASE_URL or None,
        model=settings.READMARK_LLM_MODEL or None,
        api_key=settings.READMARK_LLM_API_KEY or None,
        total_timeout=total,
        read_timeout=min(GenerationOptions().read_timeout, total),
    )
    return GeneratorChoice(
        name=name,
        id=generator.id,
        version=generator.version,
        model=settings.READMARK_LLM_MODEL,
        options=options,
    )


def cache_key(content_hash: str, generator: str, version: str, model: str, options: str) -> str:
    return _digest("\x1f".join([content_hash, generator, version, model, options]))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
