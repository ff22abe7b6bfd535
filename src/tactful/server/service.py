"""What the routes share: the engine, the audit trail, appeals and conversation state.

Everything here is synchronous and CPU- or database-bound; the routes call it in a threadpool so
the event loop keeps serving while the engine thinks.
"""

from __future__ import annotations

import threading

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import anyio

from tactful.audit import Appeals, AuditConfig, AuditStore
from tactful.engine import Engine
from tactful.grade.grader import Grader
from tactful.models import Decision, DeploymentContext
from tactful.server.metrics import Metrics
from tactful.server.settings import Settings
from tactful.state import ConversationStore, MemoryConversationStore, SqlConversationStore

log = logging.getLogger("tactful.server")


@dataclass(frozen=True)
class Outcome:
    """A decision with where it was recorded and what it was made on."""

    decision: Decision
    record_id: str
    messages: list[dict[str, str]]
    conversation_id: str | None


class Service:
    """One per app. Thread-safe: the engine, stores and metrics all are."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        if engine is None:
            engine = Engine.from_policy(settings.policy) if settings.policy else Engine.default()
        self.engine = engine
        self.metrics = Metrics()
        # Its own limiter, so decisions queue fairly without starving the database endpoints.
        self.limiter = anyio.CapacityLimiter(settings.decide_threads)
        pool = {"pool_size": settings.db_pool_size, "max_overflow": settings.db_max_overflow}
        config = AuditConfig(mode=settings.audit_request, hash_key=settings.hash_key())
        self.audit = AuditStore.open(settings.audit_url, config, **pool)
        self.appeals = Appeals(self.audit)
        self.state = self._state_store(settings, pool)
        self._grader: Grader | None = None
        self._grader_lock = threading.Lock()

    def grader(self) -> Grader:
        """The grader on this service's engine, built on first use (its model loads lazily)."""
        with self._grader_lock:
            if self._grader is None:
                self._grader = Grader(engine=self.engine)
            return self._grader

    def _state_store(self, settings: Settings, pool: dict[str, int]) -> ConversationStore:
        ttl = settings.state_ttl_seconds
        if settings.state_url == "memory":
            return MemoryConversationStore(ttl)
        if settings.state_url is None or settings.state_url == settings.audit_url:
            return SqlConversationStore(self.audit.engine, ttl)
        return SqlConversationStore.open(settings.state_url, ttl, **pool)

    def decide(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        conversation_id: str | None = None,
        context: DeploymentContext | None = None,
        append: bool = True,
    ) -> Outcome:
        """Decide on `messages` and write the audit record.

        With a conversation id and `append`, the messages are added to the stored conversation
        first and the decision is made on all of it.
        """
        start = time.perf_counter()
        turns = [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]
        if conversation_id is not None and append:
            turns = self.state.append(conversation_id, turns)
        decision = self.engine.decide(turns, context=context)
        latency_ms = (time.perf_counter() - start) * 1000
        record = self.audit.append(
            turns, decision, latency_ms=latency_ms, conversation_id=conversation_id
        )
        self.metrics.decisions.labels(decision.action.value).inc()
        self.metrics.decision_seconds.observe(time.perf_counter() - start)
        if self.settings.log_request_text:
            log.info("decision %s %s on %r", record["id"], decision.action.value, turns[-1])
        else:
            log.info("decision %s %s (%d turns)", record["id"], decision.action.value, len(turns))
        return Outcome(decision, record["id"], turns, conversation_id)

    def ready(self) -> None:
        """Raise if the database cannot be reached."""
        self.audit.head()

    def close(self) -> None:
        self.audit.dispose()
        if isinstance(self.state, SqlConversationStore) and self.state.engine is not (
            self.audit.engine
        ):
            self.state.engine.dispose()
