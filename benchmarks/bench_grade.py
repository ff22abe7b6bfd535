"""Speed of grading (prompt, response) pairs, one thread, against a baseline in the same run.

Run:  python benchmarks/bench_grade.py [--data ../shared/data] [--n 1500]

Responses are the distinct labelled responses (the project's written sets and the shared
coconot, OASST and safety-tuned-llamas responses, read in place), shuffled with a fixed seed.
The first 200 warm up (lazy imports, caches) and are not timed; every timed response is graded
once, so no timed response was seen before: the even ones alone, the odd ones as a pair (grading
the same response twice would let the second call find its words already tokenised). Prompts are
made distinct, so tactful's per-text decision cache never answers for the pair figure. For each
response, in turn:

* ``baseline``: a keyword-list refusal detector (a dozen phrases, one regex): the cheapest
  thing that could be called a refusal detector, as a yardstick for this machine right now;
* ``response`` (even responses): `Grader.grade(None, response)`: refusal detection plus quality
  checks;
* ``decide``: `Engine.decide(prompt)` alone (tactful's own decision on the prompt);
* ``pair`` (odd responses): `Grader.grade(prompt, response)`: the grader's own work plus
  `Engine.decide`.

Interleaving them means all four see the same machine load. Reports medians (p50) and p99 of
this thread's CPU time (steadier than wall time on a busy shared machine) and of wall time, and
the ratio of each p50 to the baseline's. Writes benchmarks/results/grade.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

HERE = Path(__file__).resolve().parent
WARM_UP = 200
KEYWORDS = re.compile(
    r"\b(?:I(?:'m| am) sorry|I apologi[sz]e|as an AI|I can(?:no|')t|I(?:'m| am) (?:not able|"
    r"unable)|I won't|I will not|not able to provide|I must decline|against my guidelines|"
    r"I(?:'m| am) not going to)\b",
    re.IGNORECASE,
)


def keyword_refuses(response: str) -> bool:
    """The baseline: refuses if any refusal phrase appears anywhere."""
    return KEYWORDS.search(response) is not None


def pairs(data: Path, written: Path, n: int) -> list[tuple[str, str]]:
    from tactful.grade.data import load_examples

    seen: dict[str, str] = {}
    for e in load_examples(data, written):
        seen.setdefault(e.response, e.prompt)
    rows = [(prompt, response) for response, prompt in seen.items()]
    random.Random(7).shuffle(rows)
    return rows[: n + WARM_UP]


def timed(fn: Callable[[], object], wall: list[float], cpu: list[float]) -> None:
    start, start_cpu = time.perf_counter(), time.thread_time()
    fn()
    wall.append((time.perf_counter() - start) * 1000)
    cpu.append((time.thread_time() - start_cpu) * 1000)


def stats(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"p50": round(statistics.median(xs), 4), "p99": round(xs[int(0.99 * (len(xs) - 1))], 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--written", type=Path, default=Path("data/written/grading"))
    parser.add_argument("--n", type=int, default=1500, help="timed responses (at most)")
    args = parser.parse_args()

    from tactful.grade import Grader

    grader = Grader()
    items = pairs(args.data, args.written, args.n)
    for prompt, response in items[:WARM_UP]:
        grader.grade(prompt or None, response)
        keyword_refuses(response)
    timed_items = items[WARM_UP:]
    names = ("baseline", "response", "decide", "pair")
    wall: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    for i, (prompt, response) in enumerate(timed_items):
        # Distinct prompts for the two prompt-side figures, so neither is served from the
        # engine's per-text cache.
        p1 = f"{prompt} ({i})" if prompt else f"question {i}"
        p2 = f"{prompt} [{i}]" if prompt else f"question [{i}]"
        timed(lambda r=response: keyword_refuses(r), wall["baseline"], cpu["baseline"])
        timed(lambda p=p1: grader.engine.decide(p), wall["decide"], cpu["decide"])
        if i % 2 == 0:
            timed(lambda r=response: grader.grade(None, r), wall["response"], cpu["response"])
        else:
            timed(lambda p=p2, r=response: grader.grade(p, r), wall["pair"], cpu["pair"])

    base_cpu = statistics.median(cpu["baseline"])
    base_wall = statistics.median(wall["baseline"])
    result = {
        "responses_timed": len(timed_items),
        "median_response_words": statistics.median(len(r.split()) for _, r in timed_items),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_ms": {k: stats(v) for k, v in cpu.items()},
        "wall_ms": {k: stats(v) for k, v in wall.items()},
        "p50_ratio_to_baseline_cpu": {
            k: round(statistics.median(v) / max(base_cpu, 1e-9), 1) for k, v in cpu.items()
        },
        "p50_ratio_to_baseline_wall": {
            k: round(statistics.median(v) / max(base_wall, 1e-9), 1) for k, v in wall.items()
        },
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "grade.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
