from __future__ import annotations

import pydantic
import pytest

from tactful import grade as grade_api
from tactful.grade import Grade, GradeItem, Quality, RefusalLevel


def _quality(**overrides: bool) -> Quality:
    values = dict.fromkeys(grade_api.CHECKS, True) | overrides
    return Quality(**values)


def test_quality_score_is_the_share_of_checks_passed() -> None:
    assert _quality().score == 1.0
    assert _quality(brief=False, honest=False).score == pytest.approx(4 / 6)


def test_grade_is_a_frozen_value_with_a_stable_record() -> None:
    g = Grade(
        refusal=RefusalLevel.FULL,
        refusal_score=0.9,
        refusing_sentences=("No.",),
        quality=_quality(clear=False),
        prompt_action="comply",
        prompt_flagged=False,
        over_refusal=True,
    )
    with pytest.raises(pydantic.ValidationError):
        g.refusal = RefusalLevel.NONE  # type: ignore[misc]
    record = g.record(7)
    assert list(record) == [
        "id",
        "refusal",
        "refusal_score",
        "over_refusal",
        "prompt_action",
        "prompt_flagged",
        "quality",
        "refusing_sentences",
    ]
    assert record["quality"]["clear"] is False and record["quality"]["score"] == 0.8333
    assert Grade.model_validate_json(g.model_dump_json()) == g


def test_grade_item_is_strict() -> None:
    with pytest.raises(pydantic.ValidationError, match="Extra inputs"):
        GradeItem.model_validate({"response": "x", "surprise": 1})
    with pytest.raises(pydantic.ValidationError, match="not both"):
        GradeItem(prompt="a", messages=[{"role": "user", "content": "a"}], response="b")
    with pytest.raises(pydantic.ValidationError):
        GradeItem.model_validate({"prompt": "a"})


def test_public_api() -> None:
    assert set(grade_api.__all__) == {
        "CHECKS",
        "Assessment",
        "Grade",
        "GradeItem",
        "Grader",
        "Quality",
        "RefusalDetector",
        "RefusalLevel",
        "RefusalModel",
        "grade",
        "grade_items",
    }
