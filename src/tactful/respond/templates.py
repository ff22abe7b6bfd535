"""Built-in message templates, used when a policy does not define its own under `messages`."""

from __future__ import annotations

DEFAULT_TEMPLATES: dict[str, str] = {
    "refuse_harmful": "I won't {task}, because {reason}. {offer}",
    "refuse_harmful_short": "As before, I won't {task}. {offer}",
    "redirect_harmful": (
        "I see what you're after, and I can help another way: I can {offers}. "
        "What I won't do is {task}, because {reason}."
    ),
    "clarify": "I can help with this. {question}",
    "insist_note": "Understood, I'll go ahead. One note, and I won't repeat it: {note}",
    "slow_reveal": (
        "I've been glad to help with {helped}, but not with this part: I won't {task}, "
        "because {reason}. {offer}"
    ),
    "note": "{note}",
    "partial": "I can help with {helped}, but not with {declined}, because {reason}. {offer}",
    "impossible": "I can't {task}, because {reason}. {offer}",
    "out_of_scope": (
        "I can't {task}, because {reason}. {offer} For an answer about your own situation, "
        "{professional} is the right person to ask."
    ),
}

DEFAULT_QUESTION = "What are you working on? Knowing the goal helps me give you the right answer."
DEFAULT_PROFESSIONAL = "a qualified professional"
