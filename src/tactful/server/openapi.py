"""The OpenAPI schema, with what only the running service knows filled in.

The policy's profile names come from the YAML loaded at start-up, not from the code, so FastAPI
can only say "a string"; a client (or schemathesis) reading the schema should see the names the
service actually accepts. The schema is also where a 405 learns every method its path allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI
from starlette.routing import compile_path

_MethodTable = list[tuple[re.Pattern[str], list[str]]]
_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _name_profiles(schema: dict[str, Any], profiles: list[str]) -> None:
    enum = {"type": "string", "enum": profiles}
    decide = schema.get("components", {}).get("schemas", {}).get("DecideRequest", {})
    if "profile" in decide.get("properties", {}):
        field = decide["properties"]["profile"]
        field["anyOf"] = [enum, {"type": "null"}]
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "profile" and parameter.get("in") == "query":
                    parameter["schema"]["anyOf"] = [enum, {"type": "null"}]


def install(app: FastAPI, profiles: Iterable[str]) -> None:
    """Serve the schema with the policy's profile names as the `profile` enum (built once, by
    FastAPI's own builder, then filled in)."""
    names = sorted(profiles)
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _name_profiles(build(), names)
        return build()  # FastAPI keeps what it built (and was filled in) in `openapi_schema`

    app.openapi = openapi  # type: ignore[method-assign]


def methods_at(app: FastAPI, path: str) -> list[str]:
    """The methods the schema documents for the path a request named (empty if none does)."""
    table: _MethodTable | None = getattr(app.state, "methods_by_path", None)
    if table is None:
        table = [
            (compile_path(template)[0], sorted(m.upper() for m in item if m in _HTTP_METHODS))
            for template, item in app.openapi().get("paths", {}).items()
        ]
        app.state.methods_by_path = table
    return next((methods for pattern, methods in table if pattern.match(path)), [])
