"""Several replicas on one database: the chain stays single and unbroken, conversation appends
all land. Run on SQLite (separate engines, as separate processes would have) and on a real
PostgreSQL (TACTFUL_TEST_PG_URL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_helpers import ADMIN, MakeClient, drop_append_only_guard
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from tactful import Engine
from tactful.audit import AuditStore
from tactful.audit.db import make_engine, migrate
from tactful.state import SqlConversationStore

REPLICAS = 4
PER_REPLICA = 15


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def replicas(db_url: str) -> Iterator[list[AuditStore]]:
    stores = [AuditStore.open(db_url) for _ in range(REPLICAS)]  # each migrates: idempotent
    yield stores
    for store in stores:
        store.dispose()


def run_together(target: object, count: int) -> None:
    barrier = threading.Barrier(count)

    def start(i: int) -> None:
        barrier.wait()
        target(i)  # type: ignore[operator]

    threads = [threading.Thread(target=start, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_concurrent_appends_from_replicas_make_one_chain(
    replicas: list[AuditStore], engine: Engine
) -> None:
    decision = engine.decide("What is the capital of France?")
    errors: list[BaseException] = []

    def replica(i: int) -> None:
        try:
            for n in range(PER_REPLICA):
                message = {"role": "user", "content": f"replica {i} request {n}"}
                replicas[i].append([message], decision, latency_ms=1.0)
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    run_together(replica, REPLICAS)
    assert errors == []
    store = replicas[0]
    assert store.count() == REPLICAS * PER_REPLICA
    verdict = store.verify()
    assert verdict.ok, verdict.breaks
    assert [r["seq"] for r in store.iter_records()] == list(range(1, REPLICAS * PER_REPLICA + 1))


def test_replicas_starting_together_migrate_once(db_url: str) -> None:
    stores: list[AuditStore] = []
    errors: list[BaseException] = []

    def start(_: int) -> None:
        try:
            stores.append(AuditStore.open(db_url))
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    run_together(start, REPLICAS)
    assert errors == []
    assert stores[0].head() == (0, "0" * 64)
    with stores[0].engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            "0002"
        ]
    for store in stores:
        store.dispose()


def test_the_database_refuses_updates_and_deletes(
    replicas: list[AuditStore], engine: Engine
) -> None:
    store = replicas[0]
    store.append([{"role": "user", "content": "m"}], engine.decide("hello"), latency_ms=1)
    for statement in ("UPDATE audit_records SET action = 'comply'", "DELETE FROM audit_records"):
        with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert store.count() == 1
    assert store.verify().ok


def test_tampering_is_detected(replicas: list[AuditStore], engine: Engine) -> None:
    store = replicas[0]
    decision = engine.decide("hello")
    ids = [store.append([{"role": "user", "content": f"m{i}"}], decision, latency_ms=1)["id"]
           for i in range(3)]  # fmt: skip
    with store.engine.begin() as conn:
        drop_append_only_guard(conn)
        conn.execute(text("UPDATE audit_records SET category = 'x' WHERE seq = 2"))
    verdict = store.verify()
    assert not verdict.ok
    assert ids[1] in str(verdict.breaks[0])


def test_audit_cli_verifies_the_shared_chain(
    replicas: list[AuditStore], engine: Engine, db_url: str
) -> None:
    from typer.testing import CliRunner

    from tactful.cli import app as cli

    decision = engine.decide("hello")
    for i in range(3):
        replicas[i].append([{"role": "user", "content": f"m{i}"}], decision, latency_ms=1)
    runner = CliRunner()
    ok = runner.invoke(cli, ["audit", "verify", "--url", db_url])
    assert ok.exit_code == 0, ok.output
    assert "ok: 3 records" in ok.output
    with replicas[0].engine.begin() as conn:
        drop_append_only_guard(conn)
        conn.execute(text("DELETE FROM audit_records WHERE seq = 2"))
    broken = runner.invoke(cli, ["audit", "verify", "--url", db_url])
    assert broken.exit_code == 1
    assert "seq 3" in broken.output


def test_concurrent_conversation_appends_all_land(db_url: str) -> None:
    engines = [make_engine(db_url) for _ in range(REPLICAS)]
    migrate(engines[0])
    stores = [SqlConversationStore(e, ttl=600) for e in engines]

    def replica(i: int) -> None:
        for n in range(10):
            stores[i].append("shared", [{"role": "user", "content": f"{i}-{n}"}])

    run_together(replica, REPLICAS)
    turns = stores[0].get("shared")
    assert len(turns) == REPLICAS * 10
    assert len({t["content"] for t in turns}) == REPLICAS * 10
    for e in engines:
        e.dispose()


def test_conversation_state_expires_and_is_purged(db_url: str) -> None:
    now = [1000.0]
    engine = make_engine(db_url)
    migrate(engine)
    store = SqlConversationStore(engine, ttl=60, clock=lambda: now[0])
    store.append("a", [{"role": "user", "content": "one"}])
    now[0] += 30
    assert len(store.append("a", [{"role": "user", "content": "two"}])) == 2
    now[0] += 61
    assert store.get("a") == []
    assert store.append("a", [{"role": "user", "content": "new"}]) == [
        {"role": "user", "content": "new"}
    ]
    now[0] += 61
    assert store.purge() == 1
    engine.dispose()


def test_the_service_runs_on_the_database(make_client: MakeClient, db_url: str) -> None:
    client: TestClient = make_client(audit_url=db_url)
    body = client.post("/v1/decide", json={"text": "hi", "conversation_id": "c"}).json()
    again = client.post("/v1/decide", json={"text": "and again", "conversation_id": "c"})
    assert again.json()["turns"] == 2
    appeal = client.post("/v1/appeals", json={"record_id": body["record_id"], "reason": "r"})
    assert appeal.status_code == 201
    assert client.get("/v1/audit/verify", headers=ADMIN).json() == {
        "ok": True,
        "checked": 2,
        "breaks": [],
    }
    assert client.get("/readyz").json()["status"] == "ready"
