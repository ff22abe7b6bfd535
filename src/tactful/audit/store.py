"""The audit store: one append-only, hash-chained record per decision.

Appends are ordered by the database (see `tactful.audit.db`), so several service replicas can
share one PostgreSQL and still build a single unbroken chain.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from tactful.audit.chain import Verdict, canonical, record_hash, verify
from tactful.audit.db import is_postgres, make_engine, migrate, writer
from tactful.audit.redact import RequestMode, stored_request
from tactful.audit.tables import audit_chain_head, audit_records, over_refusals
from tactful.models import Decision

_HEAD_ID = 1
_SUMMARY_COLUMNS = (
    "seq",
    "id",
    "created_at",
    "conversation_id",
    "action",
    "kind",
    "category",
    "latency_ms",
)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditConfig:
    """How much of each request is kept, and the key for hash mode."""

    mode: RequestMode = RequestMode.REDACTED
    hash_key: bytes | None = None


class AuditStore:
    """Append decisions, read them back, verify the chain. Thread-safe; one per process."""

    def __init__(self, engine: Engine, config: AuditConfig | None = None) -> None:
        self.engine = engine
        self.config = config or AuditConfig()
        self._postgres = is_postgres(engine)
        #: The engine whose transactions take the write lock first (for appends and rulings).
        self.writer = writer(engine)

    @classmethod
    def open(cls, url: str, config: AuditConfig | None = None, **engine_kw: Any) -> AuditStore:
        """Connect to `url` and bring its schema up to date."""
        engine = make_engine(url, **engine_kw)
        migrate(engine)
        return cls(engine, config)

    # ------------------------------------------------------------------ write
    def append(
        self,
        messages: Sequence[Mapping[str, Any]],
        decision: Decision,
        *,
        latency_ms: float,
        conversation_id: str | None = None,
    ) -> dict[str, Any]:
        """Record one decision at the end of the chain and return the stored record."""
        record: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "created_at": now_iso(),
            "conversation_id": conversation_id,
            "request_mode": self.config.mode.value,
            "request": stored_request(messages, self.config.mode, self.config.hash_key),
            "action": decision.action.value,
            "kind": decision.kind.value,
            "category": decision.category,
            "decision": canonical(decision.model_dump(mode="json")),
            "policy_version": decision.policy_version,
            "engine_version": decision.engine_version,
            "latency_ms": round(float(latency_ms), 3),
        }
        with self.writer.begin() as conn:
            query = select(audit_chain_head.c.seq, audit_chain_head.c.hash).where(
                audit_chain_head.c.id == _HEAD_ID
            )
            if self._postgres:
                query = query.with_for_update()
            head = conn.execute(query).one()
            record["seq"] = int(head.seq) + 1
            record["prev_hash"] = head.hash
            record["hash"] = record_hash(record)
            conn.execute(insert(audit_records).values(**record))
            conn.execute(
                update(audit_chain_head)
                .where(audit_chain_head.c.id == _HEAD_ID)
                .values(seq=record["seq"], hash=record["hash"])
            )
        return record

    def record_over_refusal(
        self, record_id: str | None, *, retried: bool, retry_refused: bool | None
    ) -> None:
        """Note that the upstream refused a request tactful judged safe."""
        with self.writer.begin() as conn:
            conn.execute(
                insert(over_refusals).values(
                    id=str(uuid.uuid4()),
                    record_id=record_id,
                    created_at=now_iso(),
                    retried=retried,
                    retry_refused=retry_refused,
                )
            )

    # ------------------------------------------------------------------ read
    def get(self, record_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_records).where(audit_records.c.id == record_id)).first()
        return dict(row._mapping) if row is not None else None

    def recent(
        self,
        *,
        action: str | None = None,
        category: str | None = None,
        limit: int = 50,
        before_seq: int | None = None,
    ) -> list[dict[str, Any]]:
        """Newest first, without the bulky request and decision bodies."""
        columns = [audit_records.c[name] for name in _SUMMARY_COLUMNS]
        query = select(*columns).order_by(audit_records.c.seq.desc()).limit(limit)
        if action:
            query = query.where(audit_records.c.action == action)
        if category:
            query = query.where(audit_records.c.category == category)
        if before_seq is not None:
            query = query.where(audit_records.c.seq < before_seq)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(audit_records)).scalar_one())

    def over_refusal_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(over_refusals)).scalar_one())

    def head(self) -> tuple[int, str]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(audit_chain_head.c.seq, audit_chain_head.c.hash).where(
                    audit_chain_head.c.id == _HEAD_ID
                )
            ).one()
        return int(row.seq), str(row.hash)

    def iter_records(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every record in chain order, read in batches so memory stays flat."""
        with self._snapshot() as conn:
            yield from self._records(conn, batch)

    def verify(self) -> Verdict:
        """Check the whole chain against the head, on one consistent snapshot of the store."""
        with self._snapshot() as conn:
            row = conn.execute(
                select(audit_chain_head.c.seq, audit_chain_head.c.hash).where(
                    audit_chain_head.c.id == _HEAD_ID
                )
            ).one()
            return verify(self._records(conn, 1000), (int(row.seq), str(row.hash)))

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        options = {"isolation_level": "REPEATABLE READ"} if self._postgres else {}
        with self.engine.connect().execution_options(**options) as conn, conn.begin():
            yield conn

    @staticmethod
    def _records(conn: Connection, batch: int) -> Iterator[dict[str, Any]]:
        last = 0
        while True:
            query = (
                select(audit_records)
                .where(audit_records.c.seq > last)
                .order_by(audit_records.c.seq)
                .limit(batch)
            )
            rows = [dict(r._mapping) for r in conn.execute(query)]
            yield from rows
            if len(rows) < batch:
                return
            last = int(rows[-1]["seq"])

    def dispose(self) -> None:
        self.engine.dispose()


def decoded(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record for JSON output: the decision parsed, the request parsed unless it is a hash."""
    out = dict(record)
    if isinstance(out.get("decision"), str):
        out["decision"] = json.loads(out["decision"])
    if out.get("request_mode") != RequestMode.HASH.value and isinstance(out.get("request"), str):
        out["request"] = json.loads(out["request"])
    return out
