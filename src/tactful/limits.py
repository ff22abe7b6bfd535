"""Input limits: how much one request may hold before it is refused as an error, never judged.

A guard that silently truncates lets a harmful request ride at the end of a long message; one that
reads anything it is given can be made to spend unbounded time and memory. So every limit here is
explicit, documented, and breaking one raises `InputTooLargeError` (an `InputError`) naming the
limit (the HTTP layer maps it to 413). Within the limits a long message is judged whole and in
overlapping windows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field

from tactful.errors import InputError, InputTooLargeError


class Limits(BaseModel):
    """Bounds on one request; each is a setting an engine is built with (`Engine(limits=…)`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_message_chars: int = Field(
        default=32_000,
        ge=1,
        description="Most characters one message may hold. Longer messages are an error, not "
        "truncated: a long message is judged in overlapping windows, so cost grows with length.",
    )
    max_messages: int = Field(
        default=256, ge=1, description="Most messages (all roles) one conversation may hold."
    )
    max_nesting: int = Field(
        default=16,
        ge=2,
        description="Deepest JSON nesting of one screened item (objects and lists inside each "
        "other); a `messages` item is three levels deep.",
    )
    max_line_bytes: int = Field(
        default=1_000_000,
        ge=64,
        description="Longest line `tactful screen` reads; a longer line is skipped with an error "
        "record without being held in memory.",
    )


DEFAULT_LIMITS = Limits()
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_request(request: object, limits: Limits) -> None:
    """Raise `InputTooLargeError` if a text or message list breaks a limit (`InputError` if it
    is not valid text); cheap, before any parsing."""
    if isinstance(request, str):
        check_text(request, limits, "the message")
        return
    turns = getattr(request, "turns", request)  # a Conversation, or a list of messages
    if not isinstance(turns, Sequence) or isinstance(turns, str | bytes | bytearray):
        return  # not a message list: to_conversation says what is wrong with it
    if len(turns) > limits.max_messages:
        raise InputTooLargeError(
            f"too many messages: {len(turns)} (the limit is {limits.max_messages})"
        )
    for i, turn in enumerate(turns):
        content = turn.get("content") if isinstance(turn, Mapping) else getattr(turn, "content", "")
        if isinstance(content, str):
            check_text(content, limits, f"message {i + 1}")


def check_text(text: str, limits: Limits, what: str) -> None:
    """Raise `InputTooLargeError` if `text` is over the message limit, `InputError` if it is not
    valid text (a lone surrogate); `what` names it in the message."""
    if len(text) > limits.max_message_chars:
        raise InputTooLargeError(
            f"{what} is too long: {len(text):,} characters "
            f"(the limit is {limits.max_message_chars:,})"
        )
    if not text.isascii():
        bad = _SURROGATE.search(text)
        if bad is not None:  # valid JSON ("\ud800") but not text: no encoder accepts it
            raise InputError(f"{what} is not valid Unicode: a lone surrogate at {bad.start()}")


def nesting_depth(value: Any, stop_after: int) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iterative: no recursion limit).

    Counting stops once `stop_after` is exceeded, so a hostile value costs no more than that.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > stop_after:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def check_nesting(value: Any, limits: Limits) -> None:
    depth = nesting_depth(value, limits.max_nesting)
    if depth > limits.max_nesting:
        raise InputTooLargeError(f"nested more than {limits.max_nesting} levels deep")


class OversizedLine:
    """Stands in for a line longer than the limit; its bytes were read past, never kept."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit

    def __str__(self) -> str:
        return f"line is too long: {self.size:,} bytes (the limit is {self.limit:,})"


def bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | OversizedLine]:
    """The stream's lines, with any line over `max_bytes` replaced by an `OversizedLine`.

    Memory stays bounded by `max_bytes` whatever the input: an oversized line is consumed in
    chunks and counted, so the lines after it keep their numbers and are still read.
    """
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield line
            continue
        size = len(line)
        while True:  # read past the rest of the line without keeping it
            chunk = stream.readline(1 << 16)
            size += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                size -= chunk.endswith(b"\n")
                break
        yield OversizedLine(size, max_bytes)
