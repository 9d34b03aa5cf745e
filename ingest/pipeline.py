"""The batch driver: articles → extract → RDF → store writer (or → the FORMAT.md contract).

Progress is reported through a callback, so the caller (the CLI's rich bar, a notebook, a
test) decides how to show it. Nothing is dropped silently: unreadable lines and articles the
extractor fails on are counted in the summary with their reason (``strict`` stops instead).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO

from ingest.readers import ArticleReader
from kg.errors import InputError, KgError
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

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())


class ExtractionFailed(KgError):
    """The extractor raised on an article (a bug in a rule; reported, not hidden)."""

    def __init__(self, article: Article, error: Exception) -> None:
        self.article = article
        super().__init__(f"{article.origin or article.id}: extraction failed: {type(error).__name__}: {error}")


def _default_extractor() -> Extractor:
    from ingest.extract import extract_article

    return extract_article


def _extract(extractor: Extractor, article: Article, strict: bool, summary: Summary) -> Extraction | None:
    try:
        return extractor(article)
    except Exception as e:   # noqa: BLE001 - any rule bug: counted with its reason, or raised with --strict
        failure = ExtractionFailed(article, e)
        if strict:
            raise failure from e
        summary.skipped.append((article.origin or article.id, str(failure).split(": ", 1)[1]))
        return None


def ingest(paths: Iterable[str | os.PathLike[str]], writer: Writer, *, strict: bool = False,
           extractor: Extractor | None = None, progress: Callable[[Progress], None] | None = None) -> Summary:
    """Read, extract, build and write every article under ``paths``.

    Args:
        paths: .txt / .jsonl files and folders of them.
        writer: an open store writer (re-ingesting unchanged articles writes nothing).
        strict: stop at the first unreadable line or failed article instead of skipping it.
        extractor: article → Extraction; defaults to ``ingest.extract.extract_article``.
        progress: called after each article.
    """
    from ingest.rdf.build import build

    summary = Summary()
    reader = ArticleReader(paths, strict=strict, on_error=lambda e: _skip(summary, e))
    extract = extractor or _default_extractor()
    for article in reader:
        extraction = _extract(extract, article, strict, summary)
        if extraction is not None:
            graph = build(extraction)
            change = writer.add_article(graph)
            summary.articles += 1
            summary.changes[change.value] += 1
            if change is not Change.unchanged:
                summary.facts.update(graph.counts)
            summary.warnings.extend((article.id, w) for w in graph.warnings)
        if progress:
            progress(Progress(summary.articles + len(summary.skipped), reader.bytes_read, reader.total_bytes))
    writer.flush()
    return summary


def extract_contracts(paths: Iterable[str | os.PathLike[str]], out: IO[str], *, strict: bool = False,
                      extractor: Extractor | None = None,
                      progress: Callable[[Progress], None] | None = None) -> Summary:
    """Write the FORMAT.md contract (one JSON object a line) for every article under ``paths``."""
    from ingest.extract.contract import to_contract

    summary = Summary()
    reader = ArticleReader(paths, strict=strict, on_error=lambda e: _skip(summary, e))
    extract = extractor or _default_extractor()
    for article in reader:
        extraction = _extract(extract, article, strict, summary)
        if extraction is not None:
            out.write(json.dumps(to_contract(extraction), ensure_ascii=False) + "\n")
            summary.articles += 1
        if progress:
            progress(Progress(summary.articles + len(summary.skipped), reader.bytes_read, reader.total_bytes))
    return summary


def _skip(summary: Summary, error: InputError) -> None:
    where = f"{error.path}:{error.line}" if error.line is not None else error.path
    summary.skipped.append((where, error.reason))
