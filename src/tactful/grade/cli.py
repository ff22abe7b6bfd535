"""The `tactful grade` and `tactful grade-train` commands, registered on the main CLI."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from tactful import cli_support as base
from tactful.errors import InputError, ModelError, PolicyError, TactfulError


def grade(
    input: Annotated[
        str, typer.Argument(help="JSONL with id, prompt or messages, and response; - for stdin.")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output JSONL; - for stdout.")
    ] = "-",
    report: Annotated[Path | None, typer.Option(help="Write the run report (JSON) here.")] = None,
    html: Annotated[
        Path | None, typer.Option(help="Write the run report as HTML with plots.")
    ] = None,
    policy: base.PolicyOption = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local, or ray (needs the ray extra).")
    ] = "local",
    ray_address: Annotated[
        str | None, typer.Option(help="An existing Ray cluster (default: a local Ray).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Ray workers (default: one per CPU).")
    ] = None,
) -> None:
    """Grade assistant responses: refusal none/partial/full, over-refusal, refusal quality."""
    from tactful.errors import BatchError
    from tactful.grade.grader import Grader
    from tactful.grade.refusal import RefusalDetector

    if engine not in ("local", "ray"):
        raise base.fail(f"--engine must be local or ray, not {engine!r}")
    if engine == "local" and (ray_address is not None or workers is not None):
        raise base.fail("--ray-address and --workers apply to --engine ray")
    items: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    try:
        with base.open_in(input) as src, base.open_out(output) as dst:
            pairs: Iterator[tuple[dict[str, Any], dict[str, Any]]]
            if engine == "ray":
                pairs = _grade_on_ray(input, policy, ray_address, workers)
            else:
                try:
                    grader = Grader(base.engine_for(policy), RefusalDetector())
                except ModelError as exc:
                    raise base.fail(str(exc)) from None
                pairs = _grade_lines(grader, src)
            for item, record in pairs:
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
                if report or html:
                    items.append(item)
                    records.append(record)
    except OSError as exc:
        raise base.fail(f"{exc.filename or input}: {exc.strerror or exc}") from None
    except (BatchError, PolicyError) as exc:
        raise base.fail(str(exc)) from None
    if report or html:
        from tactful.grade.report import render_html, summarise

        summary = summarise(items, records)
        if report:
            report.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        if html:
            html.write_text(render_html(summary), encoding="utf-8")


def _grade_lines(grader: Any, lines: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    from tactful.batch.io import Line
    from tactful.grade.batch import grade_line

    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            yield _item(raw), grade_line(grader, Line(number, f"line {number}", raw))


def _item(raw: bytes) -> dict[str, Any]:
    """The input item as the run report reads it (empty when the line is not a JSON object)."""
    try:
        item = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return item if isinstance(item, dict) else {}


def _grade_on_ray(
    input: str, policy: Path | None, address: str | None, workers: int | None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The same records as the local path, computed by Ray workers (one grader each)."""
    from tactful.batch.io import read_lines
    from tactful.batch.ray_runner import run_on_ray
    from tactful.grade.batch import Grading
    from tactful.policy import load_policy

    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")
    lines = list(read_lines(input))
    grading = Grading(load_policy(policy) if policy else None)
    texts = run_on_ray(lines, grading, address=address, workers=workers)
    for line, text in zip(lines, texts, strict=True):
        yield _item(line.raw), json.loads(text)


def grade_train(
    data: Annotated[Path, typer.Option(help="Folder of the shared datasets.")] = Path(
        "../shared/data"
    ),
    written: Annotated[Path, typer.Option(help="Folder of the project's own sets.")] = Path(
        "data/written/grading"
    ),
    out: Annotated[
        Path | None, typer.Option(help="Model file (default: the bundled refusal.npz).")
    ] = None,
    measure: Annotated[
        Path | None,
        typer.Option(help="Instead of training, write cross-source and quality figures here."),
    ] = None,
) -> None:
    """Train the refusal detector (needs the train extra); seeded and reproducible."""
    if not data.is_dir():
        raise base.fail(f"{data}: not a folder of datasets")
    try:
        from tactful.grade import measure as measuring
        from tactful.grade.train import fit
    except ImportError as exc:
        raise base.fail(
            f"training needs the train extra: pip install 'tactful[train]' ({exc})"
        ) from None
    from tactful.detect.embedder import load_embedder
    from tactful.grade.data import load_examples, quality_only_examples
    from tactful.grade.refusal import MODEL_FILE, bundled_grade_dir

    try:
        examples = load_examples(data, written)
        if measure is not None:
            figures = measuring.measure(
                examples, written, load_embedder(), quality_only_examples(data, written)
            )
            measure.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            typer.echo(json.dumps(figures["summary"], indent=2))
            return
        model = fit(examples, load_embedder())
        target = out or bundled_grade_dir() / MODEL_FILE
        model.save(target)
    except (InputError, PolicyError, TactfulError) as exc:
        raise base.fail(str(exc)) from None
    typer.echo(json.dumps({"saved": str(target), **model.meta}, indent=2))


def register(app: typer.Typer) -> None:
    app.command("grade")(grade)
    app.command("grade-train")(grade_train)
