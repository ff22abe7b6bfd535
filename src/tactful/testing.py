"""Test doubles users can script: a fake OpenAI-compatible upstream on loopback.

    from tactful.testing import FakeUpstream, Reply

    with FakeUpstream() as upstream:
        upstream.script(Reply("Here is the answer."), Reply("I'm sorry, but I can't."))
        settings = Settings(upstream_base_url=upstream.base_url)
        ...
        upstream.requests[0].body["messages"]  # what tactful forwarded

It speaks `POST /chat/completions`, whole or streamed (server-sent events, one chunk per word),
answers scripted replies in order and then the default, and records every request. Standard
library only, so it works without the serve extra; it listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted upstream answer."""

    content: str | None = "OK."
    tool_calls: list[dict[str, Any]] | None = None
    status: int = 200
    #: Seconds to wait before answering (to exercise timeouts and concurrency).
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    """One request the fake upstream received."""

    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeUpstream:
    """A scriptable OpenAI-compatible server on 127.0.0.1, run in a background thread."""

    def __init__(self, default: Reply | None = None) -> None:
        self.default = default or Reply()
        self.requests: list[Received] = []
        self._queue: deque[Reply] = deque()
        self._responder: Callable[[dict[str, Any]], Reply] | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order."""
        with self._lock:
            self._queue.extend(replies)

    def respond_with(self, responder: Callable[[dict[str, Any]], Reply] | None) -> None:
        """Compute each reply from the request body (after the scripted ones run out)."""
        self._responder = responder

    def next_reply(self, body: dict[str, Any], headers: dict[str, str] | None = None) -> Reply:
        with self._lock:
            self.requests.append(Received(body, headers or {}))
            if self._queue:
                return self._queue.popleft()
        return self._responder(body) if self._responder else self.default

    def start(self) -> FakeUpstream:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeUpstream:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def completion_body(reply: Reply, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.tool_calls is not None:
        message["tool_calls"] = reply.tool_calls
    finish = "tool_calls" if reply.tool_calls else "stop"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def stream_events(reply: Reply, model: str) -> Iterator[bytes]:
    """The reply as SSE chunks: a role chunk, one chunk per word, a finish chunk, [DONE]."""
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model}
    words = (reply.content or "").split(" ")
    deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
    deltas += [{"content": w if i == 0 else " " + w} for i, w in enumerate(words) if w or i == 0]
    if reply.tool_calls is not None:
        deltas.append({"tool_calls": reply.tool_calls})
    for delta in deltas:
        chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
        yield f"data: {json.dumps(chunk)}\n\n".encode()
    finish = "tool_calls" if reply.tool_calls else "stop"
    end = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}
    yield f"data: {json.dumps(end)}\n\n".encode()
    yield b"data: [DONE]\n\n"


def _handler_for(upstream: FakeUpstream) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:  # keep test output clean
            return

        def do_POST(self) -> None:
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            length = int(self.headers.get("content-length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._json(400, {"error": {"message": "body is not JSON"}})
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = upstream.next_reply(body, headers)
            if reply.delay:
                time.sleep(reply.delay)
            model = str(body.get("model", "fake"))
            if reply.status >= 400:
                self._json(reply.status, {"error": {"message": reply.content or "error"}})
            elif body.get("stream"):
                self._stream(stream_events(reply, model))
            else:
                self._json(200, completion_body(reply, model))

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, events: Iterator[bytes]) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
            for event in events:
                self.wfile.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")

    return Handler
