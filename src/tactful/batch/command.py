"""`tactful screen` beyond one JSONL stream: folders, Parquet, and the Ray engine.

The plain JSONL path stays in cli.py; this one takes over when the input or output is Parquet or
a folder, or when the Ray engine is asked for. Both apply the same per-item function
(`screen_line`), so they write the same records line for line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from tactful.batch.io import input_files, open_sink, read_lines
from tactful.batch.screening import Screener
from tactful.errors import BatchError


class EngineKind(StrEnum):
    """Where `tactful screen` runs the engine."""

    LOCAL = "local"
    RAY = "ray"


def screen_batch(
    input: str,
    output: str,
    *,
    policy: Path | None = None,
    engine: EngineKind = EngineKind.LOCAL,
    address: str | None = None,
    workers: int | None = None,
) -> int:
    """Screen `input` into `output` (see `tactful.batch.io` for the formats); the line count."""
    if engine is EngineKind.LOCAL and (address is not None or workers is not None):
        raise BatchError("--ray-address and --workers apply to --engine ray")
    from tactful.policy import load_policy

    screener = Screener(load_policy(policy) if policy else None)
    if input != "-":
        input_files(input)  # a missing input fails before the output is created
    lines = read_lines(input)
    written = 0
    with open_sink(output) as sink:
        texts: Iterator[str]
        if engine is EngineKind.RAY:
            from tactful.batch.ray_runner import run_on_ray

            # Ray Data logs each execution at INFO; a CLI user wants the results, not the plan.
            os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")
            texts = run_on_ray(lines, screener, address=address, workers=workers)
        else:
            fn = screener()
            texts = (json.dumps(fn(line), ensure_ascii=False) for line in lines)
        try:
            for text in texts:
                sink.write(text)
                written += 1
        except OSError as exc:  # the disk filled up, or the output went away
            raise BatchError(f"{exc.filename or output}: {exc.strerror or exc}") from None
    return written
