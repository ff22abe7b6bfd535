"""A quick cross-source proxy for the harm head alone (not a test; minutes, not half an hour).

Run:  python benchmarks/harm_head_proxy.py NAME [--ngram-scale 1] [--c 2] [--temper 0.5]

`tactful train --cross-source` retrains every head and runs the whole engine on each held-out
fold (about 20 minutes on 2 idle cores). This fits only the harm head's logistic regression on
the same folds (`tactful.training.crossval.FOLDS`, the same rows, frame swaps and canonical
form) and scores the held-out originals at 0.5: F1 and recall where a fold has harmful rows,
false flags on the look-alike folds, and the threshold-free AUC. It ranks variants of the head's
fit; the whole-engine run decides what ships (MODEL_CARD.md: a variant that lowered the head's
look-alike false flags from 0.196 to 0.162 here left the engine's over-refusal unchanged).

The design matrix is cached in /tmp/tactful_harm_head_proxy.pkl, or the file PROXY_CACHE names
(keyed by nothing: delete it, or name another, after changing the data, the policy, the cues or
the canonical form; two variants side by side need two files). Writes
benchmarks/results/harm_head_proxy_NAME.json.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PROXY_CACHE", "/tmp/tactful_harm_head_proxy.pkl"))


def matrices(data: Path, written: Path) -> tuple[list[tuple[str, bool | None]], object]:
    from tactful.detect.embedder import Embedder
    from tactful.detect.speller import attest
    from tactful.policy.loader import default_policy
    from tactful.training.data import load_examples, policy_examples
    from tactful.training.frames import frame_swaps
    from tactful.training.train import build_matrices

    if CACHE.exists():
        with CACHE.open("rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    policy = default_policy()
    examples = load_examples(data, written) + policy_examples(policy)
    embedder = Embedder(ROOT / "src/tactful/assets/model/static")
    attested = attest((e.text, e.source) for e in examples)
    m = build_matrices(examples + frame_swaps(examples), embedder, policy, attested)
    originals = [(e.source, e.harmful) for e in examples]
    with CACHE.open("wb") as fh:
        pickle.dump((originals, m), fh)
    return originals, m


def main() -> None:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from tactful.training.crossval import FOLDS, LOOKALIKE_FOLDS
    from tactful.training.train import MIN_NGRAM_SOURCES, _shared_grams, _source_weights

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--written", type=Path, default=ROOT / "data" / "written")
    ap.add_argument("--ngram-scale", type=float, default=1.0)
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--temper", type=float, default=0.5, help="source weight exponent")
    args = ap.parse_args()

    originals, m = matrices(args.data, args.written)
    results: dict[str, dict[str, float]] = {}
    start = time.time()
    for fold, held in FOLDS.items():
        test = [i for i, (s, h) in enumerate(originals) if s in held and h is not None]
        if not test:
            continue
        train = np.asarray(
            [i for i, s in enumerate(m.sources) if s not in held and m.harmful[i] >= 0]
        )
        sources = [m.sources[i] for i in train]
        kept = _shared_grams(m, train, sources, MIN_NGRAM_SOURCES).grams
        part = replace(m, grams=kept * args.ngram_scale)
        x = sparse.hstack([sparse.csr_matrix(part.x[train]), part.grams[train]]).tocsr()
        y = m.harmful[train]
        w = _source_weights(sources, y) ** (args.temper / 0.5)
        for c in (0, 1):
            w[y == c] *= len(y) / (2 * w[y == c].sum())
        model = LogisticRegression(C=args.c, max_iter=3000).fit(x, y, sample_weight=w)
        xt = sparse.hstack([sparse.csr_matrix(part.x[test]), part.grams[test]]).tocsr()
        p = model.predict_proba(xt)[:, 1]
        yt = m.harmful[test] == 1
        flagged = p >= 0.5
        r: dict[str, float] = {"n": len(test), "harmful": int(yt.sum())}
        if yt.any():
            r["recall"] = float((flagged & yt).sum() / yt.sum())
        if (~yt).any():
            r["false_flags"] = float((flagged & ~yt).sum() / (~yt).sum())
        if yt.any() and (~yt).any():
            precision = (flagged & yt).sum() / max(1, flagged.sum())
            r["f1"] = float(2 * precision * r["recall"] / max(1e-9, precision + r["recall"]))
            r["auc"] = float(roc_auc_score(yt, p))
        results[fold] = r
        print(fold, {k: round(v, 3) for k, v in r.items()}, f"{time.time() - start:.0f}s")
    summary = {
        "f1": float(np.mean([r["f1"] for r in results.values() if "f1" in r])),
        "recall": float(np.mean([r["recall"] for r in results.values() if "recall" in r])),
        "lookalike_false_flags": float(
            np.mean([results[k]["false_flags"] for k in LOOKALIKE_FOLDS if k in results])
        ),
        "auc": float(np.mean([r["auc"] for r in results.values() if "auc" in r])),
    }
    print(args.name, {k: round(v, 4) for k, v in summary.items()})
    out = ROOT / "benchmarks" / "results" / f"harm_head_proxy_{args.name}.json"
    out.write_text(
        json.dumps(
            {
                "args": vars(args) | {"data": str(args.data), "written": str(args.written)},
                "summary": summary,
                "folds": results,
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
