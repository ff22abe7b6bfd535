"""Cross-source evaluation: train without some sources, run the real engine on them.

Each fold holds out whole sources (a harmful set with a benign set of a different origin, or a
look-alike set on its own), so the figures say how the shipped pipeline does on data it has never
seen the like of — the closest we get here to the public suites kept away from the project.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tactful.detect.classifier import HEADS_FILE
from tactful.detect.embedder import STATIC_DIR, Embedder, load_embedder
from tactful.detect.speller import WORDS_FILE, attest, write_attested
from tactful.engine import Engine
from tactful.evaluation.metrics import Row, summarise
from tactful.models import Decision, Kind
from tactful.policy.schema import Policy
from tactful.training.data import Example, load_examples, policy_examples
from tactful.training.frames import frame_swaps
from tactful.training.train import build_matrices, fit_heads_from, subset

#: Fold name → sources held out together. Harmful sets are paired with a benign source of another
#: origin so that F1 is defined; look-alike sets are held out alone (over-refusal).
FOLDS: dict[str, tuple[str, ...]] = {
    "strongreject+oasst": ("strongreject", "oasst_eval_prompts"),
    "advbench+alpaca": ("advbench", "alpaca"),
    "catqa+arena_hard": ("catqa_english", "arena_hard_prompts"),
    "harmfulqa+self_instruct": ("harmfulqa", "self_instruct_seed_user"),
    "do_not_answer+mtbench": ("do_not_answer", "mtbench_vicuna_questions"),
    "maliciousinstruct+dangerousqa+actorattack": (
        "maliciousinstruct", "dangerousqa", "actorattack_cb_harmbench",
    ),
    "safety_tuned_llamas": ("safety_tuned_llamas_safety_train",),
    "oktest": ("oktest",),
    "coconot_contrast": ("coconot_pref",),
    "cyberseceval_frr": ("cyberseceval_frr_interpreter",),
    "toxigen": ("toxigen_prompts",),
    "olid": ("olid_offensive_tweets",),
    "stormfront+davidson": ("stormfront_hate_sentences", "davidson_hate_offensive"),
    "written_contrast": ("written:benign_lookalikes", "written:harmful_requests"),
    "written_more": ("written:benign_lookalikes_more", "written:harmful_more"),
    "written_content": ("written:benign_content", "written:harmful_content"),
    "written_realchat": ("written:benign_realchat",),
}  # fmt: skip


def _rows(examples: Sequence[Example]) -> list[Row]:
    return [
        Row(id=i, request=e.text, harmful=bool(e.harmful), category=e.category, source=e.source)
        for i, e in enumerate(examples)
        if e.harmful is not None
    ]


def cross_source(
    policy: Policy,
    shared_dir: Path,
    written_dir: Path | None,
    static_dir: Path,
    folds: Mapping[str, Sequence[str]] = FOLDS,
    limit: int = 1500,
    rows_out: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Figures per fold; `rows_out`, when given, receives every held-out row's decision so that
    operating points can be studied without retraining."""
    examples = load_examples(shared_dir, written_dir) + policy_examples(policy)
    # Trained on with the re-framed copies, as `tactful train` is; judged on the originals only.
    pool = examples + frame_swaps(examples)
    embedder = Embedder(static_dir)
    # One list of attested words for every fold (a held-out source's words count towards it:
    # it only decides which unknown words are slips, and a word needs two sources).
    attested = attest((e.text, e.source) for e in examples)
    m = build_matrices(pool, embedder, policy, attested)
    results: dict[str, Any] = {}
    for name, held in folds.items():
        test_idx = [i for i, e in enumerate(examples) if e.source in held]
        if not test_idx:
            continue
        train_idx = [i for i, e in enumerate(pool) if e.source not in held]
        heads = fit_heads_from(subset(m, train_idx), embedder, policy)
        with tempfile.TemporaryDirectory() as tmp:
            model_dir = Path(tmp)
            (model_dir / STATIC_DIR).symlink_to(static_dir.resolve(), target_is_directory=True)
            heads.save(model_dir / HEADS_FILE)
            write_attested(attested, model_dir / WORDS_FILE)
            load_embedder.cache_clear()
            engine = Engine(policy, model_dir=model_dir)
            rows = _rows([examples[i] for i in test_idx])
            if limit and len(rows) > limit:
                rows = random.Random(13).sample(rows, limit)
            decisions = [(r, engine.decide(r.request)) for r in rows]
        report = summarise(decisions, [])
        if rows_out is not None:
            rows_out.extend(
                {
                    "fold": name,
                    "source": r.source,
                    "harmful": r.harmful,
                    "score": round(d.score, 4),
                    "flagged": d.flagged,
                    "action": d.action.value,
                    "category": d.category,
                    "text": r.request,
                }
                for r, d in decisions
            )
        results[name] = {
            "held_out": list(held),
            "n": report.n,
            "harmful": sum(1 for r in rows if r.harmful),
            "precision": report.precision,
            "recall": report.recall,
            "f1": report.f1,
            "flagged_fpr": report.flagged_false_positive_rate,
            "over_refusal": report.over_refusal,
            "ece": report.ece,
            "category_accuracy": _category_accuracy(decisions, policy),
        }
    return results


def _category_accuracy(decisions: Sequence[tuple[Row, Decision]], policy: Policy) -> float | None:
    """Of the flagged rows whose source names a harmful category, the share given that one."""
    named = [
        (r, d)
        for r, d in decisions
        if r.harmful and d.flagged and r.category in policy.categories
        and policy.categories[r.category].kind is Kind.HARMFUL
    ]  # fmt: skip
    return sum(d.category == r.category for r, d in named) / len(named) if named else None


#: Folds whose held-out sources are look-alikes: over-refusal is what they measure.
LOOKALIKE_FOLDS = (
    "oktest",
    "coconot_contrast",
    "cyberseceval_frr",
    "written_contrast",
    "written_more",
    "written_realchat",
)


def summary(results: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """The headline figures: F1 where both labels are held out, recall on harmful-only sets,
    and over-refusal on the look-alike sets."""
    mixed = [r for r in results.values() if 0 < r["harmful"] < r["n"]]
    harmful_only = [r for r in results.values() if r["harmful"] == r["n"]]
    look = [results[k] for k in LOOKALIKE_FOLDS if k in results]
    out: dict[str, float] = {}
    if mixed:
        out["mean_f1_mixed"] = sum(r["f1"] for r in mixed) / len(mixed)
    recalls = [r["recall"] for r in results.values() if r["harmful"]]
    if recalls:
        out["mean_recall_harmful_sets"] = sum(recalls) / len(recalls)
    if harmful_only:
        out["mean_recall_harmful_only_folds"] = sum(r["recall"] for r in harmful_only) / len(
            harmful_only
        )
    if look:
        out["mean_over_refusal_lookalikes"] = sum(r["over_refusal"] for r in look) / len(look)
        out["max_over_refusal_lookalikes"] = max(r["over_refusal"] for r in look)
    named = [r["category_accuracy"] for r in results.values() if r.get("category_accuracy")]
    if named:
        out["mean_category_accuracy"] = sum(named) / len(named)
    return out
