"""What the command modules share: the error console, exit codes, options and file helpers.

Kept apart from `tactful.cli` so that command groups living elsewhere (`tactful.grade.cli`) can
use them without importing the module that registers them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from tactful.errors import ModelError, PolicyError

err = Console(stderr=True)
EXIT_USAGE = 2

PolicyOption = Annotated[
    Path | None, typer.Option("--policy", "-p", help="Policy YAML (default: the bundled policy).")
]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    # Escaped: messages quote install commands such as 'tactful[serve]', which rich would eat.
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def engine_for(policy: Path | None) -> Any:
    from tactful.engine import Engine

    try:
        return Engine.from_policy(policy) if policy else Engine.default()
    except (PolicyError, ModelError) as exc:
        raise fail(str(exc)) from None


@contextmanager
def open_in(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
    else:
        with open(path, "rb") as fh:
            yield fh


@contextmanager
def open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(path, "w", encoding="utf-8") as fh:
            yield fh
