"""Article readers: ``.txt`` files (first line the title), saved ``.html`` pages, JSON Lines (the
input shape of shared/eval/FORMAT.md) and folders of them, streamed one article at a time.

A file or line that cannot be read raises :class:`~kg.errors.InputError` naming ``file:line``;
the reader hands it to ``on_error`` and goes on (the pipeline counts it as skipped), or, with
``strict``, lets it stop the run. What is read but not as given — another encoding, HTML
stripped to its text, broken surrogates replaced — goes to ``on_note`` (the summary lists it).
Memory does not grow with the input: JSON Lines are read line by line, files one at a time,
and nothing longer than ``kg.settings.max_article_bytes()`` is read into memory.

What is refused, and why (docs/robustness.md has the whole table): empty and binary files;
lines that are not JSON objects with a non-empty string ``id`` and ``text``; ``title``,
``date``, ``url`` or ``source`` that are not strings; dates that are not ``yyyy-mm-dd``, not
in the calendar (``2021-02-31``) or later than tomorrow (no article is published in the future;
such a date is a typo that would date every fact of the article wrongly).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ingest.decode import NotText, decode, html_to_text, looks_like_html, replace_surrogates, sniff
from kg.errors import InputError
from kg.model import Article
from kg.settings import max_article_bytes

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHUNK = 1 << 16

Note = Callable[[str, str], None]       # (where, what was done to read it)


def input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: each file given, and the .txt/.html/.jsonl files under each folder
    (sorted, so runs are reproducible). InputError for a path that does not exist or a file
    of another kind."""
    known = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in known))
        elif path.is_file():
            if path.suffix.lower() not in known:
                raise InputError(str(path), None, "not a .txt, .html or .jsonl file")
            out.append(path)
        else:
            raise InputError(str(path), None, "no such file or folder")
    return out


class ArticleReader:
    """Iterate over the articles in ``paths``; ``bytes_read``/``total_bytes`` measure progress."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], *, strict: bool = False,
                 on_error: Callable[[InputError], None] | None = None, on_note: Note | None = None) -> None:
        self.files = input_files(paths)
        self.strict, self.on_error, self.on_note = strict, on_error, on_note
        self.max_bytes = max_article_bytes()
        self.total_bytes = sum(f.stat().st_size for f in self.files)
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Article]:
        done = 0
        for path in self.files:
            size = path.stat().st_size
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from self._read_jsonl(path)
            else:
                self.bytes_read = done + size   # a .txt is one article: done once it is read
                try:
                    yield from read_txt(path, max_bytes=self.max_bytes, on_note=self._note)
                except InputError as e:
                    self._fail(e)
            done += size
            self.bytes_read = done

    def _fail(self, error: InputError) -> None:
        if self.strict or self.on_error is None:
            raise error
        self.on_error(error)

    def _note(self, where: str, what: str) -> None:
        if self.on_note is not None:
            self.on_note(where, what)

    def _read_jsonl(self, path: Path) -> Iterator[Article]:
        name, start = str(path), self.bytes_read
        with path.open("rb") as f:
            head = f.read(4096)
            if not head.strip():
                self._fail(InputError(name, None, "empty file"))
                return
            codec, bom, note = sniff(head)
            if note:
                self._note(name, note)
            if codec == "utf-8" and b"\x00" in head:
                self._fail(InputError(name, None, "binary data (NUL bytes), not JSON Lines"))
                return
            f.seek(bom)
            lines = _byte_lines(f, self.max_bytes) if codec == "utf-8" else _text_lines(f, codec, self.max_bytes)
            try:
                for number, raw, size in lines:
                    self.bytes_read = start + size
                    try:
                        if raw is None:
                            raise InputError(name, number, f"a line of more than {self.max_bytes:,} bytes: too long "
                                             "for an article (set KG_MAX_ARTICLE_BYTES to allow more)")
                        if not raw.strip():
                            continue
                        notes: list[str] = []
                        article = parse_line(raw, name, number, notes=notes)
                        for n in notes:
                            self._note(f"{name}:{number}", n)
                        yield article
                    except InputError as e:
                        if number == 1 and raw is not None and raw.lstrip()[:1] in (b"[", "["):
                            self._fail(InputError(name, 1, "a JSON array, not JSON Lines (one object a line): "
                                                  "convert it with jq -c '.[]'"))
                            return
                        self._fail(e)
            except UnicodeDecodeError as e:
                self._fail(InputError(name, None, f"not {codec.upper()} after byte {self.bytes_read - start:,} "
                                      f"({e.reason}); the rest of the file is not read"))


def _byte_lines(f: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than ``limit``, bytes read so far); a long line
    is skipped in chunks, never held in memory."""
    done = f.tell()
    for number in range(1, 1 << 62):
        raw = f.readline(limit + 1)
        if not raw:
            return
        done += len(raw)
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := f.readline(_CHUNK)) and not rest.endswith(b"\n"):
                done += len(rest)
            done += len(rest)
            yield number, None, done
        else:
            yield number, raw, done


def _text_lines(f: IO[bytes], codec: str, limit: int) -> Iterator[tuple[int, str | None, int]]:
    """The same for a UTF-16/32 file, decoded as it is read; the limit counts characters, and
    a line's size is estimated from its length (progress only)."""
    text = io.TextIOWrapper(f, encoding=codec, newline="")
    done, width = f.tell(), 4 if "32" in codec else 2
    for number in range(1, 1 << 62):
        line = text.readline(limit + 1)
        if not line:
            return
        done += len(line) * width
        if len(line) > limit and not line.endswith("\n"):
            while (rest := text.readline(_CHUNK)) and not rest.endswith("\n"):
                done += len(rest) * width
            done += len(rest) * width
            yield number, None, done
        else:
            yield number, line, done


def read_txt(path: Path, *, max_bytes: int | None = None, on_note: Note | None = None) -> Iterator[Article]:
    """One article: the id is the file name without its suffix, the title its first line, and
    the text the whole file (titles are often repeated in the body, as in FORMAT.md). An HTML
    page (by suffix or content) is read as its visible text, titled by its first heading."""
    limit = max_article_bytes() if max_bytes is None else max_bytes
    # A saved page carries scripts and styles: ten times the limit before they are dropped.
    raw_limit = limit * 10 if path.suffix.lower() in HTML_SUFFIXES else limit
    size = path.stat().st_size
    if size > raw_limit:
        raise InputError(str(path), None, f"{size:,} bytes: too long for an article (more than {raw_limit:,}; "
                         "set KG_MAX_ARTICLE_BYTES to allow more)")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(str(path), None, "empty file")
    try:
        text, note = decode(data)
    except NotText as e:
        raise InputError(str(path), None, str(e)) from e
    if note and on_note:
        on_note(str(path), note)
    title: str | None = None
    html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    if html:
        title, text = html_to_text(text)
        if on_note:
            on_note(str(path), "an HTML page: read as its visible text")
    if not text.strip():
        raise InputError(str(path), None, "an HTML page with no text" if html else "empty file")
    if len(text.encode("utf-8")) > limit:
        raise InputError(str(path), None, f"its text is more than {limit:,} bytes: too long for an article "
                         "(set KG_MAX_ARTICLE_BYTES to allow more)")
    title = title or text.lstrip().split("\n", 1)[0].strip()
    yield Article(id=path.stem, text=text, title=title or None, origin=str(path))


def parse_line(raw: bytes | str, path: str, number: int, *, notes: list[str] | None = None) -> Article:
    """One JSON Lines article; InputError(path, number, reason) when it is not one. What was
    done to read it (another encoding, HTML stripped, surrogates replaced) is appended to
    ``notes``."""
    notes = [] if notes is None else notes
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as e:
            try:
                line, note = decode(raw, first=False)
            except NotText:
                raise InputError(path, number, f"not UTF-8 ({e.reason} at byte {e.start})") from e
            notes.append(note or "")
    else:
        line = raw
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as e:
        # json's own message may end in "at" ("Invalid control character at"): one "at" is enough.
        raise InputError(path, number, f"not valid JSON ({e.msg.removesuffix(' at')} at column {e.colno})") from e
    except RecursionError as e:
        raise InputError(path, number, "not valid JSON (nested too deeply)") from e
    if not isinstance(data, dict):
        raise InputError(path, number, "expected a JSON object with id and text")
    for name in ("id", "text"):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(path, number, f"{name!r} must be a string, not {_json_type(value)}")
        if not value or not value.strip():
            raise InputError(path, number, f"missing or empty {name!r}")
    for name in ("title", "date", "url", "source"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise InputError(path, number, f"{name!r} must be a string or null, not {_json_type(data[name])}")
    fields = {k: data.get(k) or None for k in ("id", "text", "title", "date", "url", "source")}
    broken = 0
    for k, v in fields.items():
        if v is not None:
            fields[k], n = replace_surrogates(v)
            broken += n
    if broken:
        notes.append(f"{broken} unpaired UTF-16 surrogate(s) (\\ud800-\\udfff) replaced by U+FFFD")
    fields["date"] = _check_date(fields["date"], path, number)
    if looks_like_html(fields["text"] or ""):
        title, fields["text"] = html_to_text(fields["text"] or "")
        if not fields["text"]:
            raise InputError(path, number, "'text' is an HTML page with no text")
        fields["title"] = fields["title"] or title
        notes.append("'text' is HTML: read as its visible text")
    return Article(id=fields["id"] or "", text=fields["text"] or "", title=fields["title"], date=fields["date"],
                   url=fields["url"], source=fields["source"], origin=f"{path}:{number}")


def _check_date(date: str | None, path: str, number: int) -> str | None:
    if date is None:
        return None
    if not _ISO_DATE.match(date):
        raise InputError(path, number, f"date {date!r} is not yyyy-mm-dd")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError as e:
        raise InputError(path, number, f"date {date!r} is not in the calendar ({e})") from e
    if day > dt.date.today() + dt.timedelta(days=1):   # a day's grace for time zones
        raise InputError(path, number, f"date {date!r} is in the future")
    return date


def _json_type(value: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)
