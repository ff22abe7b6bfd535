"""API keys: reviewer and admin endpoints always need one; public ones when configured.

A key is sent as `Authorization: Bearer <key>` (what OpenAI clients send) or `X-API-Key`, and
compared in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request
from pydantic import SecretStr


def _presented(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("x-api-key")


def _matches(presented: str | None, expected: SecretStr) -> bool:
    if presented is None:
        return False
    return hmac.compare_digest(presented.encode(), expected.get_secret_value().encode())


def _challenge(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


async def require_public_key(request: Request) -> None:
    """Open unless `TACTFUL_API_KEY` is set; the admin key is accepted too."""
    settings = request.app.state.service.settings
    if settings.api_key is None:
        return
    presented = _presented(request)
    if _matches(presented, settings.api_key) or (
        settings.admin_api_key is not None and _matches(presented, settings.admin_api_key)
    ):
        return
    raise _challenge("this endpoint needs an API key (Authorization: Bearer <key>)")


async def require_admin_key(request: Request) -> None:
    settings = request.app.state.service.settings
    if settings.admin_api_key is None:
        raise HTTPException(
            403, "reviewer endpoints are disabled: set TACTFUL_ADMIN_API_KEY to enable them"
        )
    if not _matches(_presented(request), settings.admin_api_key):
        raise _challenge("this endpoint needs the admin API key (Authorization: Bearer <key>)")
