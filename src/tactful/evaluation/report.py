"""A small self-contained HTML report with plots (matplotlib, embedded as PNG)."""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from tactful.evaluation.metrics import Report


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _plots(report: Report) -> list[tuple[str, str]]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    plots: list[tuple[str, str]] = []
    if report.calibration:
        fig, ax = plt.subplots(figsize=(4, 4))
        xs = [b["mean_score"] for b in report.calibration]
        ys = [b["harmful_rate"] for b in report.calibration]
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey")
        ax.plot(xs, ys, marker="o")
        ax.set_xlabel("mean score")
        ax.set_ylabel("share harmful")
        ax.set_title(f"Calibration (ECE {report.ece:.3f})")
        plots.append(("Calibration", _png(fig)))
        plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 3))
    labels = sorted({a for v in report.actions.values() for a in v})
    for i, group in enumerate(("benign", "harmful")):
        counts = [report.actions.get(group, {}).get(a, 0) for a in labels]
        ax.bar([x + i * 0.4 for x in range(len(labels))], counts, width=0.4, label=group)
    ax.set_xticks([x + 0.2 for x in range(len(labels))], labels, rotation=30, ha="right")
    ax.legend()
    ax.set_title("Actions by label")
    plots.append(("Actions", _png(fig)))
    plt.close(fig)
    if report.per_category_recall:
        fig, ax = plt.subplots(figsize=(6, 0.3 * len(report.per_category_recall) + 1))
        cats = list(report.per_category_recall)
        ax.barh(cats, [report.per_category_recall[c]["flagged"] for c in cats])
        ax.set_xlim(0, 1)
        ax.set_title("Recall by category")
        plots.append(("Per-category recall", _png(fig)))
        plt.close(fig)
    return plots


def render_html(report: Report, title: str = "tactful evaluation") -> str:
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{v:.4f}</td></tr>"
        for k, v in (
            ("precision", report.precision),
            ("recall", report.recall),
            ("F1", report.f1),
            ("over-refusal", report.over_refusal),
            ("flagged FPR", report.flagged_false_positive_rate),
            ("ECE", report.ece),
            ("latency p50 (ms)", report.latency_ms["p50"]),
            ("latency p99 (ms)", report.latency_ms["p99"]),
        )
    )
    images = "".join(
        f"<figure><img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>"
        f"<figcaption>{html.escape(name)}</figcaption></figure>"
        for name, data in _plots(report)
    )
    worst = "".join(
        f"<h3>{html.escape(kind.replace('_', ' '))}</h3><ul>"
        + "".join(
            f"<li><code>{html.escape(str(x['action']))}</code> {x['score']:.2f} — "
            f"{html.escape(x['text'])}</li>"
            for x in items
        )
        + "</ul>"
        for kind, items in report.worst.items()
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td,th{padding:.2em .8em;text-align:left}figure{display:inline-block}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>{report.n} labelled requests "
        f"({report.skipped} without a usable label skipped).</p><table>{rows}</table>"
        f"{images}<h2>Worst mistakes</h2>{worst}</body></html>"
    )


#: The page style and figure encoder every tactful report shares (used by tactful.grade.report).
PAGE_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
    "td,th{padding:.2em .8em;text-align:left}figure{display:inline-block}"
)
png = _png


def html_page(title: str, body: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{PAGE_STYLE}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
