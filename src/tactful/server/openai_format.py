"""The OpenAI chat-completions wire format: reading messages out of a request, writing an answer
(whole or as server-sent-event chunks), and reading the text back out of an upstream answer."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from tactful.errors import InputError

_ROLES = {"user", "assistant", "system", "tool"}
# What a client may send: `developer` is read as system, the legacy `function` as tool.
_ALIASES = {"developer": "system", "function": "tool"}
ROLE_NAMES = sorted(_ROLES | set(_ALIASES))


def text_of(content: Any) -> str:
    """Message content as text: a string, or the text parts of a multimodal list."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(p.get("text", ""))
            for p in content
            if isinstance(p, dict) and p.get("type") == "text"
        )
    raise InputError(f"message content must be a string or a list of parts, not {content!r:.40}")


def turns_of(body: Mapping[str, Any]) -> list[dict[str, str]]:
    """The {role, content} turns tactful decides on (after checking the types of the `model` and
    `stream` options it reads). `developer` counts as system; function messages as tool output."""
    # The options tactful reads besides the turns: a wrong type is an error, not forwarded.
    for name, kind, what in (("model", str, "a string"), ("stream", bool, "true or false")):
        if body.get(name) is not None and not isinstance(body[name], kind):
            raise InputError(f"invalid request: {name}: {what}, not {body[name]!r:.40}")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise InputError("messages: a non-empty list of {role, content} is required")
    turns = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or "role" not in message:
            raise InputError(f"messages.{i}: each message needs a role")
        if not isinstance(message["role"], str):
            raise InputError(f"messages.{i}.role: a role is a string, not {message['role']!r:.40}")
        role = _ALIASES.get(message["role"], message["role"])
        if role not in _ROLES:
            raise InputError(f"messages.{i}.role: unknown role {message['role']!r}")
        turns.append({"role": role, "content": text_of(message.get("content"))})
    if not any(t["role"] == "user" for t in turns):
        raise InputError("messages: at least one user message is required")
    return turns


def _completion_id() -> str:
    return "chatcmpl-tactful-" + uuid.uuid4().hex


def completion(model: str, content: str) -> dict[str, Any]:
    """A whole chat.completion answering `content` directly."""
    return {
        "id": _completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def completion_chunks(model: str, content: str) -> Iterator[bytes]:
    """The same answer as server-sent events, as a streaming client expects them."""
    base = {"id": _completion_id(), "object": "chat.completion.chunk",
            "created": int(time.time()), "model": model}  # fmt: skip
    deltas: list[tuple[dict[str, Any], str | None]] = [
        ({"role": "assistant", "content": ""}, None),
        ({"content": content}, None),
        ({}, "stop"),
    ]
    for delta, finish in deltas:
        chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()
    yield b"data: [DONE]\n\n"


def answer_text(body: Any) -> str:
    """The assistant text of a chat.completion (empty when it is a tool call)."""
    try:
        return text_of(body["choices"][0]["message"].get("content"))
    except (KeyError, IndexError, TypeError, AttributeError, InputError):
        return ""


class StreamText:
    """Collects the assistant text from SSE bytes as they pass through, without changing them."""

    def __init__(self) -> None:
        self._buffer = b""
        self.parts: list[str] = []

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            line = line.strip()
            if not line.startswith(b"data:"):
                continue
            payload = line[5:].strip()
            if payload == b"[DONE]":
                continue
            try:
                delta = json.loads(payload)["choices"][0]["delta"]
            except (ValueError, KeyError, IndexError, TypeError):
                continue
            if isinstance(delta, dict) and isinstance(delta.get("content"), str):
                self.parts.append(delta["content"])

    @property
    def text(self) -> str:
        return "".join(self.parts)
