"""The batch driver: articles → extract → RDF → store writer (or → the FORMAT.md contract).

Progress is reported through a callback, so the caller (the CLI's rich bar, a notebook, a
test) decides how to show it. Nothing is dropped silently: unreadable lines and articles the
extractor fails on are counted in the summary with their reason (``strict`` stops instead).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from ingest.readers import ArticleReader
from kg.errors import InputError, KgError
from kg.graph import ArticleGraph, EncodedGraph
from kg.model import Article, Extraction
from kg.store.base import Change, Writer

Extractor = Callable[[Article], Extraction]


@dataclass(frozen=True)
class Progress:
    articles: int            # articles done so far
    bytes_read: int
    total_bytes: int


@dataclass
class Summary:
    articles: int = 0                                   # articles read and processed
    changes: Counter[str] = field(default_factory=Counter)      # added / replaced / unchanged
    facts: Counter[str] = field(default_factory=Counter)        # persons, holdings, events, …
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (where, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (article id, what was left out)
    notes: list[tuple[str, str]] = field(default_factory=list)     # (where, what was done to read it)

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())

    def skipped_by_reason(self) -> Counter[str]:
        """How many were skipped for each kind of reason (values and positions left out)."""
        return Counter(_reason_kind(reason) for _, reason in self.skipped)


class ExtractionFailed(KgError):
    """The extractor raised on an article (a bug in a rule; reported, not hidden)."""

    def __init__(self, article: Article, error: Exception) -> None:
        self.article = article
        super().__init__(f"{article.origin or article.id}: extraction failed: {type(error).__name__}: {error}")


class _Duplicates:
    """Articles seen in this run, by id. The same id again with other text *replaces* the
    earlier article, as re-ingesting a changed article does in a later run (so one run over
    a.jsonl and b.jsonl stores what two runs store), and a note names both places; the same id
    with the same text is read once."""

    def __init__(self, summary: Summary) -> None:
        self._seen: dict[str, tuple[str, str]] = {}
        self._summary = summary

    def first_time(self, article: Article) -> bool:
        where = article.origin or article.id
        text = hashlib.sha256(f"{article.title}\x00{article.date}\x00{article.text}".encode("utf-8", "replace")).hexdigest()
        earlier = self._seen.get(article.id)
        self._seen[article.id] = (where, text)
        if earlier is None:
            return True
        if earlier[1] == text:
            self._summary.notes.append((where, f"id {article.id!r} again, same text as {earlier[0]}: read once"))
            return False
        self._summary.notes.append((where, f"id {article.id!r} again, with other text than {earlier[0]}: "
                                           "this later one replaces it"))
        return True


def _default_extractor() -> Extractor:
    from ingest.extract import extract_article

    return extract_article


def _extract(extractor: Extractor, article: Article, strict: bool, summary: Summary) -> Extraction | None:
    try:
        return extractor(article)
    except Exception as e:   # noqa: BLE001 - any rule bug: counted with its reason, or raised with --strict
        _failed(article, e, strict, summary)
        return None


def _failed(article: Article, error: Exception, strict: bool, summary: Summary) -> None:
    failure = ExtractionFailed(article, error)
    if strict:
        raise failure from error
    summary.skipped.append((article.origin or article.id, str(failure).split(": ", 1)[1]))


def ingest(paths: Iterable[str | os.PathLike[str]], writer: Writer, *, strict: bool = False,
           extractor: Extractor | None = None, progress: Callable[[Progress], None] | None = None,
           workers: int = 1) -> Summary:
    """Read, extract, build and write every article under ``paths``.

    Args:
        paths: .txt / .jsonl files and folders of them.
        writer: an open store writer (re-ingesting unchanged articles writes nothing).
        strict: stop at the first unreadable line or failed article instead of skipping it.
        extractor: article → Extraction; defaults to ``ingest.extract.extract_article``.
        progress: called after each article.
        workers: processes that extract and build (ingest.workers); the writer stays in
            this one. 1 does everything here.
    """
    summary = Summary()
    reader = _reader(paths, strict, summary)
    seen = _Duplicates(summary)
    for article, graph in _graphs(reader, seen, extractor, strict, summary, workers, writer):
        if graph is not None:
            change = writer.add_article(graph)  # type: ignore[arg-type]
            summary.articles += 1
            summary.changes[change.value] += 1
            if change is not Change.unchanged:
                summary.facts.update(graph.counts)
            summary.warnings.extend((article.id, w) for w in graph.warnings)
        if progress:
            progress(Progress(summary.articles + len(summary.skipped), reader.bytes_read, reader.total_bytes))
    writer.flush()
    return summary


# --- kg ingest --workers: where each article's graph is built ------------------------------

def _graphs(reader: ArticleReader, seen: _Duplicates, extractor: Extractor | None, strict: bool, summary: Summary,
            workers: int, writer: Writer) -> Iterator[tuple[Article, ArticleGraph | EncodedGraph | None]]:
    """(article, its graph or None when skipped), in reading order: built as N-Quads
    (kg.graph.EncodedGraph) here with one worker, else by ``workers`` processes
    (ingest.workers), and as rdflib terms only for a writer that cannot take N-Quads."""
    from ingest.rdf.build import build, encoded

    as_is = getattr(writer, "accepts_encoded", False)
    if workers <= 1:
        extract = extractor or _default_extractor()
        make = encoded if as_is else build
        for article in reader:
            extraction = _extract(extract, article, strict, summary) if seen.first_time(article) else None
            yield article, (make(extraction) if extraction is not None else None)
        return
    from ingest.workers import ordered_map
    from kg.graph import decode

    for article, outcome in ordered_map(((a, seen.first_time(a)) for a in reader), workers, extractor):
        if isinstance(outcome, Exception):
            _failed(article, outcome, strict, summary)
            outcome = None
        yield article, (outcome if outcome is None or as_is else decode(outcome))


def extract_contracts(paths: Iterable[str | os.PathLike[str]], out: IO[str], *, strict: bool = False,
                      extractor: Extractor | None = None,
                      progress: Callable[[Progress], None] | None = None) -> Summary:
    """Write the FORMAT.md contract (one JSON object a line) for every article under ``paths``."""
    from ingest.extract.contract import to_contract

    summary = Summary()
    reader = _reader(paths, strict, summary)
    extract = extractor or _default_extractor()
    seen = _Duplicates(summary)
    for article in reader:
        extraction = _extract(extract, article, strict, summary) if seen.first_time(article) else None
        if extraction is not None:
            out.write(json.dumps(to_contract(extraction), ensure_ascii=False) + "\n")
            summary.articles += 1
        if progress:
            progress(Progress(summary.articles + len(summary.skipped), reader.bytes_read, reader.total_bytes))
    return summary


def _reader(paths: Iterable[str | os.PathLike[str]], strict: bool, summary: Summary) -> ArticleReader:
    return ArticleReader(paths, strict=strict, on_error=lambda e: _skip(summary, e),
                         on_note=lambda where, what: summary.notes.append((where, what)))


def _reason_kind(reason: str) -> str:
    # "date '15/9' is not yyyy-mm-dd" and "date '2/3' is not yyyy-mm-dd" are one kind.
    kind = re.sub(r"\s*\(.*$", "", reason.split(";")[0])
    kind = re.sub(r"(?<=date )'[^']*'|(?<=id )'[^']*'|(?<![\w-])\d[\d,.]*", "…", kind)
    return ": ".join(kind.split(": ")[:2]) if kind.startswith("extraction failed") else kind


def _skip(summary: Summary, error: InputError) -> None:
    where = f"{error.path}:{error.line}" if error.line is not None else error.path
    summary.skipped.append((where, error.reason))
