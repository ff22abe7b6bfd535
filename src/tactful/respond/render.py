"""The words the user sees: the refusal, the specific reason, and another door (DESIGN §6)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from tactful.models import Action, Kind
from tactful.policy.schema import Category, Policy
from tactful.respond.templates import DEFAULT_PROFESSIONAL, DEFAULT_QUESTION, DEFAULT_TEMPLATES

_MAX_QUOTE_WORDS = 12
#: A refusal longer than this drops its second offer (DESIGN §6: brief). The grader's own
#: bar for "brief" (`tactful.grade.quality.BRIEF_WORDS`), so what tactful writes passes it.
MAX_WORDS = 60
#: Words as the grader counts them (`tactful.grade.segment.word_count`): "harm-reduction" is two.
_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass(frozen=True)
class Words:
    message: str | None
    reason: str | None
    alternatives: tuple[str, ...]
    rewrite: str | None


def _template(policy: Policy, template_id: str) -> str:
    return policy.messages.get(template_id) or DEFAULT_TEMPLATES[template_id]


def _offers(policy: Policy, ids: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    alts = [policy.alternatives[a] for a in ids]
    rewrite = next((a.rewrite for a in alts if a.rewrite), None)
    return tuple(a.offer for a in alts), rewrite


def _join_offers(offers: tuple[str, ...]) -> str:
    return ", or ".join(offers)


def _fill(template: str, **values: str) -> str:
    text = template.format_map(defaultdict(str, values))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\.\.+", ".", text)


def quote(part: str) -> str:
    """A part of the request, shortened, for naming it back to the user."""
    words = part.strip().rstrip(".?!").split()
    if not words:
        return "that part"
    text = " ".join(words[:_MAX_QUOTE_WORDS]) + (" …" if len(words) > _MAX_QUOTE_WORDS else "")
    return f"\u201c{text[0].lower()}{text[1:]}\u201d"


def words_for(
    policy: Policy,
    action: Action,
    kind: Kind,
    category: str | None,
    *,
    helped: list[str] | None = None,
    declined: list[str] | None = None,
    repeat: bool = False,
    template: str | None = None,
    caution: str | None = None,
    text: str | None = None,
) -> Words:
    """Message, reason, alternatives and rewrite for one decision (`caution`: the policy
    caution whose note a comply_with_note of kind none carries; `text`: what was declined,
    which picks the category's variant, if it has one that fits)."""
    if action is Action.COMPLY_WITH_NOTE and category is None and caution is not None:
        note = policy.cautions[caution].note
        return Words(_fill(_template(policy, template or "note"), note=note), note, (), None)
    if category is None or action is Action.COMPLY:
        return Words(None, None, (), None)
    cat = policy.categories[category]
    variant = cat.variant_for(text)
    task, reason = (variant.task, variant.reason) if variant else (cat.task, cat.reason)
    ids = variant.alternatives if variant and variant.alternatives is not None else None
    offers, rewrite = _offers(policy, cat.alternatives if ids is None else ids)
    template = _template(policy, template or _template_id(action, kind, cat, repeat))
    message = ""
    for n in (2, 1):
        shown = offers[:n]
        values = {
            "task": task,
            "reason": reason,
            "offer": f"I can {_join_offers(shown)}." if shown else "",
            "offers": _join_offers(shown),
            "question": cat.question or DEFAULT_QUESTION,
            "professional": cat.professional or DEFAULT_PROFESSIONAL,
            "note": cat.note or f"A note before I answer: {reason}.",
            "helped": " and ".join(quote(p) for p in helped or []) or "the rest",
            "declined": " and ".join(quote(p) for p in declined or []) or "that part",
        }
        message = _fill(template, **values)
        if len(_WORD.findall(message)) <= MAX_WORDS:
            break
    return Words(message, reason, offers, rewrite)


def _template_id(action: Action, kind: Kind, category: Category, repeat: bool) -> str:
    if action is Action.COMPLY_WITH_NOTE:
        return "note"
    if action is Action.CLARIFY:
        return "clarify"
    if action is Action.PARTIAL:
        return "partial"
    if kind is Kind.IMPOSSIBLE:
        return "impossible"
    if kind is Kind.OUT_OF_SCOPE:
        return "out_of_scope"
    if action is Action.REDIRECT:
        return "redirect_harmful"
    if repeat:
        return "refuse_harmful_short"
    return category.message or "refuse_harmful"
