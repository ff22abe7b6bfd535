"""Whole-conversation rules (DESIGN §5): slow reveal, reframes, insistence, no re-flagging.

Each earlier user turn has already been judged on its own (memoised by the engine). These rules
look at how the current turn relates to them — by meaning (cosine similarity of the turns'
vectors) and by wording cues — and may replace the current turn's stand-alone outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from tactful.decide.rules import Outcome
from tactful.models import Action, Detail, Kind, Severity
from tactful.policy.schema import Policy

#: Two turns this close in meaning are about the same thing.
SAME_REQUEST = 0.75
#: Close enough to count as a reframe when a reframing cue is present.
RELATED = 0.5
#: A follow-up this close to the recent turns continues their topic.
CONTINUES = 0.3

_I = re.IGNORECASE
REFRAME_CUES = re.compile(
    r"\b(hypothetical(ly)?|in theory|theoretically|imagine|suppose|what if|pretend|role-?play|"
    r"you are (now )?(dan|an? ai with no|my (late )?grand(ma|mother|father))|act as|stay in "
    r"character|developer mode|for (a|my) (novel|story|book|screenplay|script|game|film|movie|"
    r"research|paper|class)|in (a|my) (story|novel|screenplay|fiction)|fictional|a character|"
    r"asking for a friend|just curious|purely academic|how (did|would|will|might) (people|"
    r"someone|they|one)|in the past|back in the day|historically|in the future|years from now|"
    r"(first|next|second|third) (step|part)|part (one|two|1|2|3)|and then what|continue)\b",
    _I,
)
INSIST_CUES = re.compile(
    r"\b(just (do|write|tell|give|answer)|do it anyway|i (still|really) want|i understand|"
    r"i know (the risks|what i'?m doing)|i don'?t care|yes,? (please|i do|i still)|go ahead|"
    r"anyway|i insist|stop refusing|come on|i asked you|answer the question|fine,? (just|do))\b",
    _I,
)
CONTINUATION_CUES = re.compile(
    r"\b(it|that|those|these|them|this one|the (same|stuff|mix|mixture|device|thing)|how much|"
    r"how many|exactly|which one|what amount|what quantity|next step|then what|and then|"
    r"step by step|in detail|specifically|more detail)\b",
    _I,
)


class Mode(StrEnum):
    STANDALONE = "standalone"
    REPEAT = "repeat"  # the same declined request again
    REFRAME = "reframe"  # re-asked in other words
    INSIST_LOW = "insist_low"  # insisted after a redirect on low harm: note once, then help
    INSIST_HIGH = "insist_high"  # insisted after a refusal: the same refusal, shorter
    SLOW_REVEAL = "slow_reveal"  # innocent turns that together cross the line


@dataclass(frozen=True)
class Turn:
    """A user turn and what was decided for it on its own."""

    text: str
    outcome: Outcome
    vector: NDArray[np.float32]

    @property
    def declined_harm(self) -> bool:
        return self.outcome.kind is Kind.HARMFUL and not self.outcome.action.helps


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    mode: Mode
    earlier: tuple[str, ...] = ()  # earlier turns that were helped, to acknowledge


def _sim(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    return float(a @ b)


def _material_change(current: Outcome) -> bool:
    """Asking for concepts or defence instead of the recipe is a different request."""
    return not current.flagged and current.factors.operational_detail in (
        Detail.CONCEPTUAL,
        Detail.DEFENSIVE,
    )


def in_context(
    current: Turn,
    earlier: list[Turn],
    window: Outcome | None,
    policy: Policy,
) -> Verdict:
    """The verdict for the current turn given the earlier user turns (oldest first).

    `window` is the outcome of the recent turns read together, or None when not computed.
    """
    if not earlier:
        return Verdict(current.outcome, Mode.STANDALONE)
    text = current.text
    previous = earlier[-1]

    # Insistence: the turn right after a declined one, pushing for it.
    if (
        previous.declined_harm
        and (INSIST_CUES.search(text) or _sim(current.vector, previous.vector) >= SAME_REQUEST)
        and (not _material_change(current.outcome) or INSIST_CUES.search(text))
    ):
        prior = previous.outcome
        severity = policy.categories[prior.category].severity if prior.category else None
        if prior.action is Action.REDIRECT and severity is Severity.LOW:
            note = replace(prior, action=Action.COMPLY_WITH_NOTE, rule="insisted on low harm")
            return Verdict(note, Mode.INSIST_LOW)
        if current.declined_harm or INSIST_CUES.search(text):
            return Verdict(replace(prior, rule="insisted after a refusal"), Mode.INSIST_HIGH)

    # Reframe or repeat: an earlier declined request asked again in other words.
    for turn in reversed(earlier):
        if not turn.declined_harm:
            continue
        sim = _sim(current.vector, turn.vector)
        # "Have the character explain it" points back at the declined turn without naming it.
        points_back = turn is previous and CONTINUATION_CUES.search(text) is not None
        reframed = (sim >= RELATED or points_back) and REFRAME_CUES.search(text) is not None
        if (sim >= SAME_REQUEST or reframed) and not _material_change(current.outcome):
            worst = current.outcome if current.declined_harm else turn.outcome
            mode = Mode.REPEAT if sim >= SAME_REQUEST else Mode.REFRAME
            rule = f"{mode.value} of an earlier declined request"
            return Verdict(replace(worst, rule=rule), mode)

    # Slow reveal: recent innocent turns that, read together, ask for something harmful.
    if (
        window is not None
        and window.flagged
        and window.kind is Kind.HARMFUL
        and not current.declined_harm
        and not _material_change(current.outcome)
        and all(not t.declined_harm for t in earlier[-2:])
    ):
        recent = np.mean([t.vector for t in earlier[-2:]], axis=0)
        continues = _sim(current.vector, recent) >= CONTINUES or bool(
            CONTINUATION_CUES.search(text)
        )
        asks_how = current.outcome.factors.operational_detail in (
            Detail.PROCEDURAL,
            Detail.TARGETED,
            Detail.GENERAL,
        )
        if continues and asks_how:
            helped = tuple(t.text for t in earlier[-2:] if t.outcome.action.helps)
            revealed = replace(window, rule="slow reveal across turns")
            return Verdict(revealed, Mode.SLOW_REVEAL, helped)
    return Verdict(current.outcome, Mode.STANDALONE)


def needs_window(current: Turn, earlier: list[Turn]) -> bool:
    """Whether reading the recent turns together could change anything (saves the cost)."""
    if not earlier or current.declined_harm or _material_change(current.outcome):
        return False
    if any(t.declined_harm for t in earlier[-2:]):
        return False
    return current.outcome.score >= 0.05 or CONTINUATION_CUES.search(current.text) is not None
