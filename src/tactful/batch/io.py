"""Batch inputs and outputs: JSONL or Parquet, one file or a folder of them, or stdin / stdout.

Every input item becomes a `Line`: its raw bytes (a JSONL line as read, or a Parquet row encoded
as a JSON object) and where it came from. Items are parsed by the per-item function, never here,
so a line that is not JSON or not UTF-8 becomes an error record for that line and nothing else in
the batch is lost. Outputs take one JSON object text per item, in input order.

Parquet needs pyarrow (it comes with the `ray` extra); JSONL needs nothing beyond the standard
library, so the default `tactful screen` stays light.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol

from tactful.errors import BatchError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIX = ".parquet"
#: Rows per Parquet part file when writing a folder; readers see the folder as one table.
ROWS_PER_PART = 1_000_000
_ROWS_PER_GROUP = 65_536
_INT64 = (-(2**63), 2**63 - 1)


class Line(NamedTuple):
    """One input item, unparsed."""

    number: int
    """1-based line (JSONL) or row (Parquet) number inside its file."""
    where: str
    """How an error names the item: ``line 3``, ``row 3``, ``part-1.jsonl line 3`` (a folder)."""
    raw: bytes
    """The line as read, or the Parquet row as a JSON object (null fields left out)."""


def pyarrow_module(why: str) -> Any:
    """pyarrow, or a BatchError saying how to get it (it is optional for the local path)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise BatchError(
            f"{why} needs pyarrow: pip install 'tactful[ray]' (or pyarrow alone)"
        ) from None
    return pyarrow


# --------------------------------------------------------------------------- reading
def input_files(path: str) -> list[Path]:
    """The files an input names: itself, or a folder's .jsonl/.ndjson/.parquet files by name."""
    p = Path(path)
    if p.is_dir():
        files = sorted(
            f
            for f in p.iterdir()
            if f.is_file() and not f.name.startswith((".", "_")) and _is_input(f)
        )
        if not files:
            raise BatchError(f"{path}: folder holds no .jsonl, .ndjson or .parquet files")
        return files
    if not p.exists():
        raise BatchError(f"{path}: No such file or folder")
    return [p]


def read_lines(path: str) -> Iterator[Line]:
    """Every non-blank item of a file, a folder of files, or stdin (``-``, JSONL), in order."""
    if path == "-":
        yield from _jsonl_lines(sys.stdin.buffer, "")
        return
    files = input_files(path)
    folder = Path(path).is_dir()
    for file in files:
        prefix = f"{file.name} " if folder else ""
        try:
            if file.suffix == PARQUET_SUFFIX:
                yield from _parquet_lines(file, prefix)
            else:
                with file.open("rb") as fh:
                    yield from _jsonl_lines(fh, prefix)
        except OSError as exc:
            raise BatchError(f"{file}: {exc.strerror or exc}") from None


def _is_input(file: Path) -> bool:
    return file.suffix in JSONL_SUFFIXES or file.suffix == PARQUET_SUFFIX


def _jsonl_lines(fh: IO[bytes], prefix: str) -> Iterator[Line]:
    for number, raw in enumerate(fh, start=1):
        if raw.strip():
            yield Line(number, f"{prefix}line {number}", raw)


def _parquet_lines(file: Path, prefix: str) -> Iterator[Line]:
    pa = pyarrow_module(f"reading {file}")
    try:
        reader = pa.parquet.ParquetFile(file)
    except pa.ArrowException as exc:
        raise BatchError(f"{file}: not a readable Parquet file ({exc})") from None
    number = 0
    for batch in reader.iter_batches(batch_size=_ROWS_PER_GROUP):
        for row in batch.to_pylist():
            number += 1
            # A column is null where a row does not use it (prompt vs messages): leave it out,
            # as the JSONL line would.
            fields = {k: v for k, v in row.items() if v is not None}
            raw = json.dumps(fields, ensure_ascii=False, default=str).encode("utf-8")
            yield Line(number, f"{prefix}row {number}", raw)


# --------------------------------------------------------------------------- writing
class Sink(Protocol):
    """Takes one JSON object text per item, in order."""

    def write(self, text: str) -> None: ...


def is_parquet_output(path: str) -> bool:
    """Parquet when the output ends in .parquet or is a folder (existing, or ending in /)."""
    if path == "-":
        return False
    return path.endswith((PARQUET_SUFFIX, "/", os.sep)) or Path(path).is_dir()


def needs_batch_io(input: str, output: str) -> bool:
    """True when the plain line-by-line JSONL path cannot serve these paths."""
    if is_parquet_output(output):
        return True
    return input != "-" and (input.endswith(PARQUET_SUFFIX) or Path(input).is_dir())


@contextmanager
def open_sink(path: str) -> Iterator[Sink]:
    """A JSONL sink (a file, or stdout for ``-``) or a Parquet one (see `is_parquet_output`)."""
    if is_parquet_output(path):
        pyarrow_module(f"writing {path}")
        with _parquet_sink(Path(path), folder=not path.endswith(PARQUET_SUFFIX)) as sink:
            yield sink
    elif path == "-":
        yield _JsonlSink(sys.stdout)
        sys.stdout.flush()
    else:
        try:
            fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise BatchError(f"{path}: {exc.strerror or exc}") from None
        with fh:
            yield _JsonlSink(fh)


class _JsonlSink:
    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh

    def write(self, text: str) -> None:
        self._fh.write(text + "\n")


@contextmanager
def _parquet_sink(path: Path, *, folder: bool) -> Iterator[Sink]:
    """Spool JSONL to a temporary file beside the output, then convert it once every record is
    known: a column's type (an id that is sometimes a number, sometimes a string) cannot be
    known from the first rows, and spooling keeps memory flat however large the batch."""
    where = path if folder else path.parent
    try:
        where.mkdir(parents=True, exist_ok=True)
        spool = tempfile.NamedTemporaryFile(  # noqa: SIM115 - removed in finally
            "w+", encoding="utf-8", dir=where, prefix=".tactful-", suffix=".jsonl", delete=False
        )
    except OSError as exc:
        raise BatchError(f"{where}: {exc.strerror or exc}") from None
    try:
        with spool:
            yield _JsonlSink(spool)
            spool.flush()
            spool.seek(0)
            _spool_to_parquet(spool, path, folder=folder)
    finally:
        Path(spool.name).unlink(missing_ok=True)


def _spool_to_parquet(spool: IO[str], path: Path, *, folder: bool) -> None:
    pa = pyarrow_module(f"writing {path}")
    columns: dict[str, set[type]] = {}
    for text in spool:
        for key, value in json.loads(text).items():
            columns.setdefault(key, set())
            if value is not None:
                columns[key].add(_kind(value))
    schema = pa.schema([(name, _arrow_type(pa, kinds)) for name, kinds in columns.items()])
    if folder:
        for old in path.glob("part-*.parquet"):
            old.unlink()
    spool.seek(0)
    part, rows, writer = 0, 0, None
    try:
        for chunk in _chunks(spool, _ROWS_PER_GROUP):
            if writer is None or (folder and rows >= ROWS_PER_PART):
                if writer is not None:
                    writer.close()
                target = path / f"part-{part:05d}.parquet" if folder else path
                writer = pa.parquet.ParquetWriter(target, schema)
                part, rows = part + 1, 0
            writer.write_table(_table(pa, schema, chunk))
            rows += len(chunk)
        if writer is None:  # no records: still write a readable (empty) table
            target = path / "part-00000.parquet" if folder else path
            pa.parquet.write_table(schema.empty_table(), target)
    finally:
        if writer is not None:
            writer.close()


def _chunks(spool: IO[str], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for text in spool:
        chunk.append(json.loads(text))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _kind(value: Any) -> type:
    if type(value) is int and not _INT64[0] <= value <= _INT64[1]:
        return object  # too large for int64: written as text
    return type(value) if isinstance(value, bool | int | float | str) else object


def _arrow_type(pa: Any, kinds: set[type]) -> Any:
    """One scalar type → that type (ints with floats → float); anything else → text."""
    if kinds == {bool}:
        return pa.bool_()
    if kinds == {int}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def _table(pa: Any, schema: Any, rows: list[dict[str, Any]]) -> Any:
    arrays = []
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_string(field.type):
            values = [v if v is None or isinstance(v, str) else json.dumps(v) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
