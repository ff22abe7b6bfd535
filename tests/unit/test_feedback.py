"""Overturned decisions as training rows: the label is the opposite of what tactful did."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tactful.audit.appeals import feedback_row


def row(action: str, flagged: bool, turns: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    base = {
        "id": "ap-1",
        "record_id": "rec-1",
        "reason": "wrong",
        "reviewer": "ana",
        "note": "fine",
        "resolved_at": "2026-11-24T00:00:00+00:00",
        "messages": None,
        "request_mode": "full",
        "request": json.dumps(turns),
        "decision": json.dumps({"action": action, "flagged": flagged, "category": "cyber_attack"}),
    }
    base.update(extra)
    return base


@pytest.mark.parametrize(
    ("action", "flagged", "label"),
    [
        ("refuse", True, "benign"),
        ("redirect", True, "benign"),
        ("clarify", False, "benign"),
        ("comply", False, "harmful"),
        ("comply_with_note", False, "harmful"),
    ],
)
def test_label_is_the_reviewers_verdict(action: str, flagged: bool, label: str) -> None:
    out = feedback_row(row(action, flagged, [{"role": "user", "content": "q"}]))
    assert out["label"] == label
    assert out["prompt"] == "q"
    assert out["source"] == "tactful/appeals"
    assert out["meta"]["original_action"] == action
    assert "messages" not in out["meta"]


def test_a_conversation_keeps_its_turns_and_prompts_with_the_last_user_turn() -> None:
    turns = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
             {"role": "user", "content": "c"}]  # fmt: skip
    out = feedback_row(row("refuse", True, turns))
    assert out["prompt"] == "c"
    assert out["meta"]["messages"] == turns


def test_hash_mode_uses_the_messages_the_user_supplied() -> None:
    supplied = [{"role": "user", "content": "the real text"}]
    out = feedback_row(
        row(
            "refuse",
            True,
            [],
            request_mode="hash",
            request="sha256:ab",
            messages=json.dumps(supplied),
        )
    )
    assert out["prompt"] == "the real text"
