"""Fixtures for the generation tests; `fake_openai` is meant for other test modules too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.generation.fake_openai import FakeOpenAI
from tests.generation.markdown_sections import load

TEXTS = Path(__file__).parent / "texts"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running fake OpenAI-compatible server; script it with `fake_openai.script(...)`."""
    with FakeOpenAI() as fake:
        yield fake


def text_files() -> list[Path]:
    return sorted(TEXTS.glob("*.md"))


def all_sections() -> list[tuple[str, str, str]]:
    """(file name, heading, section text) for every section of every test text."""
    return [(path.name, heading, text) for path in text_files() for heading, text in load(path)]
