"""Prometheus metrics, on a registry per app so several apps (tests, replicas) never collide."""

from __future__ import annotations

import logging
import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("tactful.server")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "tactful_http_requests_total",
            "HTTP requests by route and status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.decisions = Counter(
            "tactful_decisions_total",
            "Decisions by action.",
            ["action"],
            registry=self.registry,
        )
        self.decision_seconds = Histogram(
            "tactful_decision_seconds",
            "Time to decide and record one request.",
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=self.registry,
        )
        self.over_refusals = Counter(
            "tactful_over_refusals_total",
            "Upstream refusals of requests tactful judged safe.",
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "tactful_upstream_errors_total",
            "Upstream calls that failed or answered an error status.",
            registry=self.registry,
        )


class RequestMetrics:
    """Counts and logs every HTTP request by route template and status (plain ASGI: no body
    buffering, unlike a decorator middleware). Logs method, route and status only: request
    text is logged by the service, and only when configured."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                # Server-Timing: time in this process before the first byte, so clients can
                # tell server time from network and queueing on their side.
                took = (time.perf_counter() - start) * 1000
                headers = [*message.get("headers", []), (b"server-timing", b"app;dur=%.1f" % took)]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.requests.labels(route, str(status)).inc()
            elapsed = (time.perf_counter() - start) * 1000
            log.info("%s %s %d %.1fms", scope["method"], route, status, elapsed)
