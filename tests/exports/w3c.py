"""The W3C Web Annotation test suite's "must" assertions as JSON Schema (draft 4) validators.

Each ``*.test`` file lists assertion schemas; an assertion whose ``expectedResult`` is "valid"
must validate. Format checks are on: ``date-time`` through rfc3339-validator and ``uri``
through rfc3986-validator (jsonschema only checks formats whose checker library is installed,
so ``test_format_checks_are_active`` proves they are).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITE = Path(__file__).parent / "fixtures" / "web-annotation-tests"
ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"
MOTIVATION_FROM_LIST = "annotations/3.3.5-annotationMotivationImplemented.json"
FORMAT_CHECKER = Draft4Validator.FORMAT_CHECKER


@lru_cache(maxsize=1)
def registry() -> Registry:
    resources = []
    for path in (SUITE / "definitions").glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append(
            (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        )
    return Registry().with_resources(resources)


@cache
def validator(assertion: str) -> Draft4Validator:
    schema = json.loads((SUITE / assertion).read_text())
    return Draft4Validator(schema, registry=registry(), format_checker=FORMAT_CHECKER)


def assertions(test_file: str) -> list[str]:
    return json.loads((SUITE / test_file).read_text())["assertions"]


def failures(instance: Any, test_file: str) -> list[str]:
    """The assertions of ``test_file`` that ``instance`` fails, with the suite's messages."""
    failed = []
    for assertion in assertions(test_file):
        schema = validator(assertion).schema
        valid = validator(assertion).is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(f"{assertion}: {schema.get('errorMessage', '')}")
    return failed
