from __future__ import annotations

import pytest

from reader.importers import ImportRefused
from reader.models import Article, Revision, Section
from reader.services import article_import
from tests.conftest import import_sample


def test_it_loads_the_sample_article_with_nine_sections(db):
    article = import_sample()
    sections = list(Section.objects.filter(revision=article.current_revision))
    assert article.slug == "great-leap-forward"
    assert [s.heading for s in sections] == [
        "Key takeaways",
        "What it was",
        "Goals and main policies",
        "Agricultural failures and causes of famine",
        "Industrial policy problems",
        "Human and social consequences",
        "Economic aftermath and legacy",
        "Lessons",
        "Selected sources for further reading",
    ]


def test_reimporting_the_same_text_adds_nothing(db):
    import_sample()
    import_sample()
    assert Article.objects.count() == 1
    assert Revision.objects.count() == 1


def test_reimporting_edited_text_makes_a_revision_with_stable_section_ids(db):
    first = article_import(
        data=b"# T\n\n## Alpha\n\nOne.\n\n## Beta\n\nTwo.", name="t.md", slug="t"
    )
    second = article_import(
        data=b"# T\n\n## Alpha\n\nOne, edited.\n\n## Beta\n\nTwo.", name="t.md", slug="t"
    )
    assert second.changed and second.revision.number == 2
    old = {s.anchor: s for s in first.revision.sections.all()}
    new = {s.anchor: s for s in second.revision.sections.all()}
    assert old.keys() == new.keys() == {"alpha", "beta"}
    assert old["alpha"].content_hash != new["alpha"].content_hash
    assert old["beta"].content_hash == new["beta"].content_hash
    second.article.refresh_from_db()
    assert second.article.current_revision == second.revision


def test_a_refused_file_changes_nothing(db):
    import_sample()
    before = (Article.objects.count(), Revision.objects.count(), Section.objects.count())
    with pytest.raises(ImportRefused):
        article_import(data=b"\x00\x01\x02", name="x.md", slug="great-leap-forward")
    assert (Article.objects.count(), Revision.objects.count(), Section.objects.count()) == before


def test_a_failing_receiver_rolls_the_whole_import_back(db):
    from reader.signals import revision_published

    def explode(**kwargs):
        raise RuntimeError("re-anchoring failed")

    revision_published.connect(explode, dispatch_uid="test-explode")
    try:
        with pytest.raises(RuntimeError):
            article_import(data=b"# T\n\n## A\n\nText.", name="t.md", slug="t")
    finally:
        revision_published.disconnect(dispatch_uid="test-explode")
    assert not Article.objects.filter(slug="t").exists()
