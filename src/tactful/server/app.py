"""The app factory. No module-level app and no global state: each `create_app` call builds its
own engine wiring, stores, metrics and HTTP client, so tests and replicas never share any."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from tactful._version import __version__
from tactful.engine import Engine
from tactful.server import decisions, errors, openapi, ops, proxy, reviews
from tactful.server.metrics import RequestMetrics
from tactful.server.params import single_valued
from tactful.server.service import Service
from tactful.server.settings import Settings

log = logging.getLogger("tactful.server")

_DESCRIPTION = """Decide when and how an AI assistant should say no — and when it should not.

* `POST /v1/decide`, `POST /v1/screen`: decisions (DESIGN §8 records for batches).
* `POST /v1/chat/completions`: an OpenAI-compatible proxy behind tactful's decision.
* `POST /v1/appeals`: contest a decision; reviewers rule under `/v1/appeals/...` and browse
  `/v1/audit/...` with the admin key; the review console is at `/console`.
"""


async def _purge_expired(service: Service) -> None:
    """Forget expired conversations now and then; reads already ignore them, this frees space."""
    interval = min(max(service.settings.state_ttl_seconds / 2, 0.05), 300.0)
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(service.state.purge)
        except Exception:  # a database hiccup must not end the loop; the next round retries
            log.warning("purging expired conversations failed", exc_info=True)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the service. Opens (and migrates) the audit database now, so a bad URL fails fast."""
    settings = settings or Settings()
    service = Service(settings, engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        timeout = httpx.Timeout(settings.upstream_timeout_seconds, connect=10.0)
        purger = asyncio.create_task(_purge_expired(service))
        try:
            async with httpx.AsyncClient(timeout=timeout) as client:
                app.state.http = client
                yield
        finally:
            purger.cancel()
            app.state.http = None
            service.close()

    app = FastAPI(
        title="tactful",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(single_valued)],
    )
    app.state.service = service
    app.state.http = None
    errors.install(app)
    openapi.install(app, service.engine.policy.profiles)
    for router in (decisions.router, reviews.public, proxy.router, reviews.reviewer,
                   reviews.console, ops.router):  # fmt: skip
        app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "x-api-key"],
        )
    app.add_middleware(errors.BodyLimit, max_bytes=settings.max_body_bytes)

    app.add_middleware(RequestMetrics, metrics=service.metrics)

    return app
