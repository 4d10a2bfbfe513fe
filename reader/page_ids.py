"""The element ids Readmark's own pages use, which no section anchor may take.

A section's anchor is its element id on the reader page (and its address: `#anchor`). It comes
from the section's heading, so without this an article with a heading such as "Notes panel" or
"Main" would give its section the id of the page's own Notes panel or main landmark: the
scripts would find the section instead, and the reader's notes, highlights or buttons would
break on that article. The importer gives such a heading's section a `section-` prefix.

tests/reader/test_page_ids.py checks that every id written in the templates and looked up by
the scripts is covered here, so a new id cannot be forgotten.
"""

from __future__ import annotations

import re

RESERVED_IDS = frozenset(
    [
        "account-heading",
        "add-article-error",
        "annotations-data",
        "api-tokens",
        "auto-quote-help",
        "exports",
        "exports-heading",
        "flashcard-answer",
        "flashcard-question",
        "flashcard-question-help",
        "flashcards-config",
        "flashcards-hint",
        "flashcards-panel",
        "general-notes",
        "general-notes-help",
        "general-notes-preview",
        "import-heading",
        "import-help",
        "import-status",
        "library-q",
        "library-sort",
        "main",
        "mark-help-highlight",
        "mark-help-note",
        "mark-help-quote",
        "mark-tooltip",
        "new-token-secret",
        "note-editor-body",
        "note-editor-help",
        "note-editor-title",
        "notes-panel",
        "notes-panel-body",
        "notes-status",
        "notes-tab-annotations",
        "notes-tab-general",
        "notes-view-annotations",
        "notes-view-general",
        "orphan-item-template",
        "orphans-heading",
        "progress",
        "progress-heading",
        "reader-config",
        "reading-progress-config",
        "review-card-title",
        "review-config",
        "review-done-title",
        "review-ratings-help",
        "reviews-chart-desc",
        "reviews-chart-title",
        "saved",
        "saved-heading",
        "saved-notebooks-heading",
        "saved-orphans-heading",
        "saved-q",
        "token-name",
        "tokens-heading",
        "visitor-prompt",
        "visitor-prompt-title",
    ]
)
# Ids made from a number or another anchor: `heading-<anchor>`, `annotation-<id>`.
RESERVED_PATTERN = re.compile(r"(heading|annotation|saved-article)-.*")


def anchor_is_reserved(anchor: str) -> bool:
    return anchor in RESERVED_IDS or RESERVED_PATTERN.fullmatch(anchor) is not None


def safe_anchor(anchor: str) -> str:
    """``anchor``, or ``section-<anchor>`` when the page itself uses that id."""
    return f"section-{anchor}" if anchor_is_reserved(anchor) else anchor
