"""Batch inputs and outputs: JSONL / Parquet files and folders, and the order guard of the Ray
runner (which needs no Ray to test)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tactful.batch.io import Line, is_parquet_output, needs_batch_io, open_sink, read_lines
from tactful.batch.ray_runner import _in_order, _is_loopback
from tactful.errors import BatchError


def _require(name: str) -> ModuleType:
    """pyarrow comes with the ray extra, which the test extra installs: CI must not skip."""
    if os.environ.get("CI"):
        return importlib.import_module(name)
    return pytest.importorskip(name)


pa = _require("pyarrow")
pq = _require("pyarrow.parquet")


def _write_parquet(path: Path, rows: list[dict[str, object]]) -> None:
    pq.write_table(pa.Table.from_pylist(rows), path)


def _read_parquet(path: Path) -> list[dict[str, object]]:
    return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- reading
def test_jsonl_lines_keep_their_numbers_and_skip_blanks(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": 1}\n\n   \n{bad\n\xff\n')
    lines = list(read_lines(str(src)))
    assert [(li.number, li.where) for li in lines] == [(1, "line 1"), (4, "line 4"), (5, "line 5")]
    assert lines[1].raw == b"{bad\n" and lines[2].raw == b"\xff\n"


def test_folder_reads_jsonl_and_parquet_by_name_and_names_the_file(tmp_path):
    (tmp_path / "b.jsonl").write_text('{"id": "b1"}\n{"id": "b2"}\n')
    _write_parquet(tmp_path / "a.parquet", [{"id": 1, "prompt": "x", "messages": None}])
    (tmp_path / "notes.txt").write_text("not an input")
    (tmp_path / ".hidden.jsonl").write_text('{"id": "h"}\n')
    (tmp_path / "_SUCCESS.jsonl").write_text('{"id": "s"}\n')
    lines = list(read_lines(str(tmp_path)))
    assert [li.where for li in lines] == ["a.parquet row 1", "b.jsonl line 1", "b.jsonl line 2"]
    # A null column is left out, as a JSONL line would not carry it.
    assert json.loads(lines[0].raw) == {"id": 1, "prompt": "x"}


def test_parquet_rows_keep_lists_of_messages(tmp_path):
    rows = [
        {"id": 1, "prompt": "hello", "messages": None},
        {"id": 2, "prompt": None, "messages": [{"role": "user", "content": "hi"}]},
    ]
    _write_parquet(tmp_path / "in.parquet", rows)
    got = [json.loads(li.raw) for li in read_lines(str(tmp_path / "in.parquet"))]
    assert got == [{"id": 1, "prompt": "hello"}, {"id": 2, "messages": rows[1]["messages"]}]


def test_missing_input_and_empty_folder_are_clear_errors(tmp_path):
    with pytest.raises(BatchError, match="No such file"):
        list(read_lines(str(tmp_path / "nope.jsonl")))
    with pytest.raises(BatchError, match=r"no \.jsonl, \.ndjson or \.parquet files"):
        list(read_lines(str(tmp_path)))


def test_a_corrupt_parquet_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(BatchError, match=r"bad\.parquet: not a readable Parquet file"):
        list(read_lines(str(bad)))


@pytest.mark.parametrize(
    ("input", "output", "parquet_out", "batch_io"),
    [
        ("in.jsonl", "out.jsonl", False, False),
        ("-", "-", False, False),
        ("in.jsonl", "out.parquet", True, True),
        ("in.jsonl", "out/", True, True),
        ("in.parquet", "out.jsonl", False, True),
    ],
)
def test_which_paths_need_the_batch_io(input, output, parquet_out, batch_io):
    assert is_parquet_output(output) is parquet_out
    assert needs_batch_io(input, output) is batch_io


def test_an_existing_folder_is_a_parquet_output(tmp_path):
    assert is_parquet_output(str(tmp_path))
    assert needs_batch_io("in.jsonl", str(tmp_path))
    assert needs_batch_io(str(tmp_path), "out.jsonl")


# --------------------------------------------------------------------------- writing
def _records() -> list[dict[str, object]]:
    return [
        {"id": 1, "action": "comply", "flagged": False, "score": 1, "message": None},
        {"id": "two", "action": "refuse", "flagged": True, "score": 0.5, "message": "no"},
        {"id": None, "error": "line 3: not valid JSON"},
        {"id": 4, "action": "comply", "flagged": False, "score": 0.25, "checks": ["a", "b"]},
    ]


def test_parquet_output_types_each_column_from_every_record(tmp_path):
    out = tmp_path / "out.parquet"
    with open_sink(str(out)) as sink:
        for record in _records():
            sink.write(json.dumps(record))
    table = pq.read_table(out)
    types = {f.name: str(f.type) for f in table.schema}
    # ids are numbers and strings: text; score has ints and floats: float; lists: JSON text.
    assert types == {
        "id": "string",
        "action": "string",
        "flagged": "bool",
        "score": "double",
        "message": "string",
        "error": "string",
        "checks": "string",
    }
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["1", "two", None, "4"]
    assert rows[0]["score"] == 1.0 and rows[2]["error"] == "line 3: not valid JSON"
    assert rows[3]["checks"] == '["a", "b"]'
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]  # the spool is gone


def test_integer_ids_stay_integers(tmp_path):
    out = tmp_path / "out.parquet"
    with open_sink(str(out)) as sink:
        for i in range(3):
            sink.write(json.dumps({"id": i, "score": 0.5}))
        sink.write(json.dumps({"id": None, "error": "line 4: bad"}))
    assert pq.read_table(out).schema.field("id").type == pa.int64()
    assert [r["id"] for r in _read_parquet(out)] == [0, 1, 2, None]


def test_folder_output_is_split_into_parts_in_order(tmp_path, monkeypatch):
    import tactful.batch.io as io

    monkeypatch.setattr(io, "ROWS_PER_PART", 2)
    monkeypatch.setattr(io, "_ROWS_PER_GROUP", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00009.parquet").write_bytes(b"stale part of an earlier run")
    with open_sink(str(out)) as sink:
        for i in range(5):
            sink.write(json.dumps({"id": i}))
    parts = sorted(p.name for p in out.iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert [r["id"] for r in pq.read_table(out).to_pylist()] == [0, 1, 2, 3, 4]


def test_empty_output_is_still_a_readable_table(tmp_path):
    with open_sink(str(tmp_path / "out.parquet")):
        pass
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 0


def test_a_failed_run_leaves_no_spool_and_no_output(tmp_path):
    out = tmp_path / "out.parquet"

    def run() -> None:
        with open_sink(str(out)) as sink:
            sink.write(json.dumps({"id": 1}))
            raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError, match="worker lost"):
        run()
    assert list(tmp_path.iterdir()) == []


def test_parquet_without_pyarrow_says_how_to_get_it(tmp_path):
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from tactful.batch.io import read_lines\n"
        f"list(read_lines({str(tmp_path / 'x.parquet')!r}))\n"
    )
    (tmp_path / "x.parquet").write_bytes(b"")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "needs pyarrow: pip install 'tactful[ray]'" in result.stderr


# --------------------------------------------------------------------------- order guard
def test_order_guard_passes_a_complete_sequence():
    assert list(_in_order([(0, "a"), (1, "b")], 2)) == ["a", "b"]


@pytest.mark.parametrize(
    ("results", "count", "message"),
    [
        ([(0, "a"), (2, "c")], 3, "item 2 where item 1"),  # lost
        ([(0, "a"), (0, "a")], 2, "item 0 where item 1"),  # duplicated
        ([(1, "b"), (0, "a")], 2, "item 1 where item 0"),  # reordered
        ([(0, "a")], 2, "1 of 2 items"),  # cut short
    ],
)
def test_order_guard_fails_loudly(results, count, message):
    with pytest.raises(BatchError, match=message):
        list(_in_order(results, count))


def test_a_line_is_a_plain_tuple():
    line = Line(3, "line 3", b"{}")
    assert line == (3, "line 3", b"{}") and line.where == "line 3"


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1:6379", True),
        ("localhost:6379", True),
        ("ray://127.0.0.1:10001", True),
        ("[::1]:6379", True),
        ("10.0.0.5:6379", False),
        ("ray://head.example:10001", False),
        ("auto", False),
    ],
)
def test_loopback_addresses_keep_ray_on_this_machine(address, loopback):
    assert _is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"id": 17, "prompt": ', 17),
        (b'  {"id":"q-9","prompt": "\xff\xfe"}', "q-9"),
        (b'{"id": "a\\"b", "prompt": "x"', 'a"b'),
        (b"{this is not json", None),
        (b'{"prompt": "x", "id": 4', None),  # only a leading id: a later one may be anything
        (b'{"id": [1, 2], "prompt": "x"', None),
    ],
)
def test_an_unreadable_line_keeps_a_leading_id(raw, expected):
    from tactful.batch.screening import salvage_id

    assert salvage_id(raw) == expected
