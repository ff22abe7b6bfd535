"""The per-item function of `tactful screen`, shared by the local path and the Ray workers so the
two cannot drift apart: one `Line` in, one contract record (DESIGN §8) or error record out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tactful.batch.io import Line

if TYPE_CHECKING:
    from tactful.engine import Engine
    from tactful.policy import Policy


#: A leading `"id": <string or number>` of a line that is not valid JSON as a whole.
_ID = re.compile(rb'^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,18}(?:\.\d+)?)\s*[,}]')


def salvage_id(raw: bytes) -> Any:
    """The id of a line that cannot be read, when it opens with one; else None.

    The contract gives every input line its own output line with its id; a truncated or
    mis-encoded line often still starts with a readable id, and the caller can match on it.
    """
    match = _ID.match(raw)
    if match is None:
        return None
    try:
        return json.loads(match.group(1).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def screen_line(engine: Engine, line: Line) -> dict[str, Any]:
    """The contract record for one line; a line that cannot be read gets ``{"id", "error"}``.

    An error whose id is the line number is an error found before any id was read: its id is
    whatever `salvage_id` can read (often null) and the message names the line
    (``line 3: not valid JSON: …``).
    """
    try:
        text = line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = f"{line.where}: not valid UTF-8 ({exc.reason})"
        return {"id": salvage_id(line.raw), "error": error}
    record = engine.screen_one(text, line.number)
    if "error" in record and record["id"] == line.number:
        record = {"id": salvage_id(line.raw), "error": f"{line.where}: {record['error']}"}
    return record


@dataclass(frozen=True)
class Screener:
    """Builds the screening function once per worker: pickled to each Ray worker, called there.

    ``policy`` is the loaded policy (so a bad policy file fails on the driver, with its line,
    before any worker starts); None means the bundled one.
    """

    policy: Policy | None = None

    def __call__(self) -> Callable[[Line], dict[str, Any]]:
        from tactful.engine import Engine

        engine = Engine.default() if self.policy is None else Engine(self.policy)
        return lambda line: screen_line(engine, line)
