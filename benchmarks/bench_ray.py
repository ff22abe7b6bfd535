"""Batch screening throughput: the local path vs Ray Data, on the same requests.

Run:  python benchmarks/bench_ray.py [--n 100000] [--data ../shared/data] [--repeats 1]
      (needs the ray extra: pip install -e '.[ray]')

Builds --n distinct requests, a seeded sample of the prompts in ../shared/data (read at run time,
never copied), writes them as one JSONL file, then screens that file:
  * local, 1 process      the `tactful screen` path: read → screen_line → write, one engine
  * local, 2 processes    the file cut in two halves, one process each, side by side
  * Ray, 1 and 2 workers  `run_on_ray` with the tactful Screener on a local Ray of that many CPUs
Each run is a fresh process with one thread per process. `run_s` excludes loading the engine in
the local processes and starting Ray (the Ray run still includes starting its workers and
loading their engines, so it is the conservative side); `wall_s` is the whole run.
Every output is checked: ids 0..n-1 exactly once, in order, and the Ray output identical to the
local one line for line. Medians over --repeats; results in benchmarks/results/ray.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                 "TOKENIZERS_PARALLELISM": "false", "RAYON_NUM_THREADS": "1"}  # fmt: skip
TARGET = 0.15  # Ray within 15 % of the local path's throughput per core


def requests(data: Path, n: int, seed: int = 2026) -> list[str]:
    """Distinct prompts when the data has enough (so no engine cache makes a run look fast)."""
    texts: set[str] = set()
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                prompt = json.loads(line).get("prompt")
                if isinstance(prompt, str) and prompt.strip():
                    texts.add(prompt)
    if not texts:
        raise SystemExit(f"{data}: no prompts found")
    pool, rng = sorted(texts), random.Random(seed)
    if n <= len(pool):
        return rng.sample(pool, n)
    return [rng.choice(pool) for _ in range(n)]


# ----------------------------------------------------------------------------- one run
def _tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants, from /proc.

    On a shared machine wall-clock throughput moves with everyone else's load; CPU seconds per
    request do not, so they are the fair "per core" figure. Children that have exited count
    through their parent's cumulative times (Ray's raylet reaps its finished workers)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        ppid, ticks = int(fields[1]), sum(int(x) for x in fields[11:15])  # utime..cstime
        stats[int(entry.name)] = (ppid, ticks / os.sysconf("SC_CLK_TCK"))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        todo.extend(child for child, (ppid, _) in stats.items() if ppid == pid)
    return total


def _run(mode: str, src: str, dst: str, workers: int) -> dict[str, float]:
    """Inside the measured process: set up, then screen `src` into `dst`."""
    start = time.perf_counter()
    from tactful.batch import Screener, open_sink, read_lines

    if mode == "local":
        fn = Screener()()
        ready, cpu = time.perf_counter(), _tree_cpu_s(os.getpid())
        with open_sink(dst) as sink:
            for line in read_lines(src):
                sink.write(json.dumps(fn(line), ensure_ascii=False))
    else:
        os.environ.update(RAY_DISABLE_USAGE_STATS="1", RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER="0")
        import ray

        from tactful.batch.ray_runner import run_on_ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 logging_level="WARNING")  # fmt: skip
        ready, cpu = time.perf_counter(), _tree_cpu_s(os.getpid())
        with open_sink(dst) as sink:
            for text in run_on_ray(read_lines(src), Screener(), workers=workers):
                sink.write(text)
    # Measured before shutting Ray down: the driver, Ray's own processes and every worker.
    end, cpu = time.perf_counter(), _tree_cpu_s(os.getpid()) - cpu
    return {"setup_s": ready - start, "run_s": end - ready, "wall_s": end - start, "cpu_s": cpu}


def _in_subprocess(mode: str, src: Path, dst: Path, workers: int = 1) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__)), "--worker", mode, "--input", str(src),
           "--output", str(dst), "--workers", str(workers)]  # fmt: skip
    env = {**os.environ, **SINGLE_THREAD, "RAY_DATA_LOG_LEVEL": "WARNING"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=HERE.parent)
    if out.returncode:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _local_two(src: Path, dst: Path, tmp: Path) -> dict[str, float]:
    """Two local processes on the two halves of the file, side by side; outputs joined."""
    lines = src.read_bytes().splitlines(keepends=True)
    half = (len(lines) + 1) // 2
    parts = [tmp / "half0.jsonl", tmp / "half1.jsonl"]
    parts[0].write_bytes(b"".join(lines[:half]))
    parts[1].write_bytes(b"".join(lines[half:]))
    outs = [tmp / "half0.out.jsonl", tmp / "half1.out.jsonl"]
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda i: _in_subprocess("local", parts[i], outs[i]), (0, 1)))
    dst.write_bytes(outs[0].read_bytes() + outs[1].read_bytes())
    # The batch is done when the slower half is: its run time bounds the throughput.
    joined = {key: max(r[key] for r in runs) for key in ("setup_s", "run_s", "wall_s")}
    return {**joined, "cpu_s": sum(r["cpu_s"] for r in runs)}


def _check(out: Path, n: int) -> dict[str, int]:
    ids, errors = [], 0
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            ids.append(record["id"])
            errors += "error" in record
    expected = list(range(n))
    return {
        "items": len(ids),
        "lost": len(set(expected) - set(ids)),
        "duplicated": len(ids) - len(set(ids)),
        "out_of_order": int(ids != sorted(ids)),
        "errors": errors,
    }


# ----------------------------------------------------------------------------- main
CONFIGS = [("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=100_000, help="requests to screen")
    ap.add_argument("--repeats", type=int, default=1, help="runs of each configuration")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--output", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(_run(args.worker, args.input, args.output, args.workers)))
        return

    texts = requests(args.data, args.n)
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "requests.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": i, "prompt": text}, ensure_ascii=False) + "\n")
        results: dict[str, Any] = {"n": args.n, "repeats": args.repeats, "cpus": os.cpu_count(),
                                   "load_before": os.getloadavg()[0]}  # fmt: skip
        reference: bytes | None = None
        for mode, cores in CONFIGS:
            name = f"{mode}_{cores}"
            runs = []
            for _ in range(args.repeats):
                dst = tmp / f"{name}.jsonl"
                run = (_local_two(src, dst, tmp) if (mode, cores) == ("local", 2)
                       else _in_subprocess(mode, src, dst, cores))  # fmt: skip
                runs.append(run)
                output = dst.read_bytes()
                reference = reference or output
                checks = _check(dst, args.n)
                checks["same_as_local_1"] = int(output == reference)
                print(f"{name}: {run} {checks}", file=sys.stderr)
            run_s = statistics.median(r["run_s"] for r in runs)
            results[name] = {
                "cores": cores,
                "run_s": round(run_s, 2),
                "wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
                "setup_s": round(statistics.median(r["setup_s"] for r in runs), 2),
                "rps": round(args.n / run_s, 1),
                "rps_per_core": round(args.n / run_s / cores, 1),
                "wall_rps": round(args.n / statistics.median(r["wall_s"] for r in runs), 1),
                "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
                "rps_per_cpu_s": round(args.n / statistics.median(r["cpu_s"] for r in runs), 1),
                **checks,
            }
    results["load_after"] = os.getloadavg()[0]
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "ray.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    for cores in (1, 2):
        local, ray = results[f"local_{cores}"], results[f"ray_{cores}"]
        for key, unit in (("rps_per_core", "req/s per core, wall clock"),
                          ("rps_per_cpu_s", "req per CPU-second")):  # fmt: skip
            ratio = ray[key] / local[key]
            print(
                f"{'met' if ratio >= 1 - TARGET else 'NOT met'}: Ray within 15% of local at "
                f"{cores} core(s): {ray[key]:.0f} vs {local[key]:.0f} {unit} ({ratio:.1%})"
            )
    intact = all(
        results[f"{m}_{c}"]["lost"] == results[f"{m}_{c}"]["duplicated"] == 0 for m, c in CONFIGS
    )
    same = all(results[f"{m}_{c}"]["same_as_local_1"] for m, c in CONFIGS)
    print(f"{'met' if intact else 'NOT met'}: no item lost or duplicated (ids checked)")
    print(f"{'met' if same else 'NOT met'}: every output identical to the local one")


if __name__ == "__main__":
    main()
