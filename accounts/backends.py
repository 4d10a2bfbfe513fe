"""The sign-in backend: Django's ModelBackend, with the per-request user lookup compiled once.

Every signed-in request loads its user; through the ORM that lookup cost more than the rest
of a cached API answer. Permissions, password checks and ``is_active`` stay Django's.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from readmark.prepared import PreparedGet

_user_by_pk = PreparedGet(get_user_model(), "pk")


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = _user_by_pk(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
