"""Appeals (filed by users) and the reviewer's side: audit records, the queue, rulings, and the
review console page."""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from tactful.audit import AppealStatus
from tactful.audit.store import decoded
from tactful.server.decisions import service_of
from tactful.server.params import whole_number
from tactful.server.schemas import AppealRequest, ErrorResponse, ResolveRequest
from tactful.server.security import require_admin_key, require_public_key

# The errors every route of a router can answer, for the OpenAPI schema (schemathesis checks
# that nothing else comes back): 400 a body that is not JSON, 401 a wrong key, 403 reviewer
# routes while no admin key is configured (disabled by design), 422 a body that does not fit.
_PUBLIC_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 422)
}
public = APIRouter(
    prefix="/v1", dependencies=[Depends(require_public_key)], responses=_PUBLIC_ERRORS
)
reviewer = APIRouter(
    prefix="/v1",
    dependencies=[Depends(require_admin_key)],
    responses={**_PUBLIC_ERRORS, 403: {"model": ErrorResponse}},
)
console = APIRouter()

_STATIC = files("tactful.server") / "console"
_CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css"}
# The console handles the admin key: it runs only its own files and cannot be framed.
_GUARDED = {
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@public.post(
    "/appeals",
    status_code=201,
    responses={
        # The new appeal's id is what a reviewer rules on (an OpenAPI link, for clients and
        # schemathesis' stateful runs).
        201: {
            "links": {
                "ResolveAppeal": {
                    "operationId": "resolve_appeal",
                    "parameters": {"appeal_id": "$response.body#/id"},
                }
            }
        },
        # 404: no audit record with that id; 409: an appeal against it is already open.
        **{code: {"model": ErrorResponse} for code in (404, 409)},
    },
)
async def file_appeal(body: AppealRequest, request: Request) -> dict[str, Any]:
    """Contest a decision by its record id. The appeal waits for a reviewer."""
    service = service_of(request)
    messages = [m.model_dump(mode="json") for m in body.messages] if body.messages else None
    return await run_in_threadpool(service.appeals.file, body.record_id, body.reason, messages)


@reviewer.get("/appeals")
async def list_appeals(
    request: Request,
    status: Annotated[AppealStatus | None, Query(description="Only appeals in this state.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000), whole_number] = 100,
) -> list[dict[str, Any]]:
    """The appeals queue, oldest first."""
    return await run_in_threadpool(service_of(request).appeals.list, status, limit)


@reviewer.post(
    "/appeals/{appeal_id}/resolve",
    operation_id="resolve_appeal",
    # 404: no appeal with that id; 409: it has been ruled on already.
    responses={code: {"model": ErrorResponse} for code in (404, 409)},
)
async def resolve_appeal(appeal_id: str, body: ResolveRequest, request: Request) -> dict[str, Any]:
    """Uphold or overturn a pending appeal; overturned decisions become training feedback."""
    service = service_of(request)
    return await run_in_threadpool(
        lambda: service.appeals.resolve(
            appeal_id, AppealStatus(body.outcome), reviewer=body.reviewer, note=body.note
        )
    )


@reviewer.get("/audit/records")
async def recent_records(
    request: Request,
    action: Annotated[str | None, Query(description="Only this action.")] = None,
    category: Annotated[str | None, Query(description="Only this category.")] = None,
    limit: Annotated[int, Query(ge=1, le=500), whole_number] = 50,
    before_seq: Annotated[
        # A sequence number is a 64-bit signed integer in both databases.
        int | None,
        Query(ge=1, le=2**63 - 1, description="Records older than this seq."),
        whole_number,
    ] = None,
) -> list[dict[str, Any]]:
    """Recent decisions, newest first (summaries; fetch one record for its factors and trace)."""
    store = service_of(request).audit
    return await run_in_threadpool(
        lambda: store.recent(action=action, category=category, limit=limit, before_seq=before_seq)
    )


@reviewer.get("/audit/records/{record_id}", responses={404: {"model": ErrorResponse}})
async def one_record(record_id: str, request: Request) -> dict[str, Any]:
    """One decision in full: the stored request, factors, trace, versions and chain hashes."""
    record = await run_in_threadpool(service_of(request).audit.get, record_id)
    if record is None:
        raise HTTPException(404, f"no audit record with id {record_id!r}")
    return decoded(record)


@reviewer.get("/audit/verify")
async def verify_chain(request: Request) -> dict[str, Any]:
    """Verify the whole hash chain now."""
    verdict = await run_in_threadpool(service_of(request).audit.verify)
    return {
        "ok": verdict.ok,
        "checked": verdict.checked,
        "breaks": [str(b) for b in verdict.breaks],
    }


@console.get("/console", response_class=HTMLResponse, include_in_schema=False)
async def console_page() -> HTMLResponse:
    """The review console: plain HTML and JS, no build step; it asks for the admin key."""
    return HTMLResponse((_STATIC / "index.html").read_text(encoding="utf-8"), headers=_GUARDED)


@console.get("/console/{name}", include_in_schema=False)
async def console_asset(name: str) -> Response:
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in _CONTENT_TYPES or "/" in name or name.startswith("."):
        raise HTTPException(404, f"no console file {name!r}")
    asset = _STATIC / name
    if not asset.is_file():
        raise HTTPException(404, f"no console file {name!r}")
    text = asset.read_text(encoding="utf-8")
    return Response(text, media_type=_CONTENT_TYPES[suffix], headers=_GUARDED)
