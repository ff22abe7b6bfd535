"""`tactful serve` and `tactful audit ...`. Registered in cli.py; the heavy imports (FastAPI,
SQLAlchemy) happen only when one of these commands runs, so the CLI works without the extra."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from tactful.cli_support import fail

err = Console(stderr=True)
EXIT_BROKEN = 1
EXIT_USAGE = 2
_EXTRA = "needs the serve extra: pip install 'tactful[serve]'"

audit_app = typer.Typer(
    help="Verify and export the audit trail and appeal feedback.", no_args_is_help=True
)

UrlOption = Annotated[
    str | None,
    typer.Option(
        "--url", help="Audit database URL (default: $TACTFUL_AUDIT_URL or the serve default)."
    ),
]
OutOption = Annotated[str, typer.Option("--output", "-o", help="JSONL file; - for stdout.")]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    return fail(message, code)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    policy: Annotated[Path | None, typer.Option("--policy", "-p", help="Policy YAML.")] = None,
    audit_url: Annotated[str | None, typer.Option(help="Audit database URL.")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the HTTP service: decide/screen API, OpenAI-compatible proxy, audit, review console.

    Every setting is also read from TACTFUL_* environment variables (see the README).
    """
    try:
        import uvicorn

        from tactful.server.settings import Settings
    except ImportError as exc:
        raise _fail(f"tactful serve {_EXTRA} ({exc})") from None
    # Options become environment so every worker process builds the same settings.
    if policy is not None:
        os.environ["TACTFUL_POLICY"] = str(policy)
    if audit_url is not None:
        os.environ["TACTFUL_AUDIT_URL"] = audit_url
    try:
        Settings()
    except ValueError as exc:
        raise _fail(f"invalid settings: {exc}") from None
    uvicorn.run(
        "tactful.server.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
    )


@contextmanager
def _store(url: str | None) -> Iterator[Any]:
    """The audit store at `url`, closed (its connections returned) when the command ends."""
    try:
        from sqlalchemy.engine import make_url

        from tactful.audit import AuditConfig, AuditStore
        from tactful.server.settings import Settings
    except ImportError as exc:
        raise _fail(f"tactful audit {_EXTRA} ({exc})") from None
    settings = Settings() if url is None else Settings(audit_url=url)
    parsed = make_url(settings.audit_url)
    local = parsed.get_backend_name() == "sqlite" and parsed.database
    if local and not Path(str(parsed.database)).exists():
        raise _fail(f"no audit database at {parsed.database}")
    config = AuditConfig(mode=settings.audit_request, hash_key=settings.hash_key())
    try:
        store = AuditStore.open(settings.audit_url, config)
    except Exception as exc:  # a bad URL or unreachable server, said plainly
        raise _fail(f"cannot open the audit database: {exc}") from None
    try:
        yield store
    finally:
        store.dispose()


def _write_jsonl(rows: Any, output: str) -> int:
    count = 0
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if out is not sys.stdout:
            out.close()
    return count


@audit_app.command("verify")
def verify(url: UrlOption = None) -> None:
    """Check the hash chain: exit 0 if intact, else 1 naming each tampered record."""
    with _store(url) as store:
        verdict = store.verify()
    if verdict.ok:
        typer.echo(f"ok: {verdict.checked} records, chain intact")
        return
    for problem in verdict.breaks:
        err.print(f"[bold red]broken:[/] {escape(str(problem))}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_BROKEN)


@audit_app.command("export")
def export(url: UrlOption = None, output: OutOption = "-") -> None:
    """Write every audit record, in chain order, as JSONL."""
    from tactful.audit.store import decoded

    with _store(url) as store:
        count = _write_jsonl((decoded(r) for r in store.iter_records()), output)
    err.print(f"exported {count} records", highlight=False)


@audit_app.command("export-feedback")
def export_feedback(url: UrlOption = None, output: OutOption = "-") -> None:
    """Write overturned decisions as labelled JSONL examples for retraining."""
    from tactful.audit import Appeals

    with _store(url) as store:
        count = _write_jsonl(Appeals(store).feedback(), output)
    err.print(f"exported {count} labelled examples", highlight=False)
