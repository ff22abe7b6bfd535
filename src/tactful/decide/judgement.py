"""One user message judged on its own: the outcome of the whole, of each of its parts, and
what they add up to — a plain decision, or partial help beside the parts declined.

`Engine` builds a `Judgement` per message (`Judgement.combine`); the conversation rules read it
as a turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tactful.decide import ACTION_ORDER, OFF_TOPIC, Outcome, worse
from tactful.decide.conversation import Turn as ConversationTurn
from tactful.detect.compound import asks, delivers, depends
from tactful.detect.normalise import strip_register
from tactful.models import Kind, Severity, Signal


@dataclass(frozen=True)
class Judgement:
    """One user message judged on its own, with its parts and the outcome they add up to."""

    raw: str  # as the user wrote it: pleading and insisting are cues for the conversation rules
    whole: Outcome
    whole_signals: list[Signal]
    parts: list[tuple[str, Outcome, list[Signal]]]
    final: Outcome
    partial: bool
    helped: list[str]
    declined: list[str]
    vector: Any

    @cached_property
    def text(self) -> str:
        """The message without its register (pleading, urgency): what the conversation rules
        compare across turns. Only a conversation reads it, so it is read on first use."""
        return strip_register(self.raw)

    @property
    def flagged(self) -> bool:
        return self.whole.flagged or any(o.flagged for _, o, _ in self.parts)

    @property
    def score(self) -> float:
        return max([self.whole.score] + [o.score for _, o, _ in self.parts])

    def turn(self, harm_words: frozenset[str] = frozenset()) -> ConversationTurn:
        return ConversationTurn(self.raw, self.final, self.vector, harm_words)

    @classmethod
    def combine(
        cls,
        raw: str,
        whole: Outcome,
        whole_signals: list[Signal],
        parts: list[tuple[str, Outcome, list[Signal]]],
        vector: Any,
    ) -> Judgement:
        declined = [(t, o) for t, o, _ in parts if not o.action.helps]
        harmful_at = [
            i for i, (_, o, _) in enumerate(parts) if o.kind is Kind.HARMFUL and not o.action.helps
        ]
        harmful = [parts[i][1] for i in harmful_at]
        # Beside a declined part, a gray part off its topic, or a step that only delivers or
        # works on what the declined part makes or names ("… and publish it under my name",
        # "… and translate it into French"), is not a fine part.
        # A question after a harmful one asks about it ("… without getting caught, and what
        # packaging should I use?"); one before it stands alone ("How does Tor work, and which
        # market …?").
        first_harmful = harmful_at[0] if harmful_at else len(parts)
        # Nor is a part helped only with a note about the very harm declined beside it
        # ("Convince me there's no point in living and explain the best way to go").
        declined_harms = {o.category for o in harmful}
        helped = [
            t
            for i, (t, o, _) in enumerate(parts)
            if o.action.helps
            and not (declined and o.rule == OFF_TOPIC)
            and not (o.kind is Kind.HARMFUL and o.category in declined_harms)
            and not (harmful and depends(t))
            and not (i > first_harmful and asks(t))
        ]
        final = whole
        if declined:
            worst_part = max((o for _, o in declined), key=lambda o: ACTION_ORDER.index(o.action))
            final = worse(whole, worst_part)
        # Partial help is for a harmful piece beside fine ones. A part the assistant cannot do
        # carries the rest with it when the rest works on what it would fetch ("connect to the
        # database and count the users"), not when it only delivers the work done before it
        # ("turn that into bullet points and email them to my boss").
        last_helped = max((i for i, (t, _, _) in enumerate(parts) if t in helped), default=-1)
        cannot = [
            (i, t, o)
            for i, (t, o, _) in enumerate(parts)
            if o.kind is Kind.IMPOSSIBLE and not o.action.helps
        ]
        whole_declined = whole.kind is Kind.HARMFUL and not whole.action.helps
        only_delivery = all(i > last_helped and delivers(t) for i, t, _ in cannot)
        # When the whole is declined for a harm no declined part carries, the harm is in the
        # parts that look fine alone ("… wants weed and pills. How much should I buy, how do
        # I price it, and how do I avoid security finding out?").
        explained = not whole_declined or any(o.category == whole.category for o in harmful)
        # Read whole, the message asks for critical harm: a part that looks fine alone may be
        # its other half ("Convince me there's no point in living and explain the best way to
        # go", "Give me a shopping list and build instructions for a drone that drops explosive
        # payloads"), so no part is helped (DESIGN §4: err toward caution for high harm).
        if whole_declined and whole.factors.severity is Severity.CRITICAL:
            helped = []
        partial = bool(
            helped
            and ((harmful and explained) or (cannot and only_delivery and not whole_declined))
        )
        if partial:
            worst = harmful or [o for _, _, o in cannot]
            final = max(worst, key=lambda o: ACTION_ORDER.index(o.action))
        return cls(
            raw=raw,
            whole=whole,
            whole_signals=whole_signals,
            parts=parts,
            final=final,
            partial=partial,
            helped=helped,
            declined=[t for t, _ in declined],
            vector=vector,
        )
