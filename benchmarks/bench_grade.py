"""Speed of grading one (prompt, response) pair, one thread.

Run:  python benchmarks/bench_grade.py [--data ../shared/data] [--n 2000]

Pairs are drawn from the project's written responses and the shared coconot and
safety-tuned-llamas responses (read in place). Reports the median (p50) and p99 of:
  * the response alone (refusal detection + quality checks: `Grader.grade(None, response)`),
  * the whole pair (adds tactful's own decision on the prompt, for over-refusal),
after a warm-up, as wall-clock time and as this thread's CPU time (the steadier figure on a
busy shared machine). Writes benchmarks/results/grade.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

HERE = Path(__file__).resolve().parent


def pairs(data: Path, written: Path, n: int) -> list[tuple[str, str]]:
    from tactful.grade.data import load_examples

    examples = load_examples(data, written)
    rows = [(e.prompt, e.response) for e in examples]
    random.Random(7).shuffle(rows)
    return (rows * (n // max(1, len(rows)) + 1))[:n]


def timed(
    fn: object, items: list[tuple[str, str]], with_prompt: bool
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. On a shared, busy machine the CPU time of this
    thread is the steadier figure: wall time also counts waiting for a core."""
    wall, cpu = [], []
    for prompt, response in items:
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn(prompt if with_prompt else None, response)  # type: ignore[operator]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--written", type=Path, default=Path("data/written/grading"))
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()

    from tactful.grade import Grader

    grader = Grader()
    items = pairs(args.data, args.written, args.n)
    timed(grader.grade, items[:200], True)  # warm-up: caches, lazy imports
    # Distinct prompts so the engine's per-text cache does not flatter the pair figure.
    fresh = [(f"{p} ({i})" if p else f"question {i}", r) for i, (p, r) in enumerate(items)]
    response_ms, response_cpu = timed(grader.grade, items, False)
    pair_ms, pair_cpu = timed(grader.grade, fresh, True)

    def stats(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {"p50": round(statistics.median(xs), 4), "p99": round(xs[int(0.99 * len(xs))], 4)}

    words = statistics.median(len(r.split()) for _, r in items)
    result = {
        "pairs": len(items),
        "median_response_words": words,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "response_only_ms": stats(response_ms),
        "response_only_cpu_ms": stats(response_cpu),
        "pair_with_prompt_decision_ms": stats(pair_ms),
        "pair_with_prompt_decision_cpu_ms": stats(pair_cpu),
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "grade.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
