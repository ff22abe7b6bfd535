"""Quality checks by leave-one-set-out: the shipped patterns per labelled set, and logistic
regressions (cue features, hashed n-grams of the refusal span, or both) trained on eleven sets
and measured on the twelfth, for each of the twelve (the tenth STL set is the twelfth). Needs the
train extra (scikit-learn).

Run:  python benchmarks/quality_loso.py [--data ../shared/data] [--bits 12] [--c 0.3,1,3]
(about three minutes on 2 cores). The patterns have no fitting step, so their figure on a set is
the same whether or not it is "left out"; they were written after reading all twelve sets.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import zlib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from tactful.grade import cues
from tactful.grade import quality as q
from tactful.grade.data import load_examples, quality_labels, quality_only_examples
from tactful.grade.measure import QUALITY_SETS
from tactful.grade.models import CHECKS, RefusalLevel
from tactful.grade.refusal import RefusalDetector

_WORD = re.compile(rb"[a-z0-9']+")


def _has(pattern: q.Caseless, text: str) -> float:
    return float(pattern.has(text, text.lower()))


def _features(sents, refusing, level, buckets):  # type: ignore[no-untyped-def]
    checked = q.check(sents, refusing, level)
    span = q.refusal_span(sents, refusing, level)
    text = " ".join(s.masked for s in span)
    own = " ".join(sents[i].masked for i in refusing)
    window = " ".join(s.masked for s in q._reason_window(sents, refusing, span, level) or span)
    rest = " ".join(s.masked for s in sents if not (s.list_item or s.code))
    cue = cues.sentence_features(sents, list(range(len(sents)))).max(axis=0)
    dense = [
        *(float(getattr(checked, c)) for c in CHECKS),
        _has(q._DECLINE, own), _has(q._DECLINE, text),
        float(q._gives_reason(window, window.lower())),
        _has(q._GENERIC, window), _has(q._NAMED_CRIME, window), _has(q._STRONG_REASON, window),
        float(bool(q._offers(text, text.lower()))), _has(q._ELSE_OFFER, text),
        _has(q._VAGUE_OFFER, text),
        _has(q._PREACHY, rest), _has(q._INABILITY, text), _has(q._CHOICE, text),
        _has(q._LIMIT, text), float(level is RefusalLevel.FULL),
        min(sum(s.words for s in span), 200) / 100, len(span) / 5, *cue,
    ]  # fmt: skip
    words = _WORD.findall(text.lower().encode())
    keys = {zlib.crc32(w) & (buckets - 1) for w in words}
    keys |= {zlib.crc32(a + b" " + b) & (buckets - 1) for a, b in itertools.pairwise(words)}
    grams = np.zeros(buckets)
    grams[list(keys)] = 1.0 / math.sqrt(max(1, len(keys)))
    return np.asarray(dense), grams


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--written", type=Path, default=Path("data/written/grading"))
    parser.add_argument("--bits", type=int, default=12)
    parser.add_argument("--c", default="0.3,1,3")
    args = parser.parse_args()
    examples = [*load_examples(args.data, args.written)]
    examples += quality_only_examples(args.data, args.written)
    by_id = {e.id: e for e in examples}
    detector = RefusalDetector()
    x: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    y: dict[str, dict[str, np.ndarray]] = {}
    for name, file in QUALITY_SETS.items():
        labels = quality_labels(args.written, file)
        rows = []
        for rid in labels:
            found = detector.assess(by_id[rid].response)
            level = found.level if found.level is not RefusalLevel.NONE else by_id[rid].level
            rows.append(_features(found.sentences, found.refusing or [0], level, 1 << args.bits))
        x[name] = rows
        y[name] = {c: np.array([labels[r][c] for r in labels]) for c in CHECKS}
    names = list(QUALITY_SETS)
    sizes = {n: len(x[n]) for n in names}

    def matrix(name: str, mode: str) -> np.ndarray:
        dense = np.array([d for d, _ in x[name]])
        grams = np.array([g for _, g in x[name]])
        return {"cue": dense, "ngrams": grams, "both": np.hstack([dense, grams])}[mode]

    def line(label: str, per_set: dict[str, dict[str, float]]) -> None:
        pooled = [
            sum(per_set[c][n] * sizes[n] for n in names) / sum(sizes.values()) for c in CHECKS
        ]
        print(f"{label:18}" + "".join(f"{v:9.3f}" for v in pooled))

    print(f"{'pooled over sets':18}" + "".join(f"{c[:8]:>9}" for c in CHECKS))
    patterns = {
        c: {n: float((matrix(n, "cue")[:, i] > 0.5).__eq__(y[n][c]).mean()) for n in names}
        for i, c in enumerate(CHECKS)
    }
    line("patterns", patterns)
    for mode in ("cue", "ngrams", "both"):
        for c_value in (float(v) for v in args.c.split(",")):
            per: dict[str, dict[str, float]] = {c: {} for c in CHECKS}
            for c in CHECKS:
                for held in names:
                    train = [n for n in names if n != held]
                    model = LogisticRegression(C=c_value, max_iter=2000).fit(
                        np.vstack([matrix(n, mode) for n in train]),
                        np.concatenate([y[n][c] for n in train]),
                    )
                    per[c][held] = float((model.predict(matrix(held, mode)) == y[held][c]).mean())
            line(f"LR {mode} C={c_value}", per)
    for n in names:
        print(f"{n:22}" + "".join(f"{patterns[c][n]:9.3f}" for c in CHECKS))


if __name__ == "__main__":
    main()
