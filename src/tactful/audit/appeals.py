"""Appeals: a user contests a decision, a reviewer upholds or overturns it.

Overturned decisions are the most valuable training data tactful gets: each one is a request the
model got wrong, labelled by a person. `feedback` turns them into rows in the shape of the shared
datasets ({id, prompt, label, category, source, meta}).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update

from tactful.audit.redact import RequestMode, matches_digest
from tactful.audit.store import AuditStore, now_iso
from tactful.audit.tables import appeals, audit_records
from tactful.errors import InputError, TactfulError


class AppealStatus(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class NotFoundError(TactfulError):
    """An audit record or appeal id that does not exist."""


class ConflictError(TactfulError):
    """An appeal that is already open, or already resolved."""


_LISTED = (
    appeals,
    audit_records.c.action,
    audit_records.c.kind,
    audit_records.c.category,
    audit_records.c.created_at.label("decided_at"),
)


class Appeals:
    """Appeals against audit records, in the same database as the audit trail."""

    def __init__(self, store: AuditStore) -> None:
        self._store = store

    def file(
        self,
        record_id: str,
        reason: str,
        messages: Sequence[Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Open an appeal. When the record kept only a hash, the user supplies the messages
        (they are checked against the hash), so a reviewer can read what was asked."""
        record = self._store.get(record_id)
        if record is None:
            raise NotFoundError(f"no audit record with id {record_id!r}")
        kept: str | None = None
        if record["request_mode"] == RequestMode.HASH.value:
            if not messages:
                raise InputError(
                    "this decision was recorded as a hash only; include the messages you sent "
                    "so a reviewer can read them"
                )
            if not matches_digest(messages, record["request"], self._store.config.hash_key):
                raise InputError("the messages do not match the ones this decision was made on")
            kept = json.dumps([{"role": m["role"], "content": m["content"]} for m in messages])
        row = {
            "id": str(uuid.uuid4()),
            "record_id": record_id,
            "reason": reason,
            "messages": kept,
            "status": AppealStatus.PENDING.value,
            "created_at": now_iso(),
        }
        with self._store.writer.begin() as conn:
            open_ = conn.execute(
                select(appeals.c.id).where(
                    appeals.c.record_id == record_id,
                    appeals.c.status == AppealStatus.PENDING.value,
                )
            ).first()
            if open_ is not None:
                raise ConflictError(f"appeal {open_.id} against this decision is already open")
            conn.execute(appeals.insert().values(**row))
        return self.get(str(row["id"]))

    def resolve(
        self, appeal_id: str, outcome: AppealStatus, *, reviewer: str, note: str
    ) -> dict[str, Any]:
        """Uphold or overturn a pending appeal; a resolved appeal cannot be resolved again."""
        if outcome is AppealStatus.PENDING:
            raise InputError("an appeal is resolved as upheld or overturned")
        with self._store.writer.begin() as conn:
            result = conn.execute(
                update(appeals)
                .where(appeals.c.id == appeal_id, appeals.c.status == AppealStatus.PENDING.value)
                .values(status=outcome.value, reviewer=reviewer, note=note, resolved_at=now_iso())
            )
            if result.rowcount == 0:
                exists = conn.execute(
                    select(appeals.c.status).where(appeals.c.id == appeal_id)
                ).first()
                if exists is None:
                    raise NotFoundError(f"no appeal with id {appeal_id!r}")
                raise ConflictError(f"appeal {appeal_id} is already {exists.status}")
        return self.get(appeal_id)

    def get(self, appeal_id: str) -> dict[str, Any]:
        query = select(*_LISTED).join(audit_records).where(appeals.c.id == appeal_id)
        with self._store.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFoundError(f"no appeal with id {appeal_id!r}")
        return dict(row._mapping)

    def list(self, status: AppealStatus | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Oldest first: the queue is worked in the order users asked."""
        query = select(*_LISTED).join(audit_records).order_by(appeals.c.created_at).limit(limit)
        if status is not None:
            query = query.where(appeals.c.status == status.value)
        with self._store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def feedback(self) -> Iterator[dict[str, Any]]:
        """Overturned decisions as labelled rows, in the shape of the shared datasets."""
        query = (
            select(
                appeals,
                audit_records.c.request,
                audit_records.c.request_mode,
                audit_records.c.decision,
            )
            .join(audit_records)
            .where(appeals.c.status == AppealStatus.OVERTURNED.value)
            .order_by(appeals.c.resolved_at)
        )
        with self._store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            yield feedback_row(row)


def feedback_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One overturned decision as a training example; the label is the opposite verdict."""
    decision = json.loads(row["decision"])
    if row["messages"]:
        messages = json.loads(row["messages"])
    elif row["request_mode"] == RequestMode.HASH.value:
        messages = []
    else:
        messages = json.loads(row["request"])
    users = [m["content"] for m in messages if m["role"] == "user"]
    # tactful declined (or flagged) and a person said it should not have: a benign example.
    declined = decision["action"] not in ("comply", "comply_with_note") or decision["flagged"]
    out: dict[str, Any] = {
        "id": f"tactful-appeal-{row['id']}",
        "prompt": users[-1] if users else "",
        "label": "benign" if declined else "harmful",
        "category": decision["category"],
        "source": "tactful/appeals",
        "meta": {
            "record_id": row["record_id"],
            "original_action": decision["action"],
            "request_mode": row["request_mode"],
            "reason": row["reason"],
            "reviewer": row["reviewer"],
            "note": row["note"],
            "resolved_at": row["resolved_at"],
        },
    }
    if len(messages) > 1:
        out["meta"]["messages"] = messages
    return out
