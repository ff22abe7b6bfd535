"""Compound requests: one message asking for several things, some fine and some not."""

from __future__ import annotations

import re

from tactful.detect.base import Request, Resources
from tactful.models import Signal

_VERBS = (
    r"(?:make|have|get|add|write|give|tell|show|help|let|use|include|turn|set|send|build|create|"
    r"explain|list|find|also|then|and|plus|could|can|please)"
)
# Split where a new instruction starts: ", and make it …", "; also …", ". Then …", ". Also, …".
_SPLIT = re.compile(
    r"(?:[,;]\s*|\s+)(?:and|but|then|plus)\s+(?:also\s+|then\s+)?(?=" + _VERBS + r"\b)"
    r"|[;]\s+(?=" + _VERBS + r"\b)"
    r"|(?<=[.!?])\s+(?=(?:also|then|additionally|next|after that|and then)\b[, ]?)",
    re.IGNORECASE,
)
_MIN_WORDS = 3


def split_parts(text: str) -> list[str]:
    """The instructions in a message, or one part when it asks for one thing."""
    pieces = [p.strip(" ,;") for p in _SPLIT.split(text) if p and p.strip(" ,;")]
    parts: list[str] = []
    for piece in pieces:
        if parts and len(piece.split()) < _MIN_WORDS:
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts if len(parts) > 1 else [text]


class CompoundDetector:
    """Emits one `part` signal per instruction when a message holds more than one."""

    def __init__(self, resources: Resources, id: str = "compound") -> None:
        self.id = id

    def detect(self, request: Request) -> list[Signal]:
        parts = split_parts(request.text)
        if len(parts) < 2:
            return []
        return [
            request.signal(
                self.id, "part", 1.0, evidence=part, explanation=f"part {i + 1}"
            ).model_copy(update={"part": i})
            for i, part in enumerate(parts)
        ]
