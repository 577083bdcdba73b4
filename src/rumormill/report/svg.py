"""Server-rendered SVG charts: horizontal bar charts and the article's timeline.

No JavaScript and no external resources: the charts are plain SVG strings built
here, with every piece of text escaped. Colours come from CSS classes shared with
the highlighted text (``k-<source kind>``, ``st-<status>``), and every bar carries
its label and count as text, so the charts read in greyscale and to screen readers.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from rumormill.records import Ledger

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(title: str, counts: Mapping[str, int], css_prefix: str, *, width: int = 330) -> Markup:
    """A horizontal bar chart of ``counts`` (label -> count), largest first."""
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    row, label_w, pad = 24, 110, 6
    height = row * max(len(items), 1) + 30
    total = sum(v for _, v in items)
    top = max((v for _, v in items), default=1)
    bar_w = width - label_w - 50
    desc = "; ".join(f"{k}: {v}" for k, v in items) or "no data"
    parts = [
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}: {escape(desc)}">',
        f"<title>{escape(title)}</title>",
        f'<text class="ctitle" x="0" y="14">{escape(title)} (total {total})</text>',
    ]
    if not items:
        parts.append('<text class="none" x="0" y="40">none found</text>')
    for i, (key, value) in enumerate(items):
        y = 24 + i * row
        w = max(bar_w * value / top, 2)
        token = _token(key)
        parts.append(f'<text class="blabel" x="{label_w - pad}" y="{y + 15}" text-anchor="end">{escape(key)}</text>')
        parts.append(f'<rect class="bar {css_prefix}{token}" x="{label_w}" y="{y + 3}" width="{_num(w)}" '
                     f'height="{row - 8}"><title>{escape(key)}: {value}</title></rect>')
        parts.append(f'<text class="bcount" x="{_num(label_w + w + pad)}" y="{y + 15}">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# --------------------------------------------------------------------------- dates
def period(value: str | None, *, end: bool = False) -> date | None:
    """First (or with ``end`` last) day of an ISO-like period: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
    YYYY-Qn, YYYY-SP/SU/FA/WI. Anything else (PAST_REF, XXXX-…, durations) gives None."""
    if not value:
        return None
    value = value.strip()
    try:
        if m := _ISO.match(value):
            y = int(m.group(1))
            if m.group(3):
                return date(y, int(m.group(2)), int(m.group(3)))
            if m.group(2):
                mo = int(m.group(2))
                return date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
            return date(y, 12, 31) if end else date(y, 1, 1)
        if m := _WEEK.match(value):
            d = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7 if end else 1)
            return d
        if m := _QUARTER.match(value):
            y, q = int(m.group(1)), int(m.group(2))
            mo = 3 * q if end else 3 * q - 2
            return date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
        if len(value) == 7 and value[4] == "-" and value[5:] in _SEASON and value[:4].isdigit():
            y = int(value[:4])
            first, last = _SEASON[value[5:]]
            if end:
                yy, mm = (y + 1, last - 12) if last > 12 else (y, last)
                return date(yy, mm, calendar.monthrange(yy, mm)[1])
            return date(y, first, 1)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class Bar:
    start: date
    end: date
    label: str
    flagged: bool = False
    note: str = ""
    bound: str | None = None  # the timeline entry's bound: range | before | after | ongoing


_ARROW = 22  # px: the arrow drawn past an open bound



def _bound_words(b: Bar) -> str | None:
    """What the bar's bound is, in words: an open side has an arrow, a side the evidence implies has none."""
    if b.bound == "before":
        return "open start" if b.start == b.end else "by"
    if b.bound == "after":
        return "open end" if b.start == b.end else "after"
    return {"range": "range", "ongoing": "ongoing"}.get(b.bound or "")


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    years = hi.year - lo.year
    if years >= 2:
        step = max(1, -(-years // 10))
        return [(date(y, 1, 1), str(y)) for y in range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1, step)
                if lo <= date(y, 1, 1) <= hi]
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = max(1, -(-months // 12))
    out: list[tuple[date, str]] = []
    y, m = lo.year, lo.month
    while date(y, m, 1) <= hi:
        d = date(y, m, 1)
        if d >= lo:
            out.append((d, f"{calendar.month_abbr[m]} {y}" if m == 1 or not out else calendar.month_abbr[m]))
        m += step
        while m > 12:
            m -= 12
            y += 1
    return out


def timeline_chart(
    bars: Sequence[Bar], published: tuple[date, date, str] | None, *, width: int = 1000,
) -> Markup:
    """Bars on a time axis; ``published`` is (earliest, latest, label) drawn as a line or band."""
    points = [d for b in bars for d in (b.start, b.end)]
    if published:
        points += [published[0], published[1]]
    if not points:
        return Markup("")
    lo, hi = min(points), max(points)
    span_days = (hi - lo).days
    pad = timedelta(days=max(15, span_days // 25))
    lo, hi = lo - pad, hi + pad
    left, right, row, top = 10, width - 10, 22, 44
    scale = (right - left) / max((hi - lo).days, 1)

    def x(d: date) -> float:
        return left + (d - lo).days * scale

    height = top + row * max(len(bars), 1) + 16
    flagged = sum(b.flagged for b in bars)
    summary = f"{len(bars)} dated entries" + (f", {flagged} flagged as contradictions" if flagged else "")
    parts = [
        f'<svg class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Timeline: {escape(summary)}">',
        f"<title>Timeline: {escape(summary)}</title>",
        f'<line class="axis" x1="{left}" y1="{top - 8}" x2="{right}" y2="{top - 8}"/>',
    ]
    for d, text in _ticks(lo, hi):
        parts.append(f'<line class="tick" x1="{_num(x(d))}" y1="{top - 12}" x2="{_num(x(d))}" y2="{height - 10}"/>')
        parts.append(f'<text class="ticklabel" x="{_num(x(d))}" y="{top - 16}" text-anchor="middle">{escape(text)}</text>')
    if published:
        p0, p1, label = published
        x0, x1 = x(p0), x(p1 + timedelta(days=1))
        if p1 > p0:
            parts.append(f'<rect class="pubband" x="{_num(x0)}" y="{top - 8}" width="{_num(max(x1 - x0, 2))}" '
                         f'height="{height - top - 2}"><title>{escape(label)}</title></rect>')
        parts.append(f'<line class="publine" x1="{_num(x0)}" y1="4" x2="{_num(x0)}" y2="{height - 10}"/>')
        if p1 > p0:
            parts.append(f'<line class="publine" x1="{_num(x1)}" y1="{top - 8}" x2="{_num(x1)}" y2="{height - 10}"/>')
        anchor = "end" if x0 > width * 0.6 else "start"
        tx = x0 - 4 if anchor == "end" else x0 + 4
        parts.append(f'<text class="publabel" x="{_num(tx)}" y="12" text-anchor="{anchor}">{escape(label)}</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        x0, x1 = x(b.start), x(b.end + timedelta(days=1))
        w = max(x1 - x0, 4)
        cls = "tbar flag" if b.flagged else "tbar"
        words = _bound_words(b)
        text = ("⚠ " if b.flagged else "") + (f"{words}: " if words else "") + _short(b.label, 70)
        parts.append(f'<rect class="{cls}" x="{_num(x0)}" y="{y + 3}" width="{_num(w)}" height="{row - 8}">'
                     f"<title>{escape(b.label)}{escape(b.note)}{' · ' + words if words else ''}</title></rect>")
        marks = _bound_marks(words, x0, x0 + w, y + 3, row - 8, left, right)
        parts += marks
        lead = _ARROW if words in ("open end", "ongoing") else 0
        trail = _ARROW if words == "open start" else 0
        room_right = right - (x0 + w + lead + 5)
        room_left = x0 - trail - 5 - left
        flag = " flag" if b.flagged else ""
        need = 6.2 * len(text)
        side = ("right" if need <= room_right else "left" if need <= room_left
                else "inside" if w - 10 >= min(need, 240) else "right" if room_right >= room_left else "left")
        if side == "right":
            text = _short(text, max(8, int(room_right / 6.2)))
            parts.append(f'<text class="tlabel{flag}" x="{_num(x0 + w + lead + 5)}" '
                         f'y="{y + 14}">{escape(text)}</text>')
        elif side == "left":
            text = _short(text, max(8, int(room_left / 6.2)))
            parts.append(f'<text class="tlabel{flag}" x="{_num(x0 - trail - 5)}" '
                         f'y="{y + 14}" text-anchor="end">{escape(text)}</text>')
        else:  # a bar across most of the chart: the words go inside it
            text = _short(text, max(8, int((w - 10) / 6.2)))
            parts.append(f'<text class="tlabel inbar{flag}" x="{_num(x0 + 5)}" y="{y + 14}">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _bound_marks(words: str | None, x0: float, x1: float, y: float, h: float, left: float,
                 right: float) -> list[str]:
    """End caps on the sides the text gives; an arrow past an open side (a dashed shaft and a head)."""
    mid = y + h / 2
    caps = {"range": (x0, x1), "by": (x1,), "after": (x0,)}.get(words or "", ())
    if caps:
        return [f'<line class="tcap" x1="{_num(x)}" y1="{_num(y - 2)}" x2="{_num(x)}" y2="{_num(y + h + 2)}"/>'
                for x in caps]
    if words == "open start":
        tip = max(left, x0 - _ARROW)
        return [f'<line class="tarrow" x1="{_num(x0)}" y1="{_num(mid)}" x2="{_num(tip + 5)}" y2="{_num(mid)}"/>',
                f'<path class="tarrowhead" d="M{_num(tip)} {_num(mid)} L{_num(tip + 6)} {_num(mid - 4)} '
                f'L{_num(tip + 6)} {_num(mid + 4)} Z"/>']
    if words in ("open end", "ongoing"):
        tip = min(right, x1 + _ARROW)
        return [f'<line class="tarrow" x1="{_num(x1)}" y1="{_num(mid)}" x2="{_num(tip - 5)}" y2="{_num(mid)}"/>',
                f'<path class="tarrowhead" d="M{_num(tip)} {_num(mid)} L{_num(tip - 6)} {_num(mid - 4)} '
                f'L{_num(tip - 6)} {_num(mid + 4)} Z"/>']
    return []


def ledger_timeline(ledger: Ledger) -> tuple[Markup, list[Bar], list[str]]:
    """The ledger's timeline as SVG, the bars drawn, and the entries that could not be placed."""
    flagged_ids = {e for c in ledger.checks if c.status == "contradiction" for e in c.evidence}
    bars: list[Bar] = []
    skipped: list[str] = []
    for t in ledger.timeline:
        start, end = period(t.earliest), period(t.latest, end=True)
        if start is None or end is None or end < start:
            skipped.append(f"{t.label} ({t.earliest} – {t.latest})")
            continue
        flagged = bool(flagged_ids.intersection(t.claims) | flagged_ids.intersection(t.times))
        note = f" ({t.earliest} – {t.latest})" + (" · contradiction" if flagged else "")
        bars.append(Bar(start, end, t.label, flagged, note, getattr(t, "bound", None)))
    bars.sort(key=lambda b: (b.start, b.end))
    return timeline_chart(bars, published_interval(ledger)), bars, skipped


def published_interval(ledger: Ledger) -> tuple[date, date, str] | None:
    p = ledger.published
    if p.how == "unknown":
        return None
    if p.value and p.how != "inferred":
        lo, hi = period(p.value), period(p.value, end=True)
        if lo and hi:
            return lo, hi, f"published {p.value} ({p.how})"
    lo, hi = period(p.earliest), period(p.latest, end=True)
    if lo and hi and hi >= lo:
        return lo, hi, f"published between {p.earliest} and {p.latest} ({p.how})"
    return None


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _token(value: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in value.lower())[:40] or "none"


def counts(values: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out
