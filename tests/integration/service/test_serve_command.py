"""`tactful serve` as a user runs it, settings from the environment, and a light default import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from service_helpers import free_port, wait_ready

from tactful.server import Settings


def test_import_tactful_stays_light() -> None:
    code = (
        "import sys, tactful, tactful.cli\n"
        "heavy = {'fastapi', 'sqlalchemy', 'starlette', 'uvicorn', 'httpx', 'alembic',"
        " 'prometheus_client', 'psycopg'}\n"
        "loaded = sorted(heavy & {m.split('.')[0] for m in sys.modules})\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_settings_come_from_tactful_environment_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TACTFUL_AUDIT_URL", f"sqlite:///{tmp_path}/x.db")
    monkeypatch.setenv("TACTFUL_AUDIT_REQUEST", "hash")
    monkeypatch.setenv("TACTFUL_CORS_ORIGINS", '["https://a.example"]')
    monkeypatch.setenv("TACTFUL_MAX_BODY_BYTES", "2048")
    settings = Settings()
    assert settings.audit_url.endswith("x.db")
    assert settings.audit_request.value == "hash"
    assert settings.cors_origins == ["https://a.example"]
    assert settings.max_body_bytes == 2048
    monkeypatch.setenv("TACTFUL_AUDIT_REQUEST", "everything")
    with pytest.raises(ValueError, match="audit_request"):
        Settings()


def test_in_memory_sqlite_is_refused_with_a_reason() -> None:
    from tactful.audit import AuditStore

    with pytest.raises(ValueError, match="in-memory SQLite is not supported"):
        AuditStore.open("sqlite://")


def test_tactful_serve_runs_the_service(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "served.db"
    env = {**os.environ, "TACTFUL_ADMIN_API_KEY": "k"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tactful.cli", "serve", "--port", str(port),
         "--audit-url", f"sqlite:///{db}", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        wait_ready(proc, f"http://127.0.0.1:{port}", timeout=60)
        answer = httpx.post(f"http://127.0.0.1:{port}/v1/decide", json={"text": "hello"})
        assert answer.json()["decision"]["action"] == "comply"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert db.exists()
