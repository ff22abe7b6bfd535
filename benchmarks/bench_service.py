"""Load on the HTTP service: N concurrent clients against POST /v1/decide over loopback, with the
audit trail on SQLite and on PostgreSQL. Checks that nothing is lost: every 200 answer has its
audit record, the record count matches, and the hash chain verifies.

Run:  python benchmarks/bench_service.py [--clients 50] [--duration 60] [--workers 1]
          [--backends sqlite postgres] [--pg-url postgresql+psycopg://...]

The server runs as `uvicorn tactful.server.app:create_app --factory` in its own process (one
worker by default; with --workers 2 two processes append to the same chain at once); the
clients are threads in this process, each with its own keep-alive connection (an asyncio
client sharing one pool measured its own queueing as seconds of tail latency). The prompts are
distinct real prompts sampled from ../shared/data (a fixed fallback list when absent), so the
engine's per-text cache does not flatter the figures. PostgreSQL is only appended to: the count
is compared before and after, and the whole chain is verified.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

try:
    from benchmarks.sample import first_prompts
except ImportError:  # run as a script: this folder is on the path, the repository is not
    from sample import first_prompts  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
WARM_UP = 20


def load_prompts(data: Path, seed: int = 11) -> list[str]:
    texts = first_prompts(data, per_file=300, max_chars=4000)
    random.Random(seed).shuffle(texts)
    return texts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(audit_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TACTFUL_AUDIT_URL": audit_url, "TACTFUL_STATE_URL": "memory",
           "TACTFUL_DB_POOL_SIZE": "10", "TACTFUL_DB_MAX_OVERFLOW": "40"}  # fmt: skip
    cmd = [sys.executable, "-m", "uvicorn", "tactful.server.app:create_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
           "--no-access-log", "--workers", str(workers),
           # A worker starved of CPU on a busy machine must not be killed as unresponsive.
           "--timeout-worker-healthcheck", "60"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not become ready in 60 s")


def load(base: str, prompts: list[str], clients: int, duration: float) -> dict[str, Any]:
    """`clients` threads, each with its own connection, posting back to back until the end."""
    latencies: list[float] = []
    server_ms: list[float] = []
    errors: list[str] = []
    record_ids: list[str] = []
    counter = itertools.count()
    with httpx.Client(base_url=base, timeout=60) as warm:
        for prompt in prompts[:WARM_UP]:  # not measured, but audited
            warm.post("/v1/decide", json={"text": prompt}).raise_for_status()
    start_line = threading.Barrier(clients + 1)
    deadline = 0.0

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            start_line.wait()
            while time.perf_counter() < deadline:
                text = prompts[next(counter) % len(prompts)]
                start = time.perf_counter()
                try:
                    response = http.post("/v1/decide", json={"text": text})
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                    continue
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:200]}")
                    continue
                record_ids.append(response.json()["record_id"])
                timing = response.headers.get("server-timing", "")
                if timing.startswith("app;dur="):
                    server_ms.append(float(timing[8:]))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.perf_counter() + duration
    began = time.perf_counter()
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"latencies": latencies, "errors": errors, "record_ids": record_ids,
            "elapsed": elapsed, "server_ms": server_ms}  # fmt: skip


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def run(backend: str, url: str, args: argparse.Namespace, prompts: list[str]) -> dict[str, Any]:
    from tactful.audit import AuditStore

    store = AuditStore.open(url)
    before = store.count()
    port = free_port()
    server = start_server(url, port, args.workers)
    try:
        result = load(f"http://127.0.0.1:{port}", prompts, args.clients, args.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Warm-up requests are audited too; only the measured ones are compared by id.
    stored_ids = {r["id"] for r in store.iter_records()}
    verdict = store.verify()
    after = store.count()
    store.dispose()
    ok = len(result["record_ids"])
    lat = sorted(result["latencies"])
    missing = [i for i in result["record_ids"] if i not in stored_ids]
    return {
        "backend": backend,
        "clients": args.clients,
        "workers": args.workers,
        "duration_s": round(result["elapsed"], 1),
        "requests": len(lat),
        "errors": len(result["errors"]),
        "first_errors": result["errors"][:3],
        "throughput_rps": round(ok / result["elapsed"], 1),
        "p50_ms": round(quantile(lat, 0.50) * 1000, 1),
        "p99_ms": round(quantile(lat, 0.99) * 1000, 1),
        "server_p50_ms": round(quantile(result["server_ms"], 0.50), 1),
        "server_p99_ms": round(quantile(result["server_ms"], 0.99), 1),
        "audit_records_added": after - before,
        "audit_records_expected": ok + min(WARM_UP, len(prompts)),
        "audit_records_missing": len(missing),
        "chain_ok": verdict.ok,
        "chain_checked": verdict.checked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes; more than one appends to one chain concurrently",
    )
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--pg-url", default=os.environ.get("TACTFUL_BENCH_PG_URL")
                        or os.environ.get("TACTFUL_TEST_PG_URL"))  # fmt: skip
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "service.json")
    args = parser.parse_args()
    prompts = load_prompts(args.data)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends:
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'audit.db'}"
            elif backend == "postgres":
                if not args.pg_url:
                    sys.exit("postgres: give --pg-url or set TACTFUL_BENCH_PG_URL")
                url = args.pg_url
            else:
                sys.exit(f"unknown backend {backend!r}: sqlite or postgres")
            print(f"{backend}: {args.clients} clients for {args.duration:g} s ...", flush=True)
            outcome = run(backend, url, args, prompts)
            print(json.dumps(outcome, indent=2), flush=True)
            results.append(outcome)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    clean = all(
        r["errors"] == 0
        and r["audit_records_missing"] == 0
        and r["chain_ok"]
        and r["audit_records_added"] == r["audit_records_expected"]
        for r in results
    )
    sys.exit(0 if clean else 1)


if __name__ == "__main__":
    main()
