"""Query-string rules every route shares: a parameter is given once, and a number is a number.

FastAPI reads a repeated scalar parameter as its last value and pydantic reads "6.0" as the
integer 6; either way a client's mistake would pass silently, so both are errors here."""

from __future__ import annotations

import re
from typing import Any

from fastapi import HTTPException, Request
from pydantic import BeforeValidator

_DIGITS = re.compile(r"[+-]?[0-9]+")


def _whole(value: Any) -> Any:
    if isinstance(value, str) and not _DIGITS.fullmatch(value.strip()):
        raise ValueError(f"a whole number, not {value!r:.40}")
    return value


# Placed after the `Query(...)` of an int parameter: a validator placed before the bounds would
# make pydantic write them as `ge`/`le` instead of `minimum`/`maximum` in the schema.
whole_number = BeforeValidator(_whole)


async def single_valued(request: Request) -> None:
    """Reject a query parameter given more than once (no route takes a list)."""
    repeated = sorted({k for k in request.query_params if len(request.query_params.getlist(k)) > 1})
    if repeated:
        raise HTTPException(422, f"invalid request: {', '.join(repeated)}: given more than once")
