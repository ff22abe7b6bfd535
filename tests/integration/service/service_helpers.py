"""Constants and types the service tests share (conftest holds the fixtures)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable

import httpx
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_ready(proc: subprocess.Popen[bytes], base: str, timeout: float = 90) -> None:
    """Poll `/readyz` until the served process answers; fail if it exits or times out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).is_success:
                return
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, "tactful serve exited before it was ready"
        assert time.monotonic() < deadline, "tactful serve did not become ready"
        time.sleep(0.2)
