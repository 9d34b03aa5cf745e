"""One place that turns kg's errors into a message and an exit code.

A KgError (bad input, locked or missing store, unknown name) prints one line on stderr and
exits with 1, without a traceback; 2 stays Typer's for usage errors. Anything else is a bug
and keeps its traceback.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Decorate a command so a KgError becomes ``kg: <message>`` and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as e:
            from rich.console import Console

            Console(stderr=True, highlight=False, soft_wrap=True).print(f"kg: {e}", markup=False, style="red")
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]
