"""The `tactful` command. Exit codes: 0 success, 2 usage or configuration error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tactful.batch import Line, screen_line
from tactful.batch.command import EngineKind, screen_batch
from tactful.batch.io import needs_batch_io
from tactful.cli_support import PolicyOption, err
from tactful.cli_support import engine_for as _engine
from tactful.cli_support import fail as _fail
from tactful.cli_support import open_in as _open_in
from tactful.cli_support import open_out as _open_out
from tactful.errors import InputError, PolicyError, TactfulError
from tactful.limits import OversizedLine, bounded_lines
from tactful.models import Capability, Decision, DeploymentContext
from tactful.service_commands import audit_app, serve

app = typer.Typer(
    name="tactful",
    help="Decide when and how an AI assistant should say no — and when it should not.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
policy_app = typer.Typer(help="Check and explain policy files.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")


# --------------------------------------------------------------------------- decide
@app.command()
def decide(
    text: Annotated[str | None, typer.Argument(help="The request to decide on.")] = None,
    messages: Annotated[
        Path | None,
        typer.Option("--messages", "-m", help="A JSON file: a list of {role, content} messages."),
    ] = None,
    policy: PolicyOption = None,
    profile: Annotated[str | None, typer.Option(help="Audience profile of the policy.")] = None,
    capability: Annotated[
        list[Capability] | None,
        typer.Option("--capability", "-c", help="A capability the deployment has (repeatable)."),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Decide on one request, or on a conversation with --messages."""
    if (text is None) == (messages is None):
        raise _fail("give either TEXT or --messages FILE, not both or neither")
    if format not in ("text", "json"):
        raise _fail(f"--format must be text or json, not {format!r}")
    request: Any = text
    if messages is not None:
        request = _read_messages(messages)
    engine = _engine(policy)
    context = DeploymentContext(capabilities=frozenset(capability or ()), profile=profile)
    try:
        decision = engine.decide(request, context=context)
    except (InputError, ValueError) as exc:
        raise _fail(str(exc)) from None
    if format == "json":
        typer.echo(decision.model_dump_json(indent=2))
    else:
        _print_decision(decision)


def _read_messages(path: Path) -> Any:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _fail(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: not valid JSON: {exc}") from None
    if isinstance(data, dict) and "messages" in data:
        data = data["messages"]
    if not isinstance(data, list):
        raise _fail(f"{path}: expected a list of {{role, content}} messages")
    return data


_STYLE = {
    "comply": "green",
    "comply_with_note": "green",
    "partial": "yellow",
    "clarify": "cyan",
    "redirect": "yellow",
    "refuse": "red",
}


def _print_decision(d: Decision) -> None:
    out = Console(highlight=False, soft_wrap=True)
    head = f"[bold {_STYLE[d.action.value]}]{d.action.value}[/]"
    if d.category:
        head += f"  {d.kind.value} / {d.category}"
    out.print(f"{head}  (flagged={str(d.flagged).lower()}, score={d.score:.2f})")
    if d.message:
        out.print(f"  {d.message}")
    f = d.factors
    out.print(
        f"  [dim]severity={f.severity.value} detail={f.operational_detail.value} "
        f"availability={f.availability.value} purpose={f.intent.purpose or '-'} "
        f"cues={','.join(f.intent.malicious_cues) or '-'}[/]"
    )
    for part in d.parts:
        out.print(f"  [dim]part: {part.action.value:<16} {part.text}[/]")


# --------------------------------------------------------------------------- screen
@app.command()
def screen(
    input: Annotated[
        str,
        typer.Argument(help="JSONL with id and prompt or messages, Parquet, a folder; - stdin."),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="JSONL; Parquet if *.parquet or a folder; - stdout."),
    ] = "-",
    policy: PolicyOption = None,
    engine_kind: Annotated[
        EngineKind, typer.Option("--engine", help="local (this process) or ray (Ray Data).")
    ] = EngineKind.LOCAL,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="An existing Ray cluster (--engine ray).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Ray workers (default: every CPU).")
    ] = None,
) -> None:
    """Screen a JSONL file: one contract line per input line, in order (DESIGN §8).

    Also reads Parquet and folders of .jsonl/.parquet files, and writes Parquet when the output
    ends in .parquet or is a folder; --engine ray runs it on Ray Data (needs the ray extra)."""
    if (
        engine_kind is not EngineKind.LOCAL
        or ray_address
        or workers
        or needs_batch_io(input, output)
    ):
        try:
            screen_batch(input, output, policy=policy, engine=engine_kind, address=ray_address,
                         workers=workers)  # fmt: skip
        except TactfulError as exc:
            raise _fail(str(exc)) from None
        return
    engine = _engine(policy)
    try:
        with _open_in(input) as src, _open_out(output) as dst:
            bounded = bounded_lines(src, engine.limits.max_line_bytes)
            lines = list(bounded) if _show_progress(output) else bounded
            total = len(lines) if isinstance(lines, list) else None
            for record in _progress(_screen_lines(engine, lines), total, output):
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise _fail(f"{exc.filename or input}: {exc.strerror or exc}") from None


def _screen_lines(engine: Any, lines: Any) -> Iterator[dict[str, Any]]:
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, OversizedLine):
            yield {"id": None, "error": f"line {number}: {raw}"}
            continue
        if raw.strip():
            yield screen_line(engine, Line(number, f"line {number}", raw))


def _show_progress(output: str) -> bool:
    return output != "-" and err.is_terminal


def _progress(records: Iterator[dict[str, Any]], total: int | None, output: str) -> Any:
    if not _show_progress(output):
        yield from records
        return
    from rich.progress import track

    yield from track(records, total=total, description="screening", console=err)


# --------------------------------------------------------------------------- policy
@policy_app.command("check")
def policy_check(file: Annotated[Path, typer.Argument(help="Policy YAML to validate.")]) -> None:
    """Validate a policy file, and its cautions' and variants' patterns against their examples:
    exit 0 when valid, 2 with every problem otherwise."""
    from tactful.policy import load_policy
    from tactful.policy.checks import caution_problems, variant_problems

    try:
        loaded = load_policy(file)
    except PolicyError as exc:
        raise _fail(str(exc)) from None
    problems = caution_problems(loaded) + variant_problems(loaded)
    if problems:
        raise _fail(f"{file}: " + "; ".join(problems))
    typer.echo(
        f"{file}: ok — {loaded.name} {loaded.version}, {len(loaded.categories)} categories, "
        f"{len(loaded.cautions)} cautions, {len(loaded.profiles)} profiles"
    )


@policy_app.command("summary")
def policy_summary(
    file: Annotated[Path | None, typer.Argument(help="Policy YAML (default: bundled).")] = None,
    profile: Annotated[str | None, typer.Option(help="Audience profile to describe.")] = None,
) -> None:
    """Print the policy as a markdown page an end user can read."""
    from tactful.policy import default_policy, load_policy
    from tactful.policy.summary import summary_markdown

    try:
        loaded = load_policy(file) if file else default_policy()
        if profile is not None and profile not in loaded.profiles:
            raise _fail(f"unknown profile {profile!r}; defined: {sorted(loaded.profiles)}")
    except PolicyError as exc:
        raise _fail(str(exc)) from None
    typer.echo(summary_markdown(loaded, profile), nl=False)


# --------------------------------------------------------------------------- eval
@app.command("eval")
def eval_(
    data: Annotated[
        list[Path] | None, typer.Argument(help="Labelled JSONL: prompt or messages, label.")
    ] = None,
    scenarios: Annotated[
        list[Path] | None,
        typer.Option("--scenarios", help="Scenario YAML files or folders (conversations)."),
    ] = None,
    consistency: Annotated[
        Path | None, typer.Option(help="Paraphrase families YAML (consistency).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON report here.")
    ] = None,
    html: Annotated[Path | None, typer.Option(help="Write an HTML report with plots.")] = None,
    robustness: Annotated[
        Path | None,
        typer.Option(help="Folder of the shared datasets: run the robustness suite on it."),
    ] = None,
    sample: Annotated[
        int, typer.Option(min=1, help="Harmful and benign requests each in the robustness suite.")
    ] = 200,
    policy: PolicyOption = None,
) -> None:
    """Quality on labelled data (flagged P/R/F1, over-refusal, categories, calibration,
    latency), on conversation scenarios, on paraphrase consistency, and under obfuscation and
    jailbreak wrappers (--robustness)."""
    from tactful.evaluation import scenarios as sc
    from tactful.evaluation.metrics import evaluate, read_rows

    if not (data or scenarios or consistency or robustness):
        raise _fail("give labelled JSONL files, --scenarios, --consistency or --robustness")
    engine = _engine(policy)
    result: dict[str, Any] = {}
    try:
        if data:
            rows, skipped = [], 0
            for path in data:
                got, missed = read_rows(path)
                rows += got
                skipped += missed
            if not rows:
                raise _fail("no labelled rows (label harmful/benign and a prompt or messages)")
            report = evaluate(engine, rows, skipped)
            result["labelled"] = report.to_json()
            if html:
                from tactful.evaluation.report import render_html

                html.write_text(render_html(report), encoding="utf-8")
        if scenarios:
            result["scenarios"] = sc.run_scenarios(engine, sc.load_scenarios(scenarios))
        if consistency:
            result["consistency"] = sc.run_consistency(engine, sc.load_families(consistency))
        if robustness:
            from tactful.evaluation.robustness import run_robustness

            result["robustness"] = run_robustness(engine, robustness, n=sample)
    except OSError as exc:
        raise _fail(f"{exc.filename}: {exc.strerror}") from None
    except InputError as exc:
        raise _fail(str(exc)) from None
    text = json.dumps(result if len(result) > 1 else next(iter(result.values())), indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        typer.echo(text)


# --------------------------------------------------------------------------- train
@app.command()
def train(
    data: Annotated[Path, typer.Option(help="Folder of the shared datasets.")] = Path(
        "../shared/data"
    ),
    written: Annotated[Path, typer.Option(help="Folder of the project's own sets.")] = Path(
        "data/written"
    ),
    out: Annotated[Path | None, typer.Option(help="Model folder (default: bundled).")] = None,
    redistil: Annotated[bool, typer.Option(help="Distil the static model again.")] = False,
    cross_source: Annotated[
        Path | None,
        typer.Option(help="Instead of training, write cross-source evaluation figures here."),
    ] = None,
    policy: PolicyOption = None,
) -> None:
    """Train the classifier heads (needs the train extra); seeded and reproducible."""
    from tactful.detect.embedder import bundled_model_dir
    from tactful.policy import default_policy, load_policy

    if not data.is_dir():
        raise _fail(f"{data}: not a folder of datasets")
    try:
        from tactful.training.pipeline import train as run
    except ImportError as exc:
        raise _fail(
            f"training needs the train extra: pip install 'tactful[train]' ({exc})"
        ) from None
    try:
        loaded = load_policy(policy) if policy else default_policy()
        if cross_source is not None:
            from tactful.training.crossval import cross_source as crossval

            static = (out or bundled_model_dir()) / "static"
            from tactful.training.crossval import summary

            rows: list[dict[str, Any]] = []
            figures = crossval(loaded, data, written, static, rows_out=rows)
            report = {"summary": summary(figures), "folds": figures}
            cross_source.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            # Every held-out decision, beside the figures, for error analysis.
            with cross_source.with_suffix(".rows.jsonl").open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(r) + "\n" for r in rows)
            typer.echo(json.dumps(report, indent=2))
            return
        meta = run(loaded, data, written, out or bundled_model_dir(), redistil=redistil)
    except (PolicyError, TactfulError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(json.dumps(meta, indent=2))


# --------------------------------------------------------------------------- grade
from tactful.grade.cli import register as _register_grade  # noqa: E402  (uses the helpers above)

_register_grade(app)

# --------------------------------------------------------------------------- service
app.command()(serve)
app.add_typer(audit_app, name="audit")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
