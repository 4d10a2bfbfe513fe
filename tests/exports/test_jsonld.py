"""The JSON-LD export against the W3C Web Annotation test suite. No database."""

from __future__ import annotations

import copy
import json

import pytest

from exports.document import ExportDocument
from exports.jsonld import CONTEXT, render_jsonld
from tests.exports import w3c
from tests.exports.documents import sample_document


@pytest.fixture(scope="module")
def collection():
    # Through JSON and back: what a client reads is the serialised form.
    return json.loads(json.dumps(render_jsonld(sample_document()), ensure_ascii=False))


def annotations_of(collection):
    return collection["first"]["items"]


def test_collection_and_page_pass_the_musts(collection):
    assert w3c.failures(collection, w3c.COLLECTION_MUSTS) == []
    assert w3c.failures(collection, w3c.PAGE_MUSTS) == []
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == len(annotations_of(collection)) == 5


def test_every_annotation_passes_the_musts_and_uses_listed_motivations(collection):
    for annotation in annotations_of(collection):
        assert w3c.failures(annotation, w3c.ANNOTATION_MUSTS) == [], annotation["id"]
        assert w3c.validator(w3c.MOTIVATION_FROM_LIST).is_valid(annotation)


def test_what_each_kind_says(collection):
    by_id = {item["id"].rsplit("-", 1)[1]: item for item in annotations_of(collection)}
    highlight, note, quote, coloured = by_id["1"], by_id["2"], by_id["3"], by_id["4"]
    assert highlight["@context"] == CONTEXT
    assert highlight["motivation"] == "highlighting" and "body" not in highlight
    assert note["motivation"] == "commenting"
    assert note["body"] == {
        "type": "TextualBody",
        "value": "Compare with *official* figures; see [the report](https://example.org/r).\n\n"
        "- first point\n- second point",
        "format": "text/markdown",
        "purpose": "commenting",
    }
    assert quote["motivation"] == "highlighting"
    assert quote["body"] == {"type": "TextualBody", "value": "quote", "purpose": "tagging"}
    assert coloured["target"]["styleClass"] == "pink"
    assert coloured["stylesheet"]["type"] == "CssStylesheet"
    assert note["created"] == "2026-03-12T09:30:00Z" and note["modified"]


def test_target_has_source_quote_and_section_position(collection):
    note = annotations_of(collection)[1]
    target = note["target"]
    assert target["source"] == "http://testserver/articles/great-leap-forward/"
    quote, fragment = target["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "The “Great Leap” — 大跃进 — was meant to be quick"
    assert quote["prefix"].endswith("fifteen years. ")
    assert fragment["type"] == "FragmentSelector" and fragment["value"] == "origins"
    position = fragment["refinedBy"]
    assert position["type"] == "TextPositionSelector"
    text = (
        "In 1957 the leadership announced a campaign to overtake Britain in steel output "
        "within fifteen years. The “Great Leap” — 大跃进 — was meant to be quick."
    )
    assert text[position["start"] : position["end"]] == quote["exact"]  # code points


def test_empty_collection_is_valid_without_pages():
    collection = render_jsonld(
        ExportDocument(title="T", slug="t", url="http://testserver/articles/t/")
    )
    assert collection["total"] == 0 and "first" not in collection
    assert w3c.failures(collection, w3c.COLLECTION_MUSTS) == []


def test_format_checks_are_active(collection):
    """The suite must be able to fail: broken dates, ids and contexts are caught."""
    annotation = annotations_of(collection)[0]
    for key, bad in (("created", "12 March 2026"), ("id", "not a uri"), ("@context", "x")):
        broken = copy.deepcopy(annotation)
        broken[key] = bad
        assert w3c.failures(broken, w3c.ANNOTATION_MUSTS), key
    no_target = {k: v for k, v in annotation.items() if k != "target"}
    assert w3c.failures(no_target, w3c.ANNOTATION_MUSTS)
    invented = dict(annotation, motivation="quoting")
    assert not w3c.validator(w3c.MOTIVATION_FROM_LIST).is_valid(invented)
