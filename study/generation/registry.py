"""Generators by id, and the `generate` entry point."""

from __future__ import annotations

from study.generation.local import LocalGenerator
from study.generation.types import Card, GenerationError, GenerationOptions, Generator


def _openai() -> Generator:
    from study.generation.llm.generator import OpenAIGenerator  # httpx only when asked for

    return OpenAIGenerator()


GENERATORS = ("local", "openai")


def get_generator(name: str = "local") -> Generator:
    if name == "local":
        return LocalGenerator()
    if name == "openai":
        return _openai()
    raise GenerationError(
        f"Unknown flashcard generator {name!r}; choose one of: {', '.join(GENERATORS)}."
    )


def generate(section_text: str, options: GenerationOptions | None = None) -> list[Card]:
    options = options or GenerationOptions()
    return get_generator(options.generator).generate(section_text, options)
