"""Fixtures for the flashcards tests: the offline generator by default, a fake LLM on demand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from study import tasks
from tests.generation.fake_openai import FakeOpenAI


@pytest.fixture(autouse=True)
def _offline_embedded(settings) -> Iterator[None]:
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"
    tasks.backend_reset()
    yield
    tasks.backend_reset()  # stops a worker thread a test started


@pytest.fixture
def llm(settings) -> Iterator[FakeOpenAI]:
    """The `openai` generator pointed at a fake provider on 127.0.0.1."""
    with FakeOpenAI() as fake:
        settings.READMARK_FLASHCARD_GENERATOR = "openai"
        settings.READMARK_LLM_BASE_URL = fake.base_url
        settings.READMARK_LLM_MODEL = "fake-model"
        settings.READMARK_LLM_API_KEY = "sk-test"
        settings.READMARK_LLM_TIMEOUT_SECONDS = 5
        yield fake
