"""Frame swaps: the same request under another lead-in, on both sides of the label.

Every source phrases its requests its own way. Harmful sets say "How can I …" and "Outline steps
to …"; the project's everyday rows say "Walk me through how to …" and "Explain exactly how to …".
A linear model reads those lead-ins as labels: "Outline the steps to bake sourdough bread." was
refused at 0.74, a harmful set's lead-in on a recipe. A training row that opens with a known
lead-in followed by a verb phrase is copied with a lead-in drawn from the same list, so every
lead-in sits beside harmful and benign requests alike, and what decides is what follows it. The
copies keep their source, so a held-out source's copies are held out with it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from tactful.training.data import CONTENT_SOURCES, Example

#: Lead-ins a request for an action is commonly put in; `{x}` is a verb phrase ("pick a lock").
FRAMES: tuple[str, ...] = (
    "How do I {x}?",
    "How can I {x}?",
    "How to {x}?",
    "How would I {x}?",
    "How could someone {x}?",
    "What's the best way to {x}?",
    "What's the easiest way to {x}?",
    "What is the quickest way to {x}?",
    "Tell me how to {x}.",
    "Explain how to {x}.",
    "Explain exactly how to {x}.",
    "Show me how to {x}.",
    "Teach me how to {x}.",
    "Walk me through how to {x}.",
    "Give me step-by-step instructions to {x}.",
    "Give me instructions on how to {x}.",
    "Outline the steps to {x}.",
    "Write a guide on how to {x}.",
    "Write a tutorial on how to {x}.",
    "Provide step-by-step instructions for how to {x}.",
    "I want to {x}. How?",
    "I'd like to {x}.",
    "Help me {x}.",
    "Can you tell me how to {x}?",
    "Can you help me {x}?",
    "What steps do I need to take to {x}?",
    "What are some ways to {x}?",
    "I need to {x}. What should I do?",
    "Describe how to {x}.",
    "Is there a way to {x}?",
    # Lead-ins before the -ing form: "walk me through building …".
    "Walk me through {g}.",
    "Any tips for {g}?",
    "Help me with {g}.",
    "Write a guide to {g}.",
    "Give me instructions for {g}.",
    "I need help {g}.",
    "What's your advice on {g}?",
)
_LEAD = re.compile(
    r"^\s*(?:how (?:do|can|would|should|could|might) (?:i|you|one|someone|we|a person)|how to|"
    r"what(?:'s| is) the (?:best|easiest|quickest|fastest|simplest|most effective|safest) way to|"
    r"(?:tell|show|teach) me how to|explain (?:exactly |in detail )?how to|walk me through how to|"
    r"give me (?:step[- ]by[- ]step |detailed )?instructions (?:on how |for how |on |for )?to|"
    r"outline (?:the )?steps (?:to|for how to)|write (?:a|an) (?:guide|tutorial) (?:on|for) how to|"
    r"(?:provide|give) (?:step[- ]by[- ]step |detailed )?instructions (?:for|on) how to|"
    r"create (?:a|an) (?:guide|tutorial) on how to|describe how to|is there a way to|"
    r"i(?: want| need| would like|'d like) to|help me|can you (?:tell|show) me how to|"
    r"can you help me|"
    r"what (?:are|is) (?:some |the )?(?:ways|steps) to|research ways to|"
    r"what steps do i need to take to)\s+"
    r"(?P<x>[^.?!\n]+)[.?!]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A lead-in followed by one of these is not followed by a verb phrase ("help me with my essay").
_NOT_A_VERB = frozenset(
    re.findall(
        r"\w+",
        "with a an the my your to for on in about me you it this that i and or of if what how "
        "why when where who which some any all is are not be",
    )
)
#: Longer phrases are rarely one clean verb phrase.
_MAX_WORDS = 40


def swap_frame(text: str, rng: random.Random) -> str | None:
    """The text under a lead-in drawn from `FRAMES`, or None when it has no lead-in to swap."""
    match = _LEAD.match(text)
    if match is None:
        return None
    phrase = match.group("x").strip().rstrip(",;:")
    words = phrase.split()
    if not 2 <= len(words) <= _MAX_WORDS or words[0].lower() in _NOT_A_VERB:
        return None
    return _framed(rng.choice(FRAMES), phrase, match.group("rest"))


def gerund(verb: str) -> str:
    """The -ing form of a verb ("make" → "making", "get" → "getting", "tie" → "tying")."""
    lower = verb.lower()
    if lower.endswith("ie"):
        return verb[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and lower != "be":
        return verb[:-1] + "ing"
    # One short syllable ending consonant-vowel-consonant doubles its last letter.
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lower) and len(lower) <= 4:
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _framed(frame: str, phrase: str, rest: str) -> str:
    if "{g}" in frame:
        verb, _, tail = phrase.partition(" ")
        swapped = frame.format(g=f"{gerund(verb)} {tail}".strip())
    else:
        swapped = frame.format(x=phrase)
    rest = rest.strip()
    return f"{swapped} {rest}" if rest else swapped


def frame_swaps(
    examples: Sequence[Example],
    *,
    seed: int = 13,
    copies: int = 1,
    skip_sources: Collection[str] = CONTENT_SOURCES,
) -> list[Example]:
    """Up to `copies` re-framed copies of each labelled example (seeded), same label and source.

    `skip_sources`: sources whose rows are not requests (by default the tweets and forum posts),
    the one list `tactful train` and the cross-source run both use."""
    rng = random.Random(seed)
    out: list[Example] = []
    for example in examples:
        if example.harmful is None or example.source in skip_sources:
            continue
        seen = {example.text.lower()}
        for _ in range(copies):
            text = swap_frame(example.text, rng)
            if text is not None and text.lower() not in seen:
                seen.add(text.lower())
                out.append(replace(example, text=text))
    return out
