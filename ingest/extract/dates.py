"""Dates as Vietnamese news writes them: 15/9, 15-9, 15 - 9, 15.9, 15/9/2023, "ngày 15 tháng 9 năm 2023".

A date without a year takes the publication year (an inferred value, with its reason); with no
publication date either, it is written as an XSD gMonthDay, ``--MM-DD``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# The day is a digit, then one more if the first is 0-3; "not after a digit, dot, comma or
# slash" is checked after the first digit rather than before it, so that re jumps from digit to
# digit instead of trying every offset of the text.
_NUMERIC = re.compile(
    r"(?P<d>\d(?<![\d.,/]\d)(?:(?<=[0-3])\d)?)(?P<sep>\s?[/.\-–]\s?)(?P<m>[01]?\d)"
    r"(?:\s?[/.\-–]\s?(?P<y>(?:19|20)\d\d))?(?![\d]|[.,/]\d)"
)
_WORDS = re.compile(
    r"ngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s+năm\s+(?P<y>(?:19|20)\d\d))?", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def iso(self, publication: str | None) -> tuple[str, str | None]:
        """ISO date (or --MM-DD) and the reason when the year was inferred."""
        if self.year:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}", None
        if publication and re.match(r"\d{4}-\d\d-\d\d", publication):
            return f"{publication[:4]}-{self.month:02d}-{self.day:02d}", "year taken from the publication date"
        return f"--{self.month:02d}-{self.day:02d}", "no year in the text and no publication date"


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29/2 stays valid without a year
    except ValueError:
        return False
    return True


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for pattern in (_WORDS, _NUMERIC):
        for m in pattern.finditer(text, start, end):
            day, month = int(m.group("d")), int(m.group("m"))
            year = int(m.group("y")) if m.group("y") else None
            if not _valid(day, month, year):
                continue
            if pattern is _NUMERIC and m.group("sep").strip() == "." and not year and not _dotted_date_context(text, m.start()):
                continue  # "2.833 ca", "1.5 triệu": a dot needs a date word before it
            if any(f.start <= m.start() < f.end for f in found):
                continue
            found.append(DateMention(m.start(), m.end(), day, month, year))
    return sorted(found, key=lambda f: f.start)


def _dotted_date_context(text: str, offset: int) -> bool:
    return bool(re.search(r"(?:ngày|sáng|chiều|tối|trưa|hôm nay|hôm qua|\()\s*$", text[max(0, offset - 12):offset], re.IGNORECASE))


def iso_date(text: str, publication: str | None = None) -> str | None:
    """The first date in ``text`` as ISO/--MM-DD, or None."""
    dates = find_dates(text)
    return dates[0].iso(publication)[0] if dates else None
