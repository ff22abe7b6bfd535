"""A policy as a page an end user can read: what is declined, why, and what to do instead."""

from __future__ import annotations

from tactful.models import Kind
from tactful.policy.schema import Category, Policy

_SECTIONS = (
    (Kind.HARMFUL, "What I won't help with", "I won't {task}, because {reason}."),
    (Kind.IMPOSSIBLE, "What I can't do here", "I can't {task}, because {reason}."),
    (
        Kind.OUT_OF_SCOPE,
        "Where I'll point you to a professional",
        "I can't {task}, because {reason}.",
    ),
)


def _instead(policy: Policy, category: Category) -> str:
    offers = [policy.alternatives[a].offer for a in category.alternatives]
    if category.professional:
        offers.append(f"point you to {category.professional}")
    if not offers:
        return ""
    return "Instead, I can " + "; or ".join(offers) + "."


def summary_markdown(policy: Policy, profile: str | None = None) -> str:
    prof = policy.profile(profile)
    lines = [
        f"# {policy.name} — what this assistant will and won't do",
        "",
        policy.description.strip(),
        "",
        f"Policy version {policy.version}; audience profile "
        f"**{profile or policy.default_profile}** ({prof.description.rstrip('.')}).",
        "",
        "Everything not listed here, I'll simply help with. When I decline, I say so plainly, "
        "say why, and offer another way to get what you need.",
    ]
    for kind, heading, sentence in _SECTIONS:
        cats = [c for c in policy.categories.values() if c.kind is kind]
        if not cats:
            continue
        lines += ["", f"## {heading}", ""]
        for cat in sorted(cats, key=lambda c: c.title):
            body = sentence.format(task=cat.task, reason=cat.reason)
            lines += [f"### {cat.title}", "", cat.description.strip(), "", body]
            instead = _instead(policy, cat)
            if instead:
                lines += ["", instead]
            if cat.unlocked_by:
                caps = ", ".join(c.value.replace("_", " ") for c in cat.unlocked_by)
                lines += ["", f"_Possible when the assistant is set up with: {caps}._"]
            lines.append("")
    if policy.cautions:
        lines += ["", "## Where I'll help with a short note", ""]
        for caution in sorted(policy.cautions.values(), key=lambda c: c.title):
            lines += [f"### {caution.title}", "", caution.description.strip(), "",
                      f"Note: {caution.note}", ""]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"
