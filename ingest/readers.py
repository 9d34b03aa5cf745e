"""Article readers: ``.txt`` files (first line the title), JSON Lines (the input shape of
shared/eval/FORMAT.md) and folders of them, streamed one article at a time.

A line that cannot be read raises :class:`~kg.errors.InputError` naming ``file:line``; the
reader hands it to ``on_error`` and goes on (the pipeline counts it as skipped), or, with
``strict``, lets it stop the run. Memory does not grow with the input: JSON Lines are read line
by line, and files are opened one at a time.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Article

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: each file given, and the .txt/.jsonl files under each folder
    (sorted, so runs are reproducible). InputError for a path that does not exist or a file
    of another kind."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES))
        elif path.is_file():
            if path.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES:
                raise InputError(str(path), None, "not a .txt or .jsonl file")
            out.append(path)
        else:
            raise InputError(str(path), None, "no such file or folder")
    return out


class ArticleReader:
    """Iterate over the articles in ``paths``; ``bytes_read``/``total_bytes`` measure progress."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], *, strict: bool = False,
                 on_error: Callable[[InputError], None] | None = None) -> None:
        self.files = input_files(paths)
        self.strict, self.on_error = strict, on_error
        self.total_bytes = sum(f.stat().st_size for f in self.files)
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Article]:
        done = 0
        for path in self.files:
            size = path.stat().st_size
            if path.suffix.lower() in TEXT_SUFFIXES:
                self.bytes_read = done + size   # a .txt is one article: done once it is read
                try:
                    yield from read_txt(path)
                except InputError as e:
                    self._fail(e)
            else:
                yield from self._read_jsonl(path)
            done += size
            self.bytes_read = done

    def _fail(self, error: InputError) -> None:
        if self.strict or self.on_error is None:
            raise error
        self.on_error(error)

    def _read_jsonl(self, path: Path) -> Iterator[Article]:
        done = self.bytes_read
        with path.open("rb") as f:
            for number, raw in enumerate(f, start=1):
                done += len(raw)
                self.bytes_read = done
                if not raw.strip():
                    continue
                try:
                    yield parse_line(raw, str(path), number)
                except InputError as e:
                    self._fail(e)


def read_txt(path: Path) -> Iterator[Article]:
    """One article: the id is the file name without its suffix, the title its first line, and
    the text the whole file (titles are often repeated in the body, as in FORMAT.md)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(str(path), None, f"not UTF-8 text ({e.reason} at byte {e.start})") from e
    if not text.strip():
        raise InputError(str(path), None, "empty file")
    title = text.lstrip().split("\n", 1)[0].strip()
    yield Article(id=path.stem, text=text, title=title or None, origin=str(path))


def parse_line(raw: bytes, path: str, number: int) -> Article:
    """One JSON Lines article; InputError(path, number, reason) when it is not one."""
    try:
        data: Any = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as e:
        raise InputError(path, number, f"not UTF-8 ({e.reason} at byte {e.start})") from e
    except json.JSONDecodeError as e:
        raise InputError(path, number, f"not valid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(data, dict):
        raise InputError(path, number, "expected a JSON object with id and text")
    for name in ("id", "text"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise InputError(path, number, f"missing or empty {name!r}")
    for name in ("title", "date", "url", "source"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise InputError(path, number, f"{name!r} must be a string or null")
    date = data.get("date") or None
    if date is not None and not _ISO_DATE.match(date):
        raise InputError(path, number, f"date {date!r} is not yyyy-mm-dd")
    return Article(id=data["id"], text=data["text"], title=data.get("title") or None, date=date,
                   url=data.get("url") or None, source=data.get("source") or None, origin=f"{path}:{number}")
