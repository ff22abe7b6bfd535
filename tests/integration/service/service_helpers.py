"""Constants and types the service tests share (conftest holds the fixtures)."""

from __future__ import annotations

import os
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Connection, text

ADMIN_KEY = "admin-test-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
IN_CI = os.environ.get("CI", "").lower() == "true"

MakeClient = Callable[..., TestClient]


def drop_append_only_guard(conn: Connection) -> None:
    """Remove the triggers that refuse UPDATE and DELETE, as an attacker with DDL rights
    could, so the tests can show the hash chain still catches the edit."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER audit_records_append_only ON audit_records"))
    else:
        conn.execute(text("DROP TRIGGER audit_records_no_update"))
        conn.execute(text("DROP TRIGGER audit_records_no_delete"))
