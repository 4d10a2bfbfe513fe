"""The session engine: Django's database sessions, read with one prepared statement.

The database stays the only truth (a log-out in one process ends the session in every other,
which a per-process cache could not promise without Redis); only the ORM's query building on
each signed-in request is gone. Writes, expiry and key rotation are Django's own.
"""

from __future__ import annotations

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from readmark.prepared import execute, fetchone


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict:
        data = self._live_session_data()
        if data is None:
            # As Django does: an unknown or expired key is never reused for a new session.
            self._session_key = None
            return {}
        return self.decode(data)

    def _live_session_data(self) -> str | None:
        if not self.session_key:
            return None
        using = router.db_for_read(Session)
        connection = connections[using]
        expire_date = Session._meta.get_field("expire_date")
        now = expire_date.get_db_prep_value(timezone.now(), connection)
        row = execute(connection, _select_live(using), [self.session_key, now], fetchone)
        return row[0] if row else None


@cache
def _select_live(using: str) -> str:
    quote = connections[using].ops.quote_name
    fields = {name: quote(Session._meta.get_field(name).column) for name in
              ("session_key", "session_data", "expire_date")}  # fmt: skip
    return (
        f"SELECT {fields['session_data']} FROM {quote(Session._meta.db_table)} "
        f"WHERE {fields['session_key']} = %s AND {fields['expire_date']} > %s"
    )
