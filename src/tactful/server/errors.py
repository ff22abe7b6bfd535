"""Every error answers JSON `{"error": {"message", "type"}}` (the OpenAI shape, so proxy clients
parse it too), with a message that says what was wrong and where."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tactful.audit import ConflictError, NotFoundError
from tactful.errors import InputError, TactfulError
from tactful.server import openapi

log = logging.getLogger("tactful.server")

_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    409: "conflict_error",
    413: "request_too_large",
    422: "invalid_request_error",
    502: "upstream_error",
    504: "timeout_error",
}


def error_response(status: int, message: str) -> JSONResponse:
    body = {"error": {"message": message, "type": _TYPES.get(status, "server_error")}}
    return JSONResponse(body, status_code=status)


def _where(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{_where(tuple(e['loc']))}: {e['msg']}" for e in exc.errors()[:5]]
        return error_response(422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(ValidationError)
    async def _invalid_value(_: Request, exc: ValidationError) -> JSONResponse:
        first = exc.errors()[0]
        return error_response(
            422, f"invalid request: {_where(tuple(first['loc']))}: {first['msg']}"
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        response = error_response(exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            # Starlette names only the first route that matched the path; `/v1/appeals` has two
            # (a public POST and a reviewer GET), so the schema says what the path allows.
            allowed = openapi.methods_at(request.app, request.url.path)
            if allowed:
                response.headers["allow"] = ", ".join(allowed)
        return response

    @app.exception_handler(TactfulError)
    async def _tactful(_: Request, exc: TactfulError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return error_response(404, str(exc))
        if isinstance(exc, ConflictError):
            return error_response(409, str(exc))
        if isinstance(exc, InputError):
            return error_response(422, str(exc))
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, f"internal error ({type(exc).__name__}); see the server log")


class BodyLimit:
    """Answers 413 for bodies over `max_bytes`, by header or by counting what actually arrives
    (a chunked upload has no Content-Length to trust)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = HTTPException(
            413, f"request body is larger than the limit of {self.max_bytes} bytes"
        )
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await error_response(413, str(too_large.detail))(scope, receive, send)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise too_large
            return message

        await self.app(scope, counted, send)
