"""Conversation state: the turns of each conversation so far, keyed by conversation id.

A client may send only its newest message with a conversation id; the store appends it to the
earlier turns and hands back the whole conversation to decide on. Appends to one conversation
are serialised (a lock in process, the database's row or write lock in SQL), so two requests of
the same conversation arriving together both land. State unused for `ttl` seconds is forgotten.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import Engine, delete, insert, select, update

from tactful.audit.db import is_postgres, make_engine, migrate, writer
from tactful.audit.tables import conversations

#: Turns kept per conversation; the engine reads far fewer, this only bounds storage.
MAX_TURNS = 200

Message = dict[str, str]


class ConversationStore(Protocol):
    """Where conversation turns live between requests."""

    def append(self, conversation_id: str, messages: Sequence[Mapping[str, Any]]) -> list[Message]:
        """Add `messages` after the stored turns and return all turns, oldest first."""
        ...

    def get(self, conversation_id: str) -> list[Message]:
        """The stored turns (empty when unknown or expired)."""
        ...

    def purge(self) -> int:
        """Forget expired conversations; return how many."""
        ...


def _clean(messages: Sequence[Mapping[str, Any]]) -> list[Message]:
    return [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]


class MemoryConversationStore:
    """In-process state: fast, lost on restart, not shared between replicas."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.time) -> None:
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._data: dict[str, tuple[float, list[Message]]] = {}

    def append(self, conversation_id: str, messages: Sequence[Mapping[str, Any]]) -> list[Message]:
        now = self._clock()
        with self._lock:
            turns = self._live(conversation_id, now) + _clean(messages)
            turns = turns[-MAX_TURNS:]
            self._data[conversation_id] = (now, turns)
            return list(turns)

    def get(self, conversation_id: str) -> list[Message]:
        with self._lock:
            return list(self._live(conversation_id, self._clock()))

    def purge(self) -> int:
        now = self._clock()
        with self._lock:
            stale = [k for k, (t, _) in self._data.items() if now - t > self.ttl]
            for key in stale:
                del self._data[key]
            return len(stale)

    def _live(self, conversation_id: str, now: float) -> list[Message]:
        entry = self._data.get(conversation_id)
        if entry is None or now - entry[0] > self.ttl:
            return []
        return entry[1]


class SqlConversationStore:
    """State in SQLite or PostgreSQL, shared by every replica using the same database."""

    def __init__(self, engine: Engine, ttl: float, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.ttl = ttl
        self._clock = clock
        self._writer = writer(engine)
        self._postgres = is_postgres(engine)

    @classmethod
    def open(cls, url: str, ttl: float, **engine_kw: Any) -> SqlConversationStore:
        engine = make_engine(url, **engine_kw)
        migrate(engine)
        return cls(engine, ttl)

    def append(self, conversation_id: str, messages: Sequence[Mapping[str, Any]]) -> list[Message]:
        now = self._clock()
        table = conversations
        with self._writer.begin() as conn:
            if self._postgres:
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                # Make sure the row exists, then lock it: concurrent appends queue on the row.
                conn.execute(
                    pg_insert(table)
                    .values(id=conversation_id, turns="[]", created_at=now, updated_at=now)
                    .on_conflict_do_nothing(index_elements=["id"])
                )
                query = select(table).where(table.c.id == conversation_id).with_for_update()
            else:
                # SQLite: this transaction began IMMEDIATE and already holds the write lock.
                query = select(table).where(table.c.id == conversation_id)
            row = conn.execute(query).first()
            stored: list[Message] = []
            if row is not None and now - float(row.updated_at) <= self.ttl:
                stored = json.loads(row.turns)
            turns = (stored + _clean(messages))[-MAX_TURNS:]
            body = json.dumps(turns, ensure_ascii=False)
            if row is None:
                conn.execute(
                    insert(table).values(
                        id=conversation_id, turns=body, created_at=now, updated_at=now
                    )
                )
            else:
                conn.execute(
                    update(table)
                    .where(table.c.id == conversation_id)
                    .values(turns=body, updated_at=now)
                )
        return turns

    def get(self, conversation_id: str) -> list[Message]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(conversations).where(conversations.c.id == conversation_id)
            ).first()
        if row is None or self._clock() - float(row.updated_at) > self.ttl:
            return []
        turns: list[Message] = json.loads(row.turns)
        return turns

    def purge(self) -> int:
        cutoff = self._clock() - self.ttl
        with self._writer.begin() as conn:
            result = conn.execute(delete(conversations).where(conversations.c.updated_at < cutoff))
        return int(result.rowcount)
