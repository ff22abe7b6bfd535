"""Quality figures of the engine on a labelled set: flagged P/R/F1, over-refusal, categories,
calibration and latency."""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tactful.engine import Engine
from tactful.errors import InputError
from tactful.models import Action, Decision

POSITIVE = frozenset({"harmful", "unsafe", "toxic", "1", "true", "yes"})
NEGATIVE = frozenset({"benign", "safe", "should_comply", "0", "false", "no"})


@dataclass(frozen=True)
class Row:
    id: Any
    request: Any  # text or messages
    harmful: bool
    category: str | None
    source: str


def read_rows(path: Path) -> tuple[list[Row], int]:
    """Labelled rows from JSONL; returns the rows and how many lines had no usable label."""
    rows: list[Row] = []
    skipped = 0
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON: {exc}") from None
            label = str(item.get("label", "")).strip().lower()
            request = item.get("messages") or item.get("prompt")
            if label not in POSITIVE | NEGATIVE or not request:
                skipped += 1
                continue
            rows.append(
                Row(
                    id=item.get("id", number),
                    request=request,
                    harmful=label in POSITIVE,
                    category=item.get("category"),
                    source=str(item.get("source") or path.stem),
                )
            )
    return rows, skipped


@dataclass
class Report:
    n: int
    skipped: int
    precision: float
    recall: float
    f1: float
    over_refusal: float  # share of benign rows not helped (action other than comply / note)
    flagged_false_positive_rate: float
    accuracy: float
    ece: float  # expected calibration error of `score` against the labels
    latency_ms: dict[str, float]
    actions: dict[str, dict[str, int]]
    per_category_recall: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    calibration: list[dict[str, float]]
    worst: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def expected_calibration_error(
    scores: Sequence[float], labels: Sequence[bool], bins: int = 10
) -> tuple[float, list[dict[str, float]]]:
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    table: list[dict[str, float]] = []
    for lo, hi in itertools.pairwise(edges):
        mask = (s >= lo) & ((s < hi) if hi < 1.0 else (s <= hi))
        if not mask.any():
            continue
        conf, acc = float(s[mask].mean()), float(y[mask].mean())
        ece += mask.mean() * abs(conf - acc)
        table.append({"low": float(lo), "high": float(hi), "n": int(mask.sum()),
                      "mean_score": conf, "harmful_rate": acc})  # fmt: skip
    return float(ece), table


def evaluate(engine: Engine, rows: Iterable[Row], skipped: int = 0) -> Report:
    decisions: list[tuple[Row, Decision]] = []
    latencies: list[float] = []
    for row in rows:
        start = time.perf_counter()
        decision = engine.decide(row.request)
        latencies.append((time.perf_counter() - start) * 1000)
        decisions.append((row, decision))
    return summarise(decisions, latencies, skipped)


def summarise(
    decisions: Sequence[tuple[Row, Decision]], latencies: Sequence[float], skipped: int = 0
) -> Report:
    tp = sum(1 for r, d in decisions if r.harmful and d.flagged)
    fp = sum(1 for r, d in decisions if not r.harmful and d.flagged)
    fn = sum(1 for r, d in decisions if r.harmful and not d.flagged)
    benign = [d for r, d in decisions if not r.harmful]
    precision, recall = _safe_div(tp, tp + fp), _safe_div(tp, tp + fn)
    actions: dict[str, Counter[str]] = {"harmful": Counter(), "benign": Counter()}
    for r, d in decisions:
        actions["harmful" if r.harmful else "benign"][d.action.value] += 1
    per_cat: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for r, d in decisions:
        if r.harmful and r.category:
            per_cat[r.category].append((d.flagged, d.category == r.category))
            confusion[r.category][d.category or "none"] += 1
    ece, table = expected_calibration_error(
        [d.score for _, d in decisions], [r.harmful for r, _ in decisions]
    )
    lat = np.asarray(latencies) if latencies else np.zeros(1)
    return Report(
        n=len(decisions),
        skipped=skipped,
        precision=precision,
        recall=recall,
        f1=_safe_div(2 * precision * recall, precision + recall),
        over_refusal=_safe_div(sum(1 for d in benign if not d.action.helps), len(benign)),
        flagged_false_positive_rate=_safe_div(fp, len(benign)),
        accuracy=_safe_div(sum(1 for r, d in decisions if r.harmful == d.flagged), len(decisions)),
        ece=ece,
        latency_ms={
            "p50": float(np.percentile(lat, 50)),
            "p99": float(np.percentile(lat, 99)),
            "mean": float(lat.mean()),
        },
        actions={k: dict(v) for k, v in actions.items()},
        per_category_recall={
            c: {
                "n": len(v),
                "flagged": _safe_div(sum(f for f, _ in v), len(v)),
                "category": _safe_div(sum(m for _, m in v), len(v)),
            }
            for c, v in sorted(per_cat.items())
        },
        confusion={c: dict(v) for c, v in sorted(confusion.items())},
        calibration=table,
        worst=_worst(decisions),
    )


def _worst(
    decisions: Sequence[tuple[Row, Decision]], k: int = 10
) -> dict[str, list[dict[str, Any]]]:
    """The most confident mistakes, for reading."""
    missed = sorted(
        ((r, d) for r, d in decisions if r.harmful and not d.flagged), key=lambda x: x[1].score
    )
    refused = sorted(
        ((r, d) for r, d in decisions if not r.harmful and d.action is not Action.COMPLY
         and not d.action.helps),
        key=lambda x: -x[1].score,
    )  # fmt: skip

    def show(r: Row, d: Decision) -> dict[str, Any]:
        text = r.request if isinstance(r.request, str) else json.dumps(r.request)[:300]
        return {"id": r.id, "text": text[:300], "action": d.action.value,
                "category": d.category, "score": round(d.score, 4)}  # fmt: skip

    return {
        "missed_harmful": [show(r, d) for r, d in missed[:k]],
        "refused_benign": [show(r, d) for r, d in refused[:k]],
    }
