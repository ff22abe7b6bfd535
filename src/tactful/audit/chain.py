"""The hash chain: each audit record commits to its content and to the record before it.

Pure functions over plain dicts, so the rules can be tested without a database and checked by
anyone holding an export. A record's hash covers every stored field except the hash itself;
editing a field, inserting a record or deleting one breaks the chain at a named record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The hash the first record points back to.
GENESIS = "0" * 64

#: Stored fields covered by the hash, in a fixed order (the hash itself is not one of them).
HASHED_FIELDS = (
    "seq",
    "id",
    "created_at",
    "conversation_id",
    "request_mode",
    "request",
    "action",
    "kind",
    "category",
    "decision",
    "policy_version",
    "engine_version",
    "latency_ms",
    "prev_hash",
)


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 over the hashed fields of a record (its `prev_hash` included)."""
    missing = [f for f in HASHED_FIELDS if f not in record]
    if missing:
        raise KeyError(f"audit record lacks {', '.join(missing)}")
    body = canonical({f: record[f] for f in HASHED_FIELDS})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where and how the chain is broken."""

    seq: int | None
    record_id: str | None
    problem: str

    def __str__(self) -> str:
        where = f"record {self.record_id} (seq {self.seq})" if self.record_id else "chain head"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Verdict:
    """The outcome of verifying a chain: how many records were read and every break found."""

    checked: int
    breaks: tuple[Break, ...]

    @property
    def ok(self) -> bool:
        return not self.breaks


def verify(records: Iterable[Mapping[str, Any]], head: tuple[int, str] | None = None) -> Verdict:
    """Check records in `seq` order; `head` is the (seq, hash) the store says is last.

    Detects: an edited record (its hash no longer matches its content), an inserted or deleted
    record (a gap in `seq`, or a `prev_hash` that does not match the record before), and a
    deleted tail (the last record is not the head the store recorded).
    """
    breaks: list[Break] = []
    expected_seq, prev = 1, GENESIS
    checked = 0
    for record in records:
        checked += 1
        seq, rid = int(record["seq"]), str(record["id"])
        if seq != expected_seq:
            problem = (
                f"sequence jumps from {expected_seq - 1} to {seq}: "
                f"{seq - expected_seq} record(s) deleted before it"
                if seq > expected_seq
                else f"sequence number {seq} repeats or goes back (expected {expected_seq})"
            )
            breaks.append(Break(seq, rid, problem))
        if record["prev_hash"] != prev:
            breaks.append(
                Break(
                    seq,
                    rid,
                    "prev_hash does not match the record before it (inserted, "
                    "deleted or reordered records)",
                )
            )
        actual = record_hash(record)
        if record["hash"] != actual:
            breaks.append(Break(seq, rid, "content does not match its hash (record edited)"))
        expected_seq, prev = seq + 1, str(record["hash"])
    if head is not None:
        head_seq, head_hash = head
        if head_seq != expected_seq - 1 or (head_seq > 0 and head_hash != prev):
            breaks.append(
                Break(None, None, f"the store's last record is seq {head_seq} but the chain "
                      f"ends at seq {expected_seq - 1} (records deleted or added at the end)")
            )  # fmt: skip
    return Verdict(checked=checked, breaks=tuple(breaks))
