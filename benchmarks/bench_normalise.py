"""What reading a message first (normalisation, wrappers, windows) adds to each decision.

Run:  python -m benchmarks.bench_normalise [--data ../shared/data] [--n 3000]

On a mixed sample of real prompts (benign and harmful, from the shared data), one thread:
  * `read_message` alone: p50 / p99 per prompt (the cost the robustness step adds on its own);
  * `Engine.decide` with and without it (the reading step replaced by the identity), caches
    cleared before each pass and the passes run in both orders, so warm caches favour neither:
    p50 of each and the difference.
Target: the reading step adds <= 0.2 ms at p50, and decide() p50 stays <= 2 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

HERE = Path(__file__).resolve().parent


def _pass(engine, texts: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    engine._judge_cached.cache_clear()
    engine._resources.embedder.vector.cache_clear()
    times = []
    for text in texts:
        start = time.perf_counter()
        engine.decide(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    import tactful.engine as engine_module
    from benchmarks.bench_engine import prompts
    from tactful import Engine
    from tactful.detect.readings import Reading, read_message

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    texts = prompts(args.data, args.n)

    for text in texts[:50]:
        read_message(text)
    alone = []
    for text in texts:
        start = time.perf_counter()
        read_message(text)
        alone.append((time.perf_counter() - start) * 1000)

    engine = Engine.default()
    for text in texts[:50]:
        engine.decide(text)
    with_reading, without = [], []
    for order in (0, 1):
        for use in (True, False) if order == 0 else (False, True):
            engine_module.read_message = read_message if use else Reading  # type: ignore[assignment]
            (with_reading if use else without).extend(_pass(engine, texts))
    engine_module.read_message = read_message

    def pct(xs: list[float], q: float) -> float:
        return float(np.percentile(np.asarray(xs), q))

    result = {
        "n": len(texts),
        "read_message_p50_ms": pct(alone, 50),
        "read_message_p99_ms": pct(alone, 99),
        "decide_p50_ms_with_reading": pct(with_reading, 50),
        "decide_p50_ms_without_reading": pct(without, 50),
        "decide_p99_ms_with_reading": pct(with_reading, 99),
    }
    result["added_p50_ms"] = (
        result["decide_p50_ms_with_reading"] - result["decide_p50_ms_without_reading"]
    )
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "normalise.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    added = max(result["read_message_p50_ms"], result["added_p50_ms"])
    print(f"{'met' if added <= 0.2 else 'NOT met'}: reading adds <= 0.2 ms p50 ({added:.3f} ms)")
    ok = result["decide_p50_ms_with_reading"] <= 2.0
    print(f"{'met' if ok else 'NOT met'}: decide p50 <= 2 ms")


if __name__ == "__main__":
    main()
