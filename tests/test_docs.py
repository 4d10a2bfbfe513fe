"""Docs kept honest by code: every environment variable the code reads is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["config", "readmark", "accounts", "reader", "annotations", "study"]
READERS = re.compile(
    r"""(?:env_(?:str|bool|int|list|choice)\(|os\.environ\.get\(|os\.getenv\(|environ\[)\s*["']([A-Z][A-Z0-9_]+)["']"""
)
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def variables_in_code() -> set[str]:
    found: set[str] = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            found.update(READERS.findall(path.read_text()))
    return found - NOT_SETTINGS


def test_code_reads_some_variables():
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "PORT"} <= variables_in_code()


def test_every_variable_is_documented_in_configuration_md():
    documented = set(
        re.findall(r"^### `([A-Z0-9_]+)`", (ROOT / "docs/configuration.md").read_text(), re.M)
    )
    assert variables_in_code() - documented == set()


def test_every_variable_is_listed_in_env_example():
    listed = set(re.findall(r"^# ([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert variables_in_code() - listed == set()
