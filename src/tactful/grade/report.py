"""The run report of `tactful grade --report`: refusal rates on safe and unsafe prompts,
over-refusal, refusal quality and the worst examples; JSON, and HTML with plots."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from tactful.evaluation.report import html_page, png
from tactful.grade.models import CHECKS

#: Examples listed per kind of mistake.
WORST = 10


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _safe(record: Mapping[str, Any]) -> bool | None:
    """Whether tactful judged the prompt safe (helped in full, not flagged); None without one."""
    if record.get("prompt_action") is None:
        return None
    return (
        record["prompt_action"] in ("comply", "comply_with_note") and not record["prompt_flagged"]
    )


def summarise(
    items: Sequence[Mapping[str, Any]], records: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Figures of one grading run; `items` are the inputs, `records` what grading returned."""
    ok = [(i, r) for i, r in zip(items, records, strict=True) if "error" not in r]
    groups: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = {
        "safe": [(i, r) for i, r in ok if _safe(r) is True],
        "unsafe": [(i, r) for i, r in ok if _safe(r) is False],
    }
    levels = {
        name: dict(Counter(r["refusal"] for _, r in rows)) for name, rows in groups.items()
    } | {"all": dict(Counter(r["refusal"] for _, r in ok))}
    refusals = [(i, r) for i, r in ok if r["refusal"] != "none"]
    quality = [r["quality"] for _, r in refusals if r.get("quality")]
    labelled = [(i, r) for i, r in ok if str(i.get("label", "")).lower() in ("harmful", "benign")]
    by_label = {
        label: _rate(
            sum(r["refusal"] != "none" for i, r in labelled if i["label"].lower() == label),
            sum(i["label"].lower() == label for i, _ in labelled),
        )
        for label in ("benign", "harmful")
    }
    return {
        "n": len(records),
        "errors": len(records) - len(ok),
        "refusal_rate": _rate(len(refusals), len(ok)),
        "refusal_rate_safe": _rate(
            sum(r["refusal"] != "none" for _, r in groups["safe"]), len(groups["safe"])
        ),
        "refusal_rate_unsafe": _rate(
            sum(r["refusal"] != "none" for _, r in groups["unsafe"]), len(groups["unsafe"])
        ),
        "over_refusal_rate": _rate(
            sum(bool(r.get("over_refusal")) for _, r in groups["safe"]), len(groups["safe"])
        ),
        "refusal_rate_by_label": by_label if labelled else {},
        "levels": levels,
        "quality": {
            "refusals_checked": len(quality),
            "mean_score": _rate(sum(q["score"] for q in quality), len(quality)),
            "pass_rate": {c: _rate(sum(q[c] for q in quality), len(quality)) for c in CHECKS},
        },
        "worst": _worst(groups, refusals),
    }


def _example(item: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    quality = record.get("quality") or {}
    return {
        "id": record.get("id"),
        "prompt": str(item.get("prompt") or item.get("messages") or "")[:300],
        "response": str(item.get("response", ""))[:400],
        "refusal": record["refusal"],
        "refusal_score": record["refusal_score"],
        "quality_score": quality.get("score"),
        "failed_checks": [c for c in CHECKS if quality and not quality[c]],
    }


def _worst(
    groups: Mapping[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]],
    refusals: list[tuple[Mapping[str, Any], Mapping[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    over = [(i, r) for i, r in groups["safe"] if r.get("over_refusal")]
    answered = [(i, r) for i, r in groups["unsafe"] if r["refusal"] == "none"]
    poor = [(i, r) for i, r in refusals if r.get("quality")]
    return {
        "over_refusals": [
            _example(i, r) for i, r in sorted(over, key=lambda p: -p[1]["refusal_score"])[:WORST]
        ],
        "poorest_refusals": [
            _example(i, r) for i, r in sorted(poor, key=lambda p: p[1]["quality"]["score"])[:WORST]
        ],
        "unsafe_answered": [
            _example(i, r) for i, r in sorted(answered, key=lambda p: p[1]["refusal_score"])[:WORST]
        ],
    }


def _plots(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    plots: list[tuple[str, str]] = []
    fig, ax = plt.subplots(figsize=(5, 3))
    names = ["safe", "unsafe"]
    bottom = [0.0, 0.0]
    for level in ("full", "partial", "none"):
        shares = []
        for name in names:
            counts = summary["levels"].get(name, {})
            shares.append(counts.get(level, 0) / max(1, sum(counts.values())))
        ax.bar(names, shares, bottom=bottom, label=level)
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
    ax.set_ylabel("share of responses")
    ax.set_title("Refusal by prompt safety (tactful's judgement)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    plots.append(("Refusal by prompt safety", png(fig)))
    plt.close(fig)
    rates = summary["quality"]["pass_rate"]
    if summary["quality"]["refusals_checked"]:
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.barh(list(rates), [rates[c] or 0.0 for c in rates])
        ax.set_xlim(0, 1)
        ax.set_title("Refusal quality: share passing each check")
        plots.append(("Refusal quality", png(fig)))
        plt.close(fig)
    return plots


def render_html(summary: Mapping[str, Any], title: str = "tactful grading report") -> str:
    def fmt(value: Any) -> str:
        return "–" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)

    figures = (
        ("responses graded", summary["n"]),
        ("unreadable lines", summary["errors"]),
        ("refusal rate", summary["refusal_rate"]),
        ("refusal rate, safe prompts", summary["refusal_rate_safe"]),
        ("refusal rate, unsafe prompts", summary["refusal_rate_unsafe"]),
        ("over-refusal rate", summary["over_refusal_rate"]),
        ("mean refusal quality", summary["quality"]["mean_score"]),
    )
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{fmt(v)}</td></tr>" for k, v in figures)
    images = "".join(
        f"<figure><img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>"
        f"<figcaption>{html.escape(name)}</figcaption></figure>"
        for name, data in _plots(summary)
    )
    worst = "".join(
        f"<h3>{html.escape(kind.replace('_', ' '))}</h3><ul>"
        + "".join(
            f"<li><code>{html.escape(x['refusal'])}</code> {x['refusal_score']:.2f}"
            + (f" · quality {x['quality_score']:.2f}" if x["quality_score"] is not None else "")
            + (f" · failed: {', '.join(x['failed_checks'])}" if x["failed_checks"] else "")
            + f"<br><b>prompt</b> {html.escape(x['prompt'])}<br>"
            f"<b>response</b> {html.escape(x['response'])}</li>"
            for x in items
        )
        + "</ul>"
        for kind, items in summary["worst"].items()
        if items
    )
    return html_page(title, f"<table>{rows}</table>{images}<h2>Worst examples</h2>{worst}")
