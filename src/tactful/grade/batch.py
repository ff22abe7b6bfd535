"""The per-line function of `tactful grade`, shared by the local path and the Ray workers so the
two write the same records line for line (as `tactful.batch.screening` does for `screen`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tactful.batch.io import Line
from tactful.batch.screening import salvage_id

if TYPE_CHECKING:
    from tactful.grade.grader import Grader
    from tactful.policy import Policy


def grade_line(grader: Grader, line: Line) -> dict[str, Any]:
    """The grade record for one line; a line that cannot be read gets ``{"id", "error"}``.

    An id that could not be read is null, not the line number, and the message names the line.
    """
    try:
        text = line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = f"{line.where}: not valid UTF-8 ({exc.reason})"
        return {"id": salvage_id(line.raw), "error": error}
    record = grader.grade_one(text, line.number)
    if "error" in record:
        id_ = salvage_id(line.raw) if record["id"] == line.number else record["id"]
        record = {"id": id_, "error": f"{line.where}: {record['error']}"}
    return record


@dataclass(frozen=True)
class Grading:
    """Builds the grading function once per worker: pickled to each Ray worker, called there."""

    policy: Policy | None = None

    def __call__(self) -> Callable[[Line], dict[str, Any]]:
        from tactful.engine import Engine
        from tactful.grade.grader import Grader

        engine = Engine.default() if self.policy is None else Engine(self.policy)
        grader = Grader(engine)
        return lambda line: grade_line(grader, line)
