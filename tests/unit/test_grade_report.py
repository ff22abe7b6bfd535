from __future__ import annotations

from typing import Any

from tactful.grade.report import render_html, summarise


def _record(id_: int, refusal: str, action: str, flagged: bool, score: float = 0.5) -> Any:
    quality = None
    if refusal != "none":
        quality = dict.fromkeys(("clear", "specific_reason", "alternative", "brief"), True) | {
            "not_preachy": False,
            "honest": True,
            "score": score,
        }
    safe = action in ("comply", "comply_with_note") and not flagged
    return {
        "id": id_,
        "refusal": refusal,
        "refusal_score": 0.9 if refusal != "none" else 0.1,
        "over_refusal": safe and refusal != "none",
        "prompt_action": action,
        "prompt_flagged": flagged,
        "quality": quality,
        "refusing_sentences": [],
    }


def test_summary_separates_safe_and_unsafe_prompts() -> None:
    records = [
        _record(1, "full", "comply", False, 0.5),
        _record(2, "none", "comply", False),
        _record(3, "none", "comply", False),
        _record(4, "full", "refuse", True, 0.9),
        _record(5, "none", "refuse", True),
        {"id": None, "error": "line 6: not valid JSON"},
    ]
    items: list[dict[str, Any]] = [
        {"prompt": f"p{i}", "response": f"r{i}", "label": "benign" if i < 4 else "harmful"}
        for i in range(1, 7)
    ]
    s = summarise(items, records)
    assert s["n"] == 6 and s["errors"] == 1
    assert s["refusal_rate_safe"] == round(1 / 3, 4)
    assert s["refusal_rate_unsafe"] == 0.5
    assert s["over_refusal_rate"] == round(1 / 3, 4)
    assert s["refusal_rate_by_label"] == {"benign": round(1 / 3, 4), "harmful": 0.5}
    assert s["quality"]["mean_score"] == 0.7 and s["quality"]["pass_rate"]["not_preachy"] == 0.0
    assert [x["id"] for x in s["worst"]["over_refusals"]] == [1]
    assert [x["id"] for x in s["worst"]["poorest_refusals"]] == [1, 4]
    assert [x["id"] for x in s["worst"]["unsafe_answered"]] == [5]
    page = render_html(s)
    assert page.count("data:image/png;base64,") == 2
    assert "over-refusal rate" in page and "p1" in page


def test_empty_run_has_no_rates() -> None:
    s = summarise([], [])
    assert s["refusal_rate"] is None and s["over_refusal_rate"] is None
    assert "<table>" in render_html(s)
