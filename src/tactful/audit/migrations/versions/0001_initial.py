"""Audit records, chain head, appeals, over-refusal events, conversation state.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("conversation_id", sa.String(200)),
        sa.Column("request_mode", sa.String(16), nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("category", sa.String(100)),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("policy_version", sa.String(100), nullable=False),
        sa.Column("engine_version", sa.String(100), nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_records_action", "audit_records", ["action"])
    op.create_index("ix_audit_records_category", "audit_records", ["category"])
    op.create_index("ix_audit_records_conversation_id", "audit_records", ["conversation_id"])
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])
    op.create_table(
        "appeals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36), sa.ForeignKey("audit_records.id"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("messages", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("resolved_at", sa.String(40)),
    )
    op.create_index("ix_appeals_status", "appeals", ["status"])
    op.create_table(
        "over_refusals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36)),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("retried", sa.Boolean, nullable=False),
        sa.Column("retry_refused", sa.Boolean),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("turns", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_conversations_updated_at", "conversations", ["updated_at"])


def downgrade() -> None:
    for table in ("conversations", "over_refusals", "appeals", "audit_chain_head"):
        op.drop_table(table)
    op.drop_table("audit_records")
