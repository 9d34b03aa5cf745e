"""One place that turns kg's errors into a message and an exit code.

A KgError (bad input, locked or missing store, unknown name) prints one line on stderr and
exits with 1, without a traceback; 2 stays Typer's for usage errors. Anything else is a bug
and keeps its traceback. While the Neo4j driver retries, each retry is one line on stderr.
"""
from __future__ import annotations

import functools
import logging
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Decorate a command so a KgError becomes ``kg: <message>`` and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _show_driver_retries()
        try:
            return command(*args, **kwargs)
        except KgError as e:
            from rich.console import Console

            Console(stderr=True, highlight=False, soft_wrap=True).print(f"kg: {e}", markup=False, style="red")
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]


class _DriverRetries(logging.Handler):
    """The Neo4j driver retries a transaction that failed for want of a server with growing
    pauses (1, 2, 4, … s, for up to 30 s) and logs each retry as a multi-line warning. Each
    becomes one line here; the final failure comes through the KgError map as usual."""

    _RETRY = re.compile(r"Transaction failed and will be retried in ([\d.]+)s \((.*)", re.S)

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        retry = self._RETRY.match(text)
        if retry:
            reason = retry.group(2).splitlines()[0].rstrip("):")
            line = f"kg: Neo4j did not answer ({reason}); retrying in {float(retry.group(1)):.1f} s"
        elif record.levelno >= logging.WARNING:
            line = f"kg: Neo4j driver: {text.splitlines()[0] if text else record.levelname}"
        else:
            return
        print(line, file=sys.stderr, flush=True)


def _show_driver_retries() -> None:
    # A handler on the "neo4j" logger also keeps logging's last-resort handler from printing
    # the driver's raw warnings; the driver itself is not imported here.
    driver_log = logging.getLogger("neo4j")
    if not any(isinstance(h, _DriverRetries) for h in driver_log.handlers):
        driver_log.addHandler(_DriverRetries(logging.WARNING))
