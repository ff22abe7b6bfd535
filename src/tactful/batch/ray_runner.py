"""Run a per-item function over a batch on Ray Data, in input order, losing nothing.

    run_on_ray(lines, make_fn)  →  one JSON object text per line, in the order of `lines`

`make_fn` is a picklable factory: each Ray worker (an actor of a `map_batches` actor pool) calls
it once to build its per-item function, so an engine is loaded once per worker, not per item or
per batch. `tactful screen` passes `Screener(policy)`; `tactful grade` can pass its own factory.

The driver reads the input and writes the output; workers only run the function. So the input
need not be on the cluster's nodes (only tactful must be installed there), and the result is the
same line for line as the local path: each line carries its index, the dataset runs with Ray
Data's order-preserving execution, and the driver checks that every index comes back exactly
once and in order.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from tactful.batch.io import Line, pyarrow_module
from tactful.errors import BatchError

ItemFn = Callable[[Line], Mapping[str, Any]]
MakeFn = Callable[[], ItemFn]

#: Lines per block and per call of a worker: large enough that Ray's per-block overhead is small
#: beside ~1 ms per item, small enough that two workers share a 10,000-line batch evenly.
DEFAULT_BATCH_SIZE = 1000


class _Apply:
    """The callable class of `map_batches`: built once per actor, then called per batch."""

    def __init__(self, make_fn: MakeFn) -> None:
        self._fn = make_fn()

    def __call__(self, batch: Any) -> Any:
        pa = pyarrow_module("Ray batches")
        columns = batch.to_pydict()
        texts = [
            json.dumps(dict(self._fn(Line(number, where, raw))), ensure_ascii=False)
            for number, where, raw in zip(
                columns["number"], columns["where"], columns["raw"], strict=True
            )
        ]
        return pa.table({"index": batch.column("index"), "out": pa.array(texts, pa.string())})


def run_on_ray(
    lines: Iterable[Line],
    make_fn: MakeFn,
    *,
    address: str | None = None,
    workers: int | None = None,
    cpus_per_worker: float = 1.0,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[str]:
    """Apply the function `make_fn()` builds to every line on Ray; yield the JSON texts in order.

    Uses the Ray already initialised in this process if there is one; otherwise connects to
    `address` (an existing cluster, e.g. ``ray://head:10001`` or ``127.0.0.1:6379``) or starts
    a local Ray on loopback with ``workers * cpus_per_worker`` CPUs (default: this machine's),
    and shuts down what it started. `workers` is the size of the actor pool (default: every CPU
    of the cluster, `cpus_per_worker` each).
    """
    if workers is not None and workers < 1:
        raise BatchError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise BatchError(f"batch_size must be at least 1, not {batch_size}")
    ray = _import_ray(on_this_machine=address is None or _is_loopback(address))
    started = _connect(ray, address, workers, cpus_per_worker)
    try:
        refs, count = _put_blocks(ray, lines, batch_size)
        if not count:
            return
        if workers is None:
            cpus = ray.cluster_resources().get("CPU", 1.0)
            workers = max(1, int(cpus // cpus_per_worker))
        ds = ray.data.from_arrow_refs(refs)
        # This dataset's own copy of the context: no global Ray Data setting is changed.
        ds.context.execution_options.preserve_order = True
        ds = ds.map_batches(
            _Apply,
            fn_constructor_args=(make_fn,),
            # More actors than blocks would idle (and Ray warns about it).
            compute=ray.data.ActorPoolStrategy(size=min(workers, len(refs))),
            num_cpus=cpus_per_worker,
            batch_size=batch_size,
            batch_format="pyarrow",
        )
        yield from _in_order(_results(ds), count)
    finally:
        if started:
            ray.shutdown()


def _import_ray(*, on_this_machine: bool) -> Any:
    os.environ.setdefault("RAY_DISABLE_USAGE_STATS", "1")  # no network at run time
    if on_this_machine and "ray" not in sys.modules:
        # Ray's single-machine mode: every Ray server listens on, and every worker dials,
        # 127.0.0.1 rather than this machine's network address. (Read when ray is imported.)
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
        import ray.data
    except ImportError:
        raise BatchError("--engine ray needs the ray extra: pip install 'tactful[ray]'") from None
    return ray


def _is_loopback(address: str) -> bool:
    host = address.rpartition("://")[2].rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "::1") or host.startswith("127.")


def _connect(ray: Any, address: str | None, workers: int | None, cpus_per_worker: float) -> bool:
    """Initialise Ray unless it already is; True when this call started it."""
    if ray.is_initialized():
        return False
    try:
        if address:
            ray.init(address=address, log_to_driver=False, logging_level="WARNING")
        else:
            cpus = math.ceil(workers * cpus_per_worker) if workers else (os.cpu_count() or 1)
            ray.init(
                num_cpus=cpus,
                include_dashboard=False,
                log_to_driver=False,  # a worker's prints must not mix into `-o -`
                logging_level="WARNING",
            )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        target = f"the Ray cluster at {address}" if address else "a local Ray"
        raise BatchError(f"cannot start or reach {target}: {exc}") from None
    return True


def _put_blocks(ray: Any, lines: Iterable[Line], size: int) -> tuple[list[Any], int]:
    """Lines into Arrow blocks in the object store, one block of `size` lines at a time, so the
    driver never holds more than one block (the object store spills to disk if it must)."""
    pa = pyarrow_module("--engine ray")
    schema = pa.schema(
        [("index", pa.int64()), ("number", pa.int64()), ("where", pa.string()),
         ("raw", pa.binary())]
    )  # fmt: skip
    refs: list[Any] = []
    block: list[Line] = []
    count = 0

    def flush() -> None:
        index = pa.array(range(count - len(block), count), pa.int64())
        number, where, raw = zip(*block, strict=True)
        arrays = [index, pa.array(number, pa.int64()), pa.array(where), pa.array(raw, pa.binary())]
        refs.append(ray.put(pa.Table.from_arrays(arrays, schema=schema)))
        block.clear()

    for line in lines:
        block.append(line)
        count += 1
        if len(block) == size:
            flush()
    if block:
        flush()
    return refs, count


def _results(ds: Any) -> Iterator[tuple[int, str]]:
    try:
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            yield from zip(batch.column("index").to_pylist(), batch.column("out").to_pylist(),
                           strict=True)  # fmt: skip
    except Exception as exc:  # a worker died, or make_fn failed on a node: say so plainly
        raise BatchError(f"the Ray run failed: {_last_line(exc)}") from exc


def _last_line(exc: Exception) -> str:
    """Ray wraps a worker's error in its traceback; the last line is the error itself."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    last = re.sub(r"\x1b\[[0-9;]*m", "", lines[-1]) if lines else ""
    return last if len(lines) > 1 else f"{type(exc).__name__}: {last}"


def _in_order(results: Iterable[tuple[int, str]], count: int) -> Iterator[str]:
    """Pass the texts through, failing loudly if any item is lost, duplicated or reordered."""
    expected = 0
    for index, text in results:
        if index != expected:
            raise BatchError(f"Ray returned item {index} where item {expected} was expected")
        expected += 1
        yield text
    if expected != count:
        raise BatchError(f"Ray returned {expected} of {count} items")
