from __future__ import annotations

from django.conf import settings
from django.db import models


class PersonalAccessToken(models.Model):
    """A Bearer token for scripts. Only a SHA-256 of the secret is stored: the secret has 256
    bits of entropy, so a fast hash is enough (a slow KDF guards guessable passwords, not this),
    and lookups stay one indexed query per request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the secret, shown so that people can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
