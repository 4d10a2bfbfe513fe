"""The create response is encoded before the insert (annotations.present.annotation_json_once_saved)
and must be byte for byte what encoding the saved annotation gives."""

from __future__ import annotations

import json

import pytest

from annotations.present import annotation_data, annotation_json_once_saved, encode_json
from annotations.services import annotation_build, annotation_insert_plan
from tests.annotations.helpers import section_of, selectors_for

BODIES = [
    "",
    "plain words",
    '"quoted", {"id": 0, "url": ""} and a \\ backslash',
    'ends like the tail , "url": ""}',
    "émigré – “curly” ✓ \U0001f600 and a\nnew line",
    "</script><script>alert(1)</script>",
]


@pytest.mark.parametrize("body", BODIES)
def test_the_early_encoding_is_the_saved_annotations_encoding(owner, article, body):
    section = section_of(article)
    annotation = annotation_build(
        owner=owner, article=article, section_anchor=section.anchor,
        kind="note" if body else "highlight", selectors=selectors_for(section, "Mao Zedong"),
        body=body, client_id='c"1',
    )  # fmt: skip
    insert = annotation_insert_plan(annotation=annotation)  # sets created and modified
    render = annotation_json_once_saved(annotation, article=article)
    insert()
    expected = encode_json(annotation_data(annotation, article=article))
    assert render(annotation.pk) == expected
    assert json.loads(expected)["url"].endswith(f"#annotation-{annotation.pk}")
