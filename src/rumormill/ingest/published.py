"""Publication-date values: parse ``YYYY[-MM[-DD]]`` and turn it into an interval."""

from __future__ import annotations

import calendar
import re

from rumormill.errors import InputError
from rumormill.records import Published

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

UNKNOWN = Published(value=None, earliest=None, latest=None, how="unknown", reason=None)


def interval(value: str) -> tuple[str, str]:
    """``2024`` -> (2024-01-01, 2024-12-31); ``2024-02`` -> (2024-02-01, 2024-02-29)."""
    m = _ISO.match(value)
    if not m:
        raise InputError(f"not a date of the form YYYY[-MM[-DD]]: {value!r}")
    year = int(m.group(1))
    if m.group(3):
        _valid(year, int(m.group(2)), int(m.group(3)), value)
        return value, value
    if m.group(2):
        month = int(m.group(2))
        _valid(year, month, 1, value)
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _valid(year: int, month: int, day: int, value: str) -> None:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        raise InputError(f"not a valid date: {value!r}")


def make(value: str, how: str, reason: str | None = None) -> Published:
    """A ``Published`` record for a known value (``given``, ``metadata`` or ``text``)."""
    value = value.strip()[:10]
    earliest, latest = interval(value)
    return Published(value=value, earliest=earliest, latest=latest, how=how, reason=reason)
