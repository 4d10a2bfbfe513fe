"""Pure rules for reading progress (no Django): validating a report and merging it.

A section once read stays read: reports only add to the set, so a stale tab or a report that
arrives late can never lose what another tab recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Positions this close to the top of the first section are not worth offering to restore.
START_FRACTION = 0.02


class ProgressRefused(ValueError):
    """A report that names sections the article does not have."""


@dataclass(frozen=True)
class Position:
    anchor: str
    fraction: float


def merge_read(
    *, order: Sequence[str], stored: Iterable[str], reported: Iterable[str]
) -> list[str]:
    """The union of both sets, in the article's order; anchors the article lost are dropped."""
    known = set(stored) | set(reported)
    return [anchor for anchor in order if anchor in known]


def check_report(*, order: Sequence[str], anchor: str, reported: Iterable[str]) -> None:
    present = set(order)
    unknown = sorted({name for name in reported if name not in present})
    if anchor and anchor not in present:
        unknown = sorted({*unknown, anchor})
    if unknown:
        raise ProgressRefused(
            "This article has no section "
            + ", ".join(f"“{name}”" for name in unknown[:5])
            + ". It may have been updated: reload the page."
        )


def worth_restoring(*, order: Sequence[str], position: Position) -> bool:
    """Whether to offer "Continue where you left off": not for the very start of the article."""
    if not position.anchor or position.anchor not in order:
        return False
    return not (position.anchor == order[0] and position.fraction < START_FRACTION)
