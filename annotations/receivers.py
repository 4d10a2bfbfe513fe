from __future__ import annotations

from typing import Any

from annotations.reanchoring import annotations_reanchor


def reanchor_on_revision(sender: Any, *, article, previous, revision, **kwargs: Any) -> None:
    if previous is None:
        return  # a new article: nothing points into it yet
    annotations_reanchor(article=article, revision=revision)
