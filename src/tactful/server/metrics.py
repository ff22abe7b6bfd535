"""Prometheus metrics, on a registry per app so several apps (tests, replicas) never collide."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


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
