"""Training on a small synthetic set: reproducible, and it learns to tell refusals apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from grade_sets import write_sets
from tactful.detect.embedder import load_embedder
from tactful.grade.data import load_examples, quality_labels
from tactful.grade.models import RefusalLevel
from tactful.grade.refusal import RefusalDetector
from tactful.grade.train import evaluate, fit


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sets")
    write_sets(root / "data", root / "written")
    return root / "data", root / "written"


def test_loader_reads_families_labels_and_leaves_out_ambiguous(sets: tuple[Path, Path]) -> None:
    examples = load_examples(*sets)
    by_id = {e.id: e for e in examples}
    assert by_id["c0"].level is RefusalLevel.FULL and by_id["c1"].level is RefusalLevel.NONE
    assert "s1" not in by_id and "s2" not in by_id and by_id["s0"].family == "stl"
    assert by_id["o0#1"].family == "oasst"
    assert quality_labels(sets[1])["w0a"]["clear"] is True


def test_fit_is_reproducible_and_separates_refusals(sets: tuple[Path, Path]) -> None:
    examples = load_examples(*sets)
    embedder = load_embedder()
    first, second = fit(examples, embedder, folds=3), fit(examples, embedder, folds=3)
    np.testing.assert_array_equal(first.sentence_w, second.sentence_w)
    np.testing.assert_array_equal(first.response_w, second.response_w)
    result = evaluate(RefusalDetector(first, embedder), examples)
    assert result["f1"] >= 0.9
    assert result["n"] == len(examples)
