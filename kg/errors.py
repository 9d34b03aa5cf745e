"""kg's exceptions: one root, subclasses that carry their fields.

The CLI turns any :class:`KgError` into a one-line message and exit code 1 (kg/cli/_errors.py);
anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class KgError(Exception):
    """Root of every error a user can cause and fix."""


class InputError(KgError):
    """An input file or line cannot be read: ``articles.jsonl:17: not valid JSON (…)``."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(KgError):
    """The store cannot be opened, is locked by another process, or failed a write."""


class QueryError(KgError):
    """A named query is unknown, was given wrong parameters, or failed."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"query {name}: {reason}")


class UnknownEntity(KgError):
    """Nothing in the graph matches what was asked for."""

    def __init__(self, kind: str, query: str, suggestions: tuple[str, ...] = ()) -> None:
        self.kind, self.query, self.suggestions = kind, query, suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no {kind} matches {query!r}{hint}")
