"""Policy cautions and category notes: requests helped with a caveat, recognised by patterns.

A caution never declines anything. It only says that the answer should carry one short caveat
("a 72-hour water fast", "make my CV say I'm an expert"), so it is a signal the rules read after
every harm, capability and scope check has let the request through.
"""

from __future__ import annotations

import re

from tactful.detect.base import Request, Resources
from tactful.detect.caseless import Caseless
from tactful.detect.patterns import category_gate
from tactful.detect.presence import any_present
from tactful.models import Signal

#: Signal names are `caution:<id>`, as stated purposes are `purpose:<name>`.
PREFIX = "caution:"


class _PatternSets:
    """Named sets of policy patterns, each behind the gate of the strings its matches need."""

    def __init__(self, named: dict[str, tuple[str, ...]]) -> None:
        self._compiled = [
            (name, [Caseless.compile(p) for p in patterns]) for name, patterns in named.items()
        ]
        # Most texts contain none of the words a set needs: one set test skips it.
        self._gates = [category_gate(patterns) for _, patterns in self._compiled]

    def first_matches(self, request: Request) -> list[tuple[str, re.Match[str]]]:
        """Each set one of whose patterns matches, with its first pattern's match."""
        found = []
        lowered = request.lowered
        ascii_text = request.text.isascii()
        for (name, patterns), gate in zip(self._compiled, self._gates, strict=True):
            if ascii_text and gate is not None and not any_present(lowered, gate):
                continue
            match = next((m for p in patterns if (m := p.search(request.text, lowered))), None)
            if match is not None:
                found.append((name, match))
        return found


class CautionDetector:
    """Fires a `caution:<id>` signal for each policy caution one of whose patterns matches."""

    id = "cautions"

    def __init__(self, resources: Resources) -> None:
        cautions = resources.policy.cautions
        self._sets = _PatternSets({cid: c.patterns for cid, c in cautions.items()})

    def detect(self, request: Request) -> list[Signal]:
        return [
            request.signal(
                self.id,
                PREFIX + cid,
                1.0,
                evidence=match.group(0),
                explanation=f"matches the {cid} caution of the policy",
            )
            for cid, match in self._sets.first_matches(request)
        ]


class NotePatternDetector:
    """Fires a `note_pattern` signal for each category one of whose `note_patterns` matches:
    nothing asked for is harmful, yet the answer should carry the category's note."""

    id = "note_patterns"

    def __init__(self, resources: Resources) -> None:
        categories = resources.policy.categories
        self._sets = _PatternSets(
            {cid: c.note_patterns for cid, c in categories.items() if c.note_patterns}
        )

    def detect(self, request: Request) -> list[Signal]:
        return [
            request.signal(
                self.id,
                "note_pattern",
                1.0,
                category=cid,
                evidence=match.group(0),
                explanation=f"matches a {cid} note pattern of the policy",
            )
            for cid, match in self._sets.first_matches(request)
        ]
