"""The ruling: what a decision says was decided, before any words are written for it.

`Engine.decide` turns a ruling into a `Decision` (the words, the trace, the parts). Callers that
need only the verdict on a prompt, such as the grader, take the ruling itself and skip the words
and the pydantic models (most of the cost of a decision once the message has been judged).
"""

from __future__ import annotations

from dataclasses import dataclass

from tactful.decide.conversation import Mode, Verdict
from tactful.decide.rules import Outcome
from tactful.models import Action, Kind


@dataclass(frozen=True, slots=True)
class Ruling:
    """The action chosen for a request and what the decision reports with it."""

    action: Action
    final: Outcome  # the outcome the action came from (kind, category, factors, rule)
    mode: Mode
    flagged: bool
    score: float

    @property
    def kind(self) -> Kind:
        """The decision's kind: none for a plain comply, whatever the outcome's kind."""
        return self.final.kind if self.action is not Action.COMPLY else Kind.NONE

    @property
    def category(self) -> str | None:
        return self.final.category if self.action is not Action.COMPLY else None


def rule(
    final: Outcome,
    partial: bool,
    flagged: bool,
    score: float,
    verdict: Verdict | None = None,
) -> Ruling:
    """The ruling on a message judged alone (`final`, `partial`: whether some of its parts are
    declined beside fine ones; `flagged`, `score`: of the message and its parts), read in its
    conversation when a `verdict` says the conversation changes it."""
    mode = Mode.STANDALONE
    if verdict is not None and verdict.mode is not Mode.STANDALONE:
        final, mode = verdict.outcome, verdict.mode
    action = Action.PARTIAL if mode is Mode.STANDALONE and partial else final.action
    if mode is Mode.INSIST_LOW:
        pass  # the message's own flag and score: the insistence is on a low-harm request
    elif mode is Mode.IN_CONTEXT:  # the turn read with the conversation is what was judged
        flagged, score = final.flagged, final.score
    else:
        flagged, score = final.flagged or flagged, max(final.score, score)
    return Ruling(action, final, mode, flagged, score)
