"""Whole-conversation rules (DESIGN §5): slow reveal, reframes, insistence, no re-flagging.

Each earlier user turn has already been judged on its own (memoised by the engine). These rules
look at how the current turn relates to them — by meaning (cosine similarity of the turns'
vectors) and by wording cues — and may replace the current turn's stand-alone outcome.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from tactful.decide import ACTION_ORDER
from tactful.decide.rules import Outcome
from tactful.models import Action, Detail, Kind, Severity
from tactful.policy.schema import Policy

#: Two turns this close in meaning are about the same thing.
SAME_REQUEST = 0.75
#: Close enough to count as a reframe when a reframing cue is present.
RELATED = 0.5
#: A follow-up this close to the recent turns continues their topic.
CONTINUES = 0.3
#: The rule of a low-harm request answered with a note after the user insisted.
NOTED_ONCE = "insisted on low harm"
#: A turn suspected on its own at or above this is never cleared by its context: reading it with
#: benign turns must not dilute a request the classifier is sure of.
CONTEXT_CLEARS_BELOW = 0.9

_I = re.IGNORECASE
REFRAME_CUES = re.compile(
    r"\b(hypothetical(ly)?|in theory|theoretically|imagine|suppose|what if|pretend|role-?play|"
    r"you are (now )?(dan|an? ai with no|my (late )?grand(ma|mother|father))|act as|stay in "
    r"character|developer mode|for (a|my) (novel|story|book|screenplay|script|game|film|movie|"
    r"research|paper|class)|in (a|my) (story|novel|screenplay|fiction)|fictional|a character|"
    r"(write|compose|draft) (me )?(a|an) (short )?(story|scene|screenplay|script|play|poem|song|"
    r"dialogue)|screenplay|"
    r"asking for a friend|just curious|purely academic|how (did|would|will|might) (people|"
    r"someone|they|one)|in the past|back in the day|historically|in the future|years from now|"
    r"next (week|month|year)|what will i need|i'?ll be able to|"
    r"(answer|reply|respond|write it) in (\w+ )?(spanish|french|german|italian|portuguese|"
    r"russian|chinese|japanese|arabic|hindi|another language|code|base64|leetspeak)|translate|"
    r"as a (poem|song|rap|limerick|haiku|story|list|table|riddle)|same (content|thing|info|"
    r"information|answer|question|request)|"
    r"what not to do|(never|not) (to )?(do|follow|mix|use)|to avoid|"
    r"(first|next|second|third) (step|part)|part (one|two|1|2|3)|and then what|continue)\b",
    _I,
)
INSIST_CUES = re.compile(
    r"\b(just (do|write|tell|give|answer|make)|do it anyway|i (still|really) want|i understand|"
    r"i know (the risks|what i'?m doing|it'?s)|i don'?t care|yes,? (please|i do|i still)|go ahead|"
    r"anyway|i insist|stop refusing|come on|i asked you|answer the question|fine,? (just|do)|"
    r"i get it|i hear you|i'?ll take the risk|i'?d (still )?like the|"
    r"(i'?ve|i have) (already )?asked (you )?(\w+ times|twice|again|before))\b",
    _I,
)
CONTINUATION_CUES = re.compile(
    r"\b(it|that|those|these|them|this one|the (same|stuff|mix|mixture|device|thing)|how much|"
    r"how many|exactly|which one|what amount|what quantity|next step|then what|and then|"
    r"step by step|in detail|specifically|more detail|(did|do|does|would) (want to|so)|"
    r"do that|same (content|thing|info|information|answer|details|steps)|"
    # "list the exact steps, in order, with the amounts": the steps already talked about.
    r"(the|those|these) (exact )?(steps|amounts|quantities|ratios|ingredients|parts|materials)"
    r"|in order)\b",
    _I,
)
#: Asking about one's own account or device, or for defence, is a different request from the
#: attack it resembles ("check my own laptop for a keylogger" after "hide a keylogger").
OWN_OR_DEFENSIVE = re.compile(
    r"\b(my own|myself|to me|on me|protect|defend|secure|check (if|whether)|detect|spot|signs|"
    r"red flags|recover|locked out|get back (in|into)|prevent|report (it|this|them)|warn|"
    r"teach|training|staff|safe from)\b",
    _I,
)
#: The specifics that turn a topic into a recipe: amounts, order, steps, the quickest way.
OPERATIONAL_ASK = re.compile(
    r"\b(how (much|many|long)|what (amounts?|quantit(y|ies)|doses?|ratios?|temperatures?|"
    r"order)|ratios?|"
    r"doses?|dosage|yield|steps?|precursors?|ingredients|reagents?|exactly|quickest|fastest|"
    r"without (leaving|being|getting|him|her|them|anyone)|so (he|she|they|it) (never|doesn'?t|"
    r"won'?t|can'?t))\b",
    _I,
)


class Mode(StrEnum):
    STANDALONE = "standalone"
    REPEAT = "repeat"  # the same declined request again
    REFRAME = "reframe"  # re-asked in other words
    INSIST_LOW = "insist_low"  # insisted after a redirect on low harm: note once, then help
    INSIST_HIGH = "insist_high"  # insisted after a refusal: the same refusal, shorter
    SLOW_REVEAL = "slow_reveal"  # innocent turns that together cross the line
    IN_CONTEXT = "in_context"  # a follow-up whose harm word the benign conversation explains


@dataclass(frozen=True)
class Cues:
    """What a turn's wording says about how it relates to earlier turns."""

    insists: bool
    reframes: bool
    continues: bool
    own_or_defensive: bool
    specifics: bool


@lru_cache(maxsize=8192)
def cues_of(text: str) -> Cues:
    """Read once per distinct turn: a live chat re-sends every earlier turn on each call."""
    return Cues(
        insists=INSIST_CUES.search(text) is not None,
        reframes=REFRAME_CUES.search(text) is not None,
        continues=CONTINUATION_CUES.search(text) is not None,
        own_or_defensive=OWN_OR_DEFENSIVE.search(text) is not None,
        specifics=OPERATIONAL_ASK.search(text) is not None,
    )


@dataclass(frozen=True)
class Turn:
    """A user turn and what was decided for it on its own."""

    text: str
    outcome: Outcome
    vector: NDArray[np.float32]
    #: Words the classifier named as weighing towards harm ("kill", "bomb").
    harm_words: frozenset[str] = frozenset()

    @property
    def cues(self) -> Cues:
        return cues_of(self.text)

    @property
    def declined_harm(self) -> bool:
        return self.outcome.kind is Kind.HARMFUL and not self.outcome.action.helps


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    mode: Mode
    earlier: tuple[str, ...] = ()  # earlier turns that were helped, to acknowledge


#: The response template for each conversation mode (policy `messages`).
_TEMPLATE_FOR_MODE = {
    Mode.REPEAT: "refuse_harmful_short",
    Mode.REFRAME: "refuse_harmful_short",
    Mode.INSIST_HIGH: "refuse_harmful_short",
    Mode.INSIST_LOW: "insist_note",
    Mode.SLOW_REVEAL: "slow_reveal",
}


def template_for(mode: Mode, kind: Kind, caution: str | None = None) -> str | None:
    """The conversation's own wording; a capability limit keeps its usual "I can't" words."""
    if mode is Mode.INSIST_LOW and caution is not None:
        return _TEMPLATE_FOR_MODE[mode]
    if mode is not Mode.SLOW_REVEAL and kind is not Kind.HARMFUL:
        return None
    return _TEMPLATE_FOR_MODE.get(mode)


def _sim(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    return float(a @ b)


def _material_change(current: Turn, declined: Turn | None = None) -> bool:
    """Asking for concepts or defence instead of the recipe is a different request; so is one
    that turns to the user's own account or device when the declined one did not."""
    outcome = current.outcome
    if not outcome.flagged and outcome.factors.operational_detail in (
        Detail.CONCEPTUAL,
        Detail.DEFENSIVE,
    ):
        return True
    if declined is None or not outcome.action.helps:
        return False
    return current.cues.own_or_defensive and not declined.cues.own_or_defensive


def _severity(policy: Policy, outcome: Outcome) -> Severity | None:
    return policy.categories[outcome.category].severity if outcome.category else None


def in_context(
    current: Turn,
    earlier: list[Turn],
    window: Outcome | None,
    policy: Policy,
) -> Verdict:
    """The verdict for the current turn given the earlier user turns (oldest first), each with
    the outcome decided for it in its own context.

    `window` is the outcome of the recent turns read together, or None when not computed.
    """
    if not earlier:
        return Verdict(current.outcome, Mode.STANDALONE)
    rules: list[Callable[[], Verdict | None]] = [
        lambda: _insisted(current, earlier, policy),
        lambda: _reframed(current, earlier),
        lambda: _revealed(current, earlier, window),
        lambda: _cleared(current, earlier, window),
    ]
    # A re-ask in a new frame ("for my novel, …") is a reframe even when it is also pushy.
    if current.cues.reframes and not current.cues.insists:
        rules[0], rules[1] = rules[1], rules[0]
    for rule in rules:
        verdict = rule()
        if verdict is not None:
            return verdict
    return Verdict(current.outcome, Mode.STANDALONE)


def _insisted(current: Turn, earlier: list[Turn], policy: Policy) -> Verdict | None:
    """Insistence: the turn right after a declined one pushing for it, or a low-harm request
    the user was redirected from, asked for again."""
    previous = earlier[-1]
    insists = current.cues.insists
    if (
        previous.declined_harm
        and (insists or _sim(current.vector, previous.vector) >= SAME_REQUEST)
        and (insists or not _material_change(current, previous))
    ):
        prior = previous.outcome
        if prior.action is Action.REDIRECT and _severity(policy, prior) is Severity.LOW:
            note = replace(prior, action=Action.COMPLY_WITH_NOTE, rule=NOTED_ONCE)
            return Verdict(note, Mode.INSIST_LOW)
        if current.declined_harm or insists:
            return Verdict(replace(prior, rule="insisted after a refusal"), Mode.INSIST_HIGH)
    cannot = previous.outcome
    if (
        insists
        and cannot.kind is Kind.IMPOSSIBLE
        and not cannot.action.helps
        and current.outcome.action.helps
        and _sim(current.vector, previous.vector) >= RELATED
    ):  # insisting does not give the assistant the access it lacks
        return Verdict(replace(cannot, rule="insisted on what cannot be done"), Mode.INSIST_HIGH)
    own = current.outcome
    cautioned = _cautioned(current, earlier)
    if cautioned is not None:
        return cautioned
    low = own.kind is Kind.HARMFUL and _severity(policy, own) is Severity.LOW
    if (
        previous.outcome.rule == NOTED_ONCE
        and low
        and own.action in (Action.REDIRECT, Action.COMPLY_WITH_NOTE)
        and (own.category == previous.outcome.category or _sim(current.vector, previous.vector)
             >= RELATED)
    ):  # fmt: skip
        # The concern was noted once; the same request again is simply answered.
        done = replace(own, action=Action.COMPLY, rule="noted once already")
        return Verdict(done, Mode.INSIST_LOW)
    if (
        insists
        and own.action is Action.REDIRECT
        and _severity(policy, own) is Severity.LOW
        and any(
            _sim(current.vector, t.vector) >= RELATED
            or (own.category is not None and t.outcome.category == own.category)
            for t in earlier[-2:]
        )
    ):
        return Verdict(replace(own, action=Action.COMPLY_WITH_NOTE, rule=NOTED_ONCE),
                       Mode.INSIST_LOW)  # fmt: skip
    return None


def _cautioned(current: Turn, earlier: list[Turn]) -> Verdict | None:
    """A policy caution is noted once per conversation. Pushing on right after a cautioned
    request ("I'm healthy and my GP knows, I still want the 72-hour plan") is the user's choice
    to make: help, with the note once more and the promise not to repeat it; after that, or when
    a later turn raises the same caution again, simply help."""
    own = current.outcome
    if own.kind is not Kind.NONE or own.action not in (Action.COMPLY, Action.COMPLY_WITH_NOTE):
        return None
    previous = earlier[-1].outcome
    if current.cues.insists and previous.caution is not None and previous.rule != NOTED_ONCE:
        note = replace(
            own, action=Action.COMPLY_WITH_NOTE, caution=previous.caution, rule=NOTED_ONCE
        )
        return Verdict(note, Mode.INSIST_LOW)
    if own.caution is not None and any(t.outcome.caution == own.caution for t in earlier):
        done = replace(own, action=Action.COMPLY, caution=None, rule="caution noted already")
        return Verdict(done, Mode.INSIST_LOW)
    return None


def _reframed(current: Turn, earlier: list[Turn]) -> Verdict | None:
    """Reframe or repeat: an earlier declined request asked again in other words."""
    previous = earlier[-1]
    cue = current.cues.reframes
    for turn in reversed(earlier):
        if not turn.declined_harm:
            continue
        sim = _sim(current.vector, turn.vector)
        # "Have the character explain it" points back at the declined turn without naming it;
        # a re-ask declined on its own right after a refusal is the same request re-dressed.
        points_back = turn is previous and (current.cues.continues or current.declined_harm)
        reframed = cue and (sim >= RELATED or points_back)
        if not (sim >= SAME_REQUEST or reframed) or _material_change(current, turn):
            continue
        mode = Mode.REPEAT if sim >= SAME_REQUEST else Mode.REFRAME
        rule = f"{mode.value} of an earlier declined request"
        if current.declined_harm:  # the stricter action, under the request's first name
            worst = max((current.outcome, turn.outcome), key=lambda o: ACTION_ORDER.index(o.action))
            return Verdict(replace(worst, category=turn.outcome.category, rule=rule), mode)
        return Verdict(replace(turn.outcome, rule=rule), mode)
    return None


def _revealed(current: Turn, earlier: list[Turn], window: Outcome | None) -> Verdict | None:
    """Slow reveal: recent innocent turns that, read together, ask for something harmful —
    caught at the turn that asks for the specifics."""
    if (
        window is None
        or not window.flagged
        or window.kind is not Kind.HARMFUL
        or current.declined_harm
        or _material_change(current)
        or any(t.declined_harm for t in earlier[-2:])
    ):
        return None
    recent = np.mean([t.vector for t in earlier[-2:]], axis=0)
    continues = _sim(current.vector, recent) >= CONTINUES or current.cues.continues
    if not (continues and _asks_specifics(current)):
        return None
    helped = tuple(t.text for t in earlier[-2:] if t.outcome.action.helps)
    return Verdict(replace(window, rule="slow reveal across turns"), Mode.SLOW_REVEAL, helped)


def _cleared(current: Turn, earlier: list[Turn], window: Outcome | None) -> Verdict | None:
    """A follow-up in a benign conversation that looks harmful only out of context ("how do I
    kill those zombie processes?" after questions about a hung server): its harm words are ones
    the conversation already used in turns that were answered, and read with the recent turns it
    is not harmful, so it is answered. Never for a turn the classifier is sure of, one that asks
    for amounts or steps, one with cues of intent to harm, or one that brings a new harm word
    ("…and how do I turn it into something that explodes?")."""
    if window is None or window.flagged or not window.action.helps:
        return None
    if not (_context_may_clear(current, earlier) and window.score < current.outcome.score):
        return None
    # The conversation has shown the harm word in its everyday sense: no note about a harm the
    # request is not about.
    answered = replace(
        window,
        action=Action.COMPLY,
        kind=Kind.NONE,
        category=None,
        rule="read in the conversation's context",
    )
    return Verdict(answered, Mode.IN_CONTEXT)


def _context_may_clear(current: Turn, earlier: list[Turn]) -> bool:
    """Whether the recent turns could explain the current turn's suspicion away."""
    own = current.outcome
    if (
        own.kind is not Kind.HARMFUL
        or own.score >= CONTEXT_CLEARS_BELOW
        or own.factors.intent.malicious_cues
        or current.cues.specifics
        or any(t.outcome.flagged for t in earlier[-2:])
    ):
        return False
    answered = {w for t in earlier if t.outcome.action.helps for w in t.harm_words}
    if not current.harm_words or not current.harm_words <= answered:
        return False
    recent = np.mean([t.vector for t in earlier[-2:]], axis=0)
    return _sim(current.vector, recent) >= CONTINUES or current.cues.continues


def _asks_specifics(current: Turn) -> bool:
    detail = current.outcome.factors.operational_detail
    return detail in (Detail.PROCEDURAL, Detail.TARGETED) or current.cues.specifics


def needs_window(current: Turn, earlier: list[Turn]) -> bool:
    """Whether reading the recent turns together could change anything (saves the cost)."""
    if earlier and _context_may_clear(current, earlier):
        return True
    if not earlier or current.declined_harm or _material_change(current):
        return False
    if not _asks_specifics(current):
        return False
    if any(t.declined_harm for t in earlier[-2:]):
        return False
    return current.outcome.score >= 0.05 or current.cues.continues
