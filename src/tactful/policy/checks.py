"""Checks of a policy beyond its schema: do its cautions' and its category variants' patterns do
what their examples say?"""

from __future__ import annotations

import re

from tactful.policy.schema import Policy


def caution_problems(policy: Policy) -> list[str]:
    """Each caution example its patterns miss and each counter-example they match, located."""
    problems = []
    for cid, caution in policy.cautions.items():
        patterns = [re.compile(p, re.IGNORECASE) for p in caution.patterns]
        for i, text in enumerate(caution.examples):
            if not any(p.search(text) for p in patterns):
                problems.append(f"cautions.{cid}.examples.{i}: no pattern matches {text!r}")
        for i, text in enumerate(caution.counter_examples):
            hit = next((m for p in patterns if (m := p.search(text))), None)
            if hit is not None:
                problems.append(
                    f"cautions.{cid}.counter_examples.{i}: {text!r} matches ({hit.group(0)!r})"
                )
    return problems


def variant_problems(policy: Policy) -> list[str]:
    """Each variant example that does not take its variant (no pattern matches it, or an
    earlier variant of the category does), located."""
    problems = []
    for cid, category in policy.categories.items():
        for v, variant in enumerate(category.variants):
            for i, text in enumerate(variant.examples):
                taken = category.variant_for(text)
                if taken is variant:
                    continue
                where = f"categories.{cid}.variants.{v}.examples.{i}"
                if taken is None:
                    problems.append(f"{where}: no pattern matches {text!r}")
                else:
                    earlier = category.variants.index(taken)
                    problems.append(f"{where}: {text!r} takes variant {earlier} first")
    return problems
