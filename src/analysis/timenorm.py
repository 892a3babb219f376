"""Calendar arithmetic behind TIMEX3 values: granularities, shifts, and the choice of the
occurrence of an underspecified date ("Friday", "Sept. 30", "October", "last summer") that a
sentence's tense points at.

Values follow ISO 8601 as TimeML uses it (guidelines 1.2.1, TIMEX3 ``value``): ``2024-02-02``,
``2024-W05``, ``2024-W05-WE``, ``2024-01``, ``2024-Q1``, ``2024-SU``, ``2024``, ``202`` (decade),
``20`` (century), ``2024-02-02TMO``, ``2024-02-02T15:00``.

Not handled: calendars other than the Gregorian one, southern-hemisphere seasons, time zone
arithmetic (a clock time keeps the local time it is written in).
"""

from __future__ import annotations

from datetime import date, timedelta

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

SEASONS = ("SP", "SU", "FA", "WI")
"""Seasons in calendar order; winter belongs to the year of its December."""


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def season_index(day: date) -> int:
    """A running index of seasons (year * 4 + position), so seasons can be compared."""
    if day.month == 12:
        return day.year * 4 + 3
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def season_value(index: int) -> str:
    return f"{index // 4}-{SEASONS[index % 4]}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift(dct: date, unit: str, n: int) -> str | None:
    """The unit containing ``dct`` moved by ``n`` units, at that unit's granularity:
    ``shift(2024-02-06, 'week', -1) == '2024-W05'``."""
    if unit == "day":
        return (dct + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(dct + timedelta(weeks=n))
    if unit == "weekend":
        return iso_week(dct + timedelta(weeks=n)) + "-WE"
    if unit == "month":
        return month_value(*add_months(dct.year, dct.month, n))
    if unit == "quarter":
        index = dct.year * 4 + quarter_of(dct) - 1 + n
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "half":
        index = dct.year * 2 + (dct.month > 6) + n
        return f"{index // 2}-H{index % 2 + 1}"
    if unit == "year":
        return str(dct.year + n)
    if unit == "decade":
        return str(dct.year // 10 + n)
    if unit == "century":
        return str(dct.year // 100 + n)
    if unit == "season":
        return season_value(season_index(dct) + n)
    return None


def pick(candidates: list[int], reference: int, tense: str | None, limit: int = 1 << 30) -> int:
    """Among indexes of candidate occurrences, the one the tense points at: the latest at or
    before the reference for past, the earliest at or after it for future, else the nearest
    (ties go to the past, the usual reading in news). The tense only wins within ``limit`` of
    the reference: "Feb. 10" in a past-tense sentence of a January article is more likely next
    month (a tagging slip, a scheduled event) than eleven months ago."""
    if tense == PAST:
        before = [c for c in candidates if c <= reference]
        if before and reference - max(before) <= limit:
            return max(before)
    elif tense == FUTURE:
        after = [c for c in candidates if c >= reference]
        if after and min(after) - reference <= limit:
            return min(after)
    return min(candidates, key=lambda c: (abs(c - reference), c > reference))


def resolve_weekday(dct: date, weekday: int, tense: str | None, offset: int = 0) -> date:
    """The day called ``weekday`` (1 = Monday) around ``dct``. ``offset`` -1 means "last
    Friday" (strictly before), +1 "next Friday" (strictly after), 0 the tense decides."""
    delta = (weekday - dct.isoweekday()) % 7
    after = dct + timedelta(days=delta or 7)
    before = dct - timedelta(days=(7 - delta) % 7 or 7)
    if offset < 0:
        return before
    if offset > 0:
        return after
    if delta == 0:
        return dct
    if tense == FUTURE:
        return after
    if tense == PRESENT:
        return after if (after - dct) < (dct - before) else before
    return before


def resolve_month_day(dct: date, month: int, day: int, tense: str | None) -> date | None:
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    ordinal = pick([d.toordinal() for d in options], dct.toordinal(), tense, limit=300)
    return date.fromordinal(ordinal)


def resolve_month(dct: date, month: int, tense: str | None) -> str:
    reference = dct.year * 12 + dct.month - 1
    candidates = [(dct.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    index = pick(candidates, reference, tense, limit=8)
    return month_value(index // 12, index % 12 + 1)


def resolve_quarter(dct: date, quarter: int, tense: str | None) -> str:
    reference = dct.year * 4 + quarter_of(dct) - 1
    candidates = [(dct.year + k) * 4 + quarter - 1 for k in (-1, 0, 1)]
    index = pick(candidates, reference, tense or PAST, limit=3)
    return f"{index // 4}-Q{index % 4 + 1}"


def resolve_season(dct: date, season: str, tense: str | None, offset: int = 0) -> str:
    """``offset`` -1: the last such season before the current one; +1 the next after it;
    0 with "this": the one of the current year; else the tense decides."""
    position = SEASONS.index(season)
    reference = season_index(dct)
    candidates = [(dct.year + k) * 4 + position for k in (-2, -1, 0, 1)]
    if offset < 0:
        return season_value(max(c for c in candidates if c < reference))
    if offset > 0:
        return season_value(min(c for c in candidates if c > reference))
    return season_value(pick(candidates, reference, tense, limit=2))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (1 = Monday) of a month; ``nth`` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday(rule: str, year: int) -> date:
    """A holiday's date in ``year`` from its rule in ``holidays.tsv``."""
    if rule.startswith("EASTER"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    if ">" in rule:  # the first given weekday on or after a day: "11-02>2" (US Election Day)
        day_part, weekday = rule.split(">")
        month, day = (int(part) for part in day_part.split("-"))
        first = date(year, month, day)
        return first + timedelta(days=(int(weekday) - first.isoweekday()) % 7)
    if ":" in rule:
        month, weekday, nth = (int(part) for part in rule.split(":"))
        return nth_weekday(year, month, weekday, nth)
    month, day = (int(part) for part in rule.split("-"))
    return date(year, month, day)


def duration(amount: float | None, unit: str) -> str:
    """An ISO 8601 duration: ``duration(3, 'Y') == 'P3Y'``, ``duration(24, 'TH') ==
    'PT24H'``; ``None`` amount gives the unspecified ``PXY``. Units: S/M/H with a ``T``
    prefix for clock units, D, W, M, Q, Y, and multiples such as ``10Y`` (decade). Halves go
    down to the next unit (``P18M``) where one exists."""
    clock = unit.startswith("T")
    unit = unit[1:] if clock else unit
    digits = len(unit) - len(unit.lstrip("0123456789"))
    factor, letter = (int(unit[:digits]) if digits else 1), unit[digits:]
    if letter == "WE":
        letter, factor = "D", 2 * factor
    if letter == "Q":
        letter, factor = "M", 3 * factor
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    value = amount * factor
    if value != int(value):
        smaller = {("", "Y"): (12, "M", ""), ("", "M"): (30, "D", ""), ("", "W"): (7, "D", ""),
                   ("", "D"): (24, "H", "T"), ("T", "H"): (60, "M", "T"),
                   ("T", "M"): (60, "S", "T")}.get(("T" if clock else "", letter))
        if smaller:
            value, letter, clock_part = value * smaller[0], smaller[1], smaller[2]
            prefix = "PT" if clock_part else "P"
    number = int(value) if value == int(value) else round(value, 2)
    return f"{prefix}{number}{letter}"
