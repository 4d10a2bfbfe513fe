"""Permission-checked getters: another user's annotation is indistinguishable from a missing one
(404 on every verb), so ids reveal nothing."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from annotations.models import Annotation


def annotation_for_owner(*, user: AbstractBaseUser, annotation_id: int) -> Annotation:
    annotation = (
        Annotation.objects.select_related("article")
        .filter(pk=annotation_id, owner_id=user.pk)
        .first()
    )
    if annotation is None:
        raise Http404("No such annotation.")
    return annotation


def deleted_annotation_for_owner(*, user: AbstractBaseUser, annotation_id: int) -> Annotation:
    annotation = (
        Annotation.all_objects.select_related("article")
        .filter(pk=annotation_id, owner_id=user.pk)
        .exclude(deleted_at=None)
        .first()
    )
    if annotation is None:
        raise Http404("No deleted annotation with that id (it may be restored or expired).")
    return annotation
