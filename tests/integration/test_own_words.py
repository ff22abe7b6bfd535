"""tactful's own refusals pass tactful's own grader: every category and every variant of the
default policy, refused and redirected, reads as a full refusal that is clear, gives a specific
reason, offers an alternative, is brief, not preachy and honest (DESIGN §6)."""

from __future__ import annotations

import pytest

from tactful.grade import Grader
from tactful.models import Action
from tactful.policy import default_policy
from tactful.respond.render import words_for

POLICY = default_policy()
CASES = [
    (cid, text)
    for cid, category in POLICY.categories.items()
    for text in (None, *(variant.examples[0] for variant in category.variants))
]


@pytest.mark.parametrize("action", [Action.REFUSE, Action.REDIRECT])
@pytest.mark.parametrize(("category", "text"), CASES)
def test_tactfuls_refusals_pass_its_own_quality_checks(
    category: str, text: str | None, action: Action
) -> None:
    words = words_for(POLICY, action, POLICY.categories[category].kind, category, text=text)
    assert words.message is not None
    grade = Grader.default().grade(None, words.message)
    assert grade.refusal.value == "full", words.message
    assert grade.quality is not None
    failed = [name for name, ok in grade.quality.model_dump().items() if ok is False]
    assert failed == [], words.message
