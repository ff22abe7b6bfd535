"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from tactful._version import __version__
from tactful.server.decisions import service_of

router = APIRouter(include_in_schema=True)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up and serving."""
    return {"status": "ok", "version": __version__}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready to take traffic: the engine is loaded and the database answers."""
    service = service_of(request)
    try:
        await run_in_threadpool(service.ready)
    except Exception as exc:  # any failure to reach the database means "not ready"
        body = {"status": "unavailable", "reason": f"database: {type(exc).__name__}"}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ready", "policy_version": service.engine.policy.version})


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
async def metrics(request: Request) -> Response:
    registry = service_of(request).metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
