"""The create response is encoded before the insert (annotations.present.annotation_json_once_saved)
and must be byte for byte what encoding the new annotation gives, and say what was stored."""

from __future__ import annotations

import json

import pytest

from annotations.models import Annotation
from annotations.present import annotation_data, annotation_json_once_saved, encode_json
from annotations.services import annotation_insert_values_plan, annotation_values
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
    values = annotation_values(
        owner=owner, article=article, section_anchor=section.anchor,
        kind="note" if body else "highlight", selectors=selectors_for(section, "Mao Zedong"),
        body=body, client_id='c"1',
    )  # fmt: skip
    insert = annotation_insert_values_plan(values=values)  # adds defaults and creation time
    render = annotation_json_once_saved(values, article=article)
    pk = insert()
    sent = render(pk)
    assert sent == encode_json(annotation_data(Annotation(pk=pk, **values), article=article))
    # What a GET of it answers. Not byte for byte: PostgreSQL's jsonb stores the selectors'
    # keys in an order of its own.
    assert json.loads(sent) == json.loads(
        encode_json(annotation_data(Annotation.objects.get(pk=pk)))
    )
    assert json.loads(sent)["url"].endswith(f"#annotation-{pk}")
