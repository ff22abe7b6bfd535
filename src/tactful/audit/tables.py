"""The tables tactful keeps in its database: audit records, the chain head, appeals,
over-refusal events and conversation state. The Alembic migrations create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

#: Append-only; `seq` is handed out under the chain-head lock, so it has no gaps by design.
audit_records = Table(
    "audit_records",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("id", String(36), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("conversation_id", String(200)),
    Column("request_mode", String(16), nullable=False),
    Column("request", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("category", String(100)),
    Column("decision", Text, nullable=False),
    Column("policy_version", String(100), nullable=False),
    Column("engine_version", String(100), nullable=False),
    Column("latency_ms", Float, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_records_action", "action"),
    Index("ix_audit_records_category", "category"),
    Index("ix_audit_records_conversation_id", "conversation_id"),
)

#: One row (id = 1): the last record's seq and hash. Locking it orders every append, across
#: processes and replicas, and lets `verify` notice records deleted from the end.
audit_chain_head = Table(
    "audit_chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

appeals = Table(
    "appeals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("record_id", String(36), ForeignKey("audit_records.id"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("messages", Text),  # supplied by the user when the record kept only a hash
    Column("status", String(16), nullable=False),
    Column("reviewer", String(200)),
    Column("note", Text),
    Column("created_at", String(40), nullable=False),
    Column("resolved_at", String(40)),
    Index("ix_appeals_status", "status"),
)

over_refusals = Table(
    "over_refusals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("record_id", String(36)),
    Column("created_at", String(40), nullable=False),
    Column("retried", Boolean, nullable=False),
    Column("retry_refused", Boolean),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("turns", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Index("ix_conversations_updated_at", "updated_at"),
)
