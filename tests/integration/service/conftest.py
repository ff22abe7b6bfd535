"""Fixtures for the service tests: apps on temporary SQLite files, a real PostgreSQL when
TACTFUL_TEST_PG_URL is set (required under CI), and the fake upstream on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_helpers import ADMIN_KEY, IN_CI, MakeClient
from sqlalchemy import create_engine, text

from tactful.server import Settings, create_app
from tactful.testing import FakeUpstream


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """Build an app with settings overrides; the client runs its lifespan until the test ends."""
    open_clients: list[TestClient] = []

    def make(engine: Any = None, **overrides: Any) -> TestClient:
        values: dict[str, Any] = {
            "audit_url": f"sqlite:///{tmp_path / f'audit{len(open_clients)}.db'}",
            "admin_api_key": ADMIN_KEY,
        }
        values.update(overrides)
        client = TestClient(create_app(Settings(**values), engine=engine))
        client.__enter__()
        open_clients.append(client)
        return client

    yield make
    for client in open_clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with FakeUpstream() as fake:
        yield fake


@pytest.fixture
def pg_url() -> str:
    """A clean PostgreSQL database (schema dropped and recreated) for one test."""
    url = os.environ.get("TACTFUL_TEST_PG_URL")
    if not url:
        if IN_CI:
            pytest.fail("TACTFUL_TEST_PG_URL is not set under CI: .ci/run must start PostgreSQL")
        pytest.skip("TACTFUL_TEST_PG_URL is not set (source .ci/services.sh to run PostgreSQL)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
