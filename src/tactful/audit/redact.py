"""How much of a request the audit trail keeps: the full text, a redacted copy, or a hash.

Redaction removes the identifiers that most often make a log a privacy problem (e-mail addresses,
phone and card numbers, IP addresses, URLs with credentials); it is a safety net, not an
anonymiser. The hash mode keeps nothing readable: an HMAC when a key is configured, so a short
request cannot be recovered by hashing guesses, and plain SHA-256 otherwise.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from tactful.audit.chain import canonical


class RequestMode(StrEnum):
    """What the audit record stores of the request."""

    FULL = "full"
    REDACTED = "redacted"
    HASH = "hash"


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[EMAIL]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[URL]", re.compile(r"\b(?:https?|ftp)://\S+", re.IGNORECASE)),
    ("[IP]", re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")),
    # Card numbers: 13-19 digits, optionally grouped by spaces or dashes.
    ("[CARD]", re.compile(r"\b(?:\d[ -]?){12,18}\d\b")),
    # Phone numbers: an optional +country code, then 7+ digits with common separators.
    ("[PHONE]", re.compile(r"(?<![\w+])\+?\d[\d ().-]{6,}\d\b")),
    ("[IBAN]", re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b")),
)


def redact(text: str) -> str:
    """The text with personal identifiers replaced by a placeholder naming what was there."""
    for placeholder, pattern in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text


def request_digest(messages: Sequence[Mapping[str, Any]], key: bytes | None = None) -> str:
    """A stable digest of the messages; the same conversation always gives the same digest."""
    body = canonical([{"role": m["role"], "content": m["content"]} for m in messages]).encode()
    if key:
        return "hmac-sha256:" + hmac.new(key, body, hashlib.sha256).hexdigest()
    return "sha256:" + hashlib.sha256(body).hexdigest()


def stored_request(
    messages: Sequence[Mapping[str, Any]], mode: RequestMode, key: bytes | None = None
) -> str:
    """What the audit record keeps of the messages under `mode`, as a string."""
    if mode is RequestMode.HASH:
        return request_digest(messages, key)
    keep = [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]
    if mode is RequestMode.REDACTED:
        keep = [{"role": m["role"], "content": redact(m["content"])} for m in keep]
    return canonical(keep)


def matches_digest(
    messages: Sequence[Mapping[str, Any]], digest: str, key: bytes | None = None
) -> bool:
    """Whether `messages` are the ones a hash-mode record was made from (for appeals)."""
    return hmac.compare_digest(request_digest(messages, key), digest)
