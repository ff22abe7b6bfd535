"""The public decision endpoints: decide, screen, and the policy they decide under."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import ValidationError

from tactful.errors import InputError
from tactful.models import DeploymentContext, Turn
from tactful.policy.summary import summary_markdown
from tactful.server.schemas import (
    DecideRequest,
    DecideResponse,
    ErrorResponse,
    ScreenRequest,
    ScreenResponse,
)
from tactful.server.security import require_public_key
from tactful.server.service import Service

T = TypeVar("T")

router = APIRouter(prefix="/v1", dependencies=[Depends(require_public_key)])
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 504)
}


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def in_threadpool(service: Service, fn: Callable[[], T]) -> T:
    """Run CPU-bound work off the event loop, within the per-request timeout."""
    limit = service.settings.request_timeout_seconds
    try:
        work = anyio.to_thread.run_sync(fn, limiter=service.limiter)
        return await asyncio.wait_for(work, timeout=limit)
    except TimeoutError:
        raise HTTPException(504, f"the decision took longer than {limit:g} s") from None


def check_profile(service: Service, profile: str | None) -> None:
    if profile is not None and profile not in service.engine.policy.profiles:
        known = ", ".join(sorted(service.engine.policy.profiles))
        raise HTTPException(422, f"invalid request: profile: unknown {profile!r}; one of {known}")


@router.post("/decide", response_model=DecideResponse, responses=_ERRORS)
async def decide(body: DecideRequest, request: Request) -> Response:
    """Decide on one request. With `conversation_id`, the messages are appended to the stored
    conversation and the decision covers all of it."""
    service = service_of(request)
    check_profile(service, body.profile)
    messages = (
        [Turn(role="user", content=body.text)] if body.text is not None else body.messages or []
    )
    context = DeploymentContext(capabilities=frozenset(body.capabilities), profile=body.profile)
    plain = [m.model_dump(mode="json") for m in messages]

    def work() -> bytes:
        outcome = service.decide(plain, conversation_id=body.conversation_id, context=context)
        # Serialised here, off the event loop: the loop only moves bytes.
        return (
            DecideResponse(
                record_id=outcome.record_id,
                conversation_id=outcome.conversation_id,
                turns=len(outcome.messages),
                decision=outcome.decision,
            )
            .model_dump_json()
            .encode()
        )

    return Response(await in_threadpool(service, work), media_type="application/json")


@router.post("/screen", response_model=ScreenResponse, responses=_ERRORS)
async def screen(body: ScreenRequest, request: Request) -> ScreenResponse:
    """Screen a batch: one DESIGN §8 record per item, in order; a bad item gets an error record."""
    service = service_of(request)
    if len(body.items) > service.settings.max_batch:
        raise HTTPException(
            413, f"{len(body.items)} items; at most {service.settings.max_batch} per call"
        )
    results = await in_threadpool(service, lambda: [screen_item(service, x, i)
                                                   for i, x in enumerate(body.items)])  # fmt: skip
    return ScreenResponse(results=results)


@router.post("/grade", response_model=ScreenResponse, responses=_ERRORS)
async def grade(body: ScreenRequest, request: Request) -> ScreenResponse:
    """Grade what an assistant answered: items with `id`, `prompt` (or `messages`) and
    `response`; one `tactful grade` record per item, in order; a bad item gets an error record."""
    service = service_of(request)
    if len(body.items) > service.settings.max_batch:
        raise HTTPException(
            413, f"{len(body.items)} items; at most {service.settings.max_batch} per call"
        )
    grader = service.grader()
    results = await in_threadpool(service, lambda: list(grader.grade_items(body.items)))
    return ScreenResponse(results=results)


def screen_item(service: Service, item: Any, index: int) -> dict[str, Any]:
    """One item of a batch, decided and audited; any problem with it becomes its error record."""
    id_: Any = item.get("id", index) if isinstance(item, dict) else index
    try:
        if not isinstance(item, dict):
            raise InputError(f"each item must be a JSON object, got {type(item).__name__}")
        if "messages" in item:
            raw = item["messages"]
            if not isinstance(raw, list):
                raise InputError("'messages' must be a list of {role, content}")
            messages = [Turn.model_validate(m).model_dump(mode="json") for m in raw]
        elif "prompt" in item:
            if not isinstance(item["prompt"], str):
                raise InputError("'prompt' must be a string")
            messages = [{"role": "user", "content": item["prompt"]}]
        else:
            raise InputError("needs a 'prompt' string or a 'messages' list")
        return service.decide(messages).decision.screen_record(id_)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        return {"id": id_, "error": f"invalid messages: {first['msg']} (at {where})"}
    except (InputError, ValueError, TypeError) as exc:
        return {"id": id_, "error": str(exc)}


@router.get("/policy")
async def policy(request: Request) -> dict[str, Any]:
    """The policy in force, as JSON (categories, profiles, messages)."""
    result: dict[str, Any] = service_of(request).engine.policy.model_dump(mode="json")
    return result


@router.get(
    "/policy/summary",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/markdown": {"schema": {"type": "string"}}}}},
)
async def policy_summary(
    request: Request,
    profile: Annotated[str | None, Query(description="Audience profile to describe.")] = None,
) -> PlainTextResponse:
    """The policy as a markdown page an end user can read."""
    service = service_of(request)
    check_profile(service, profile)
    text = summary_markdown(service.engine.policy, profile)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
