"""Per-reader limits on adding articles (pure: no Django). The service gathers the numbers;
this decides, and words the refusal: which limit, and when it frees up."""

from __future__ import annotations

from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)


class LimitReached(ValueError):
    """The reader may not add this now; the message says which limit and when it resets."""


def check_hourly(*, recent: list[datetime], per_hour: int, now: datetime) -> None:
    """`recent`: when the reader added articles, any order; at most `per_hour` in any hour."""
    within = sorted(moment for moment in recent if moment > now - WINDOW)
    if len(within) < per_hour:
        return
    # The oldest addition in the window leaves it first; then one more is allowed.
    frees_at = within[len(within) - per_hour] + WINDOW
    minutes = max(1, -(-int((frees_at - now).total_seconds()) // 60))
    raise LimitReached(
        f"You have added {len(within)} articles in the last hour; the limit is {per_hour} an "
        f"hour. You can add another in {minutes} minute{'s' if minutes != 1 else ''} "
        f"(at {frees_at:%H:%M} UTC)."
    )


def check_storage(*, stored: int, adding: int, limit: int) -> None:
    """Bytes already stored for the reader, bytes this article adds, and the most allowed."""
    if stored + adding <= limit:
        return
    mb = 1024 * 1024
    raise LimitReached(
        f"Your articles take {stored / mb:.1f} MB of the {limit // mb} MB of text each reader "
        f"may store, and this one needs {adding / mb:.1f} MB more. The limit does not reset "
        "with time: delete articles you no longer need (their export stays yours) and retry."
    )
