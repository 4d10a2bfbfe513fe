"""How many new flashcard generations may start: per reader and for the whole site, per hour.

The cooldown spaces out a reader's successful generations; these ceilings bound the rest. A
failed generation gives the cooldown back (the reader did nothing wrong), but it still counts
toward the reader's hourly limit, so that a section that can never succeed, or a provider that
keeps failing, is not asked again and again. The site-wide ceiling bounds what any number of
accounts can spend on a language model in an hour. Joining a generation already running, or
getting a cached set, counts toward neither.
"""

from __future__ import annotations

from django.conf import settings

from readmark.ratelimit import Window, minutes_words

HOUR = 3600
SITE = "site"


class GenerationLimit(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def _reader_window() -> Window:
    return Window("generations-reader", settings.READMARK_GENERATIONS_PER_READER_HOUR, HOUR)


def _site_window() -> Window:
    return Window("generations-site", settings.READMARK_GENERATIONS_PER_HOUR, HOUR)


def generation_allowed_check(*, user) -> None:
    """Raise GenerationLimit, saying which limit and when it resets, when one is reached."""
    wait = _reader_window().retry_after(str(user.pk))
    if wait is not None:
        limit = settings.READMARK_GENERATIONS_PER_READER_HOUR
        raise GenerationLimit(
            f"You have started {limit} flashcard generations this hour (failed ones count "
            f"too). You can start new ones in {minutes_words(wait)}; sets already made stay "
            "available.",
            wait,
        )
    wait = _site_window().retry_after(SITE)
    if wait is not None:
        raise GenerationLimit(
            "This site has made as many new flashcard sets this hour as its administrator "
            f"allows. Try again in {minutes_words(wait)}; sets already made stay available.",
            wait,
        )


def generation_counted(*, user) -> None:
    _reader_window().count(str(user.pk))
    _site_window().count(SITE)
