"""The detector contract: one call, one result shape.

A detector looks at one request and returns the signals it found; an empty list means nothing was
found. Scores are always within 0..1 and every signal names the configured id of its detector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from tactful.models import Conversation, Signal
from tactful.policy.schema import Policy

if TYPE_CHECKING:
    from tactful.detect.embedder import Embedder


@dataclass(frozen=True)
class Request:
    """What a detector sees: the text under judgement and everything around it."""

    text: str
    conversation: Conversation
    policy: Policy
    part: int | None = None
    lowered: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lowered", self.text.lower())

    def signal(self, detector: str, name: str, score: float, **kwargs: Any) -> Signal:
        """A signal for this request, tagged with its part and clamped into 0..1."""
        return Signal(
            detector=detector,
            name=name,
            score=min(1.0, max(0.0, float(score))),
            part=self.part,
            **kwargs,
        )


@runtime_checkable
class Detector(Protocol):
    """Anything with an `id` and `detect(request) -> list[Signal]`."""

    id: str

    def detect(self, request: Request) -> list[Signal]: ...


@dataclass(frozen=True)
class Resources:
    """Shared, expensive things detectors may use; built once per engine."""

    policy: Policy
    embedder: Embedder | None = None
    #: The model folder the engine was built on (None: the bundled one); the classifier reads
    #: its heads from here, so a retrained or cross-validated model is the one that runs.
    model_dir: Path | None = None


#: Builds a detector for a policy. Entry points in the `tactful.detectors` group point at one.
DetectorFactory = Callable[[Resources], Detector]
