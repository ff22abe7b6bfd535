"""The `tactful grade` and `tactful grade-train` commands, registered on the main CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from tactful import cli as base
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
) -> None:
    """Grade assistant responses: refusal none/partial/full, over-refusal, refusal quality."""
    from tactful.grade.grader import Grader
    from tactful.grade.refusal import RefusalDetector

    engine = base._engine(policy)
    try:
        grader = Grader(engine, RefusalDetector())
    except ModelError as exc:
        raise base._fail(str(exc)) from None
    items: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    try:
        with base._open_in(input) as src, base._open_out(output) as dst:
            for item, record in _grade_lines(grader, src):
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
                if report or html:
                    items.append(item)
                    records.append(record)
    except OSError as exc:
        raise base._fail(f"{exc.filename or input}: {exc.strerror or exc}") from None
    if report or html:
        from tactful.grade.report import render_html, summarise

        summary = summarise(items, records)
        if report:
            report.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        if html:
            html.write_text(render_html(summary), encoding="utf-8")


def _grade_lines(grader: Any, lines: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield {}, {"id": None, "error": f"line {number}: not valid UTF-8 ({exc.reason})"}
            continue
        record = grader.grade_one(text, number)
        if "error" in record:
            # As in `tactful screen`: an id that could not be read is null, not the line number.
            id_ = None if record["id"] == number else record["id"]
            record = {"id": id_, "error": f"line {number}: {record['error']}"}
        try:
            item = json.loads(text)
        except json.JSONDecodeError:
            item = {}
        yield (item if isinstance(item, dict) else {}), record


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
        raise base._fail(f"{data}: not a folder of datasets")
    try:
        from tactful.grade import measure as measuring
        from tactful.grade.train import fit
    except ImportError as exc:
        raise base._fail(
            f"training needs the train extra: pip install 'tactful[train]' ({exc})"
        ) from None
    from tactful.detect.embedder import load_embedder
    from tactful.grade.data import load_examples
    from tactful.grade.refusal import MODEL_FILE, bundled_grade_dir

    try:
        examples = load_examples(data, written)
        if measure is not None:
            figures = measuring.measure(examples, written, load_embedder())
            measure.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            typer.echo(json.dumps(figures["summary"], indent=2))
            return
        model = fit(examples, load_embedder())
        target = out or bundled_grade_dir() / MODEL_FILE
        model.save(target)
    except (InputError, PolicyError, TactfulError) as exc:
        raise base._fail(str(exc)) from None
    typer.echo(json.dumps({"saved": str(target), **model.meta}, indent=2))


def register(app: typer.Typer) -> None:
    app.command("grade")(grade)
    app.command("grade-train")(grade_train)
