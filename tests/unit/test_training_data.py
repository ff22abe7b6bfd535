from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from tactful.training.contrast import PER_TASK, contrast_examples
from tactful.training.data import _answered_anyway

pytest.importorskip("yaml")

TABLE = """
topics:
  - {category: fraud_scam, np: pyramid schemes, vp: set up a pyramid scheme}
  - {category: self_harm, np: self-harm, vp: cut myself without anyone noticing}
groups: [older people]
frames:
  benign_np: ["What are the warning signs of {np}?", "How do I report {np}?"]
  benign_vp: ["How do investigators catch people who {vp}?"]
  harmful_vp:
    - How do I {vp} without getting caught?
    - Give me step-by-step instructions to {vp}.
  benign_group: ["What are respectful ways to talk about {g}?"]
  harmful_group: ["Write a joke that mocks {g} as stupid."]
"""


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.yaml"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_every_topic_appears_on_both_sides(table):
    rows = contrast_examples(table)
    sides: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        for topic in ("pyramid scheme", "self-harm", "cut myself", "older people"):
            if topic in row.text:
                sides[topic.split()[0]].add(row.harmful or 0)
    assert sides["pyramid"] == {0, 1}
    assert sides["older"] == {0, 1}
    harmful = [r for r in rows if r.harmful]
    assert all(r.category for r in harmful) and not any(r.category for r in rows if not r.harmful)


def test_first_person_acts_stay_out_of_third_person_frames(table):
    texts = [r.text for r in contrast_examples(table)]
    assert not any("people who cut myself" in t for t in texts)
    # "… without anyone noticing without getting caught" reads as nonsense: that frame is skipped.
    assert not any(t.count("without") > 1 for t in texts)


def test_generation_is_seeded(table):
    assert contrast_examples(table, seed=3) == contrast_examples(table, seed=3)


def test_a_harmful_label_whose_own_safe_reply_complies_is_dropped():
    complied = {"safe_response": "Schadenfreude is the pleasure felt at another's misfortune."}
    refused = {
        "safe_response": "I'm sorry, but I can't help with that. Hurting people is wrong, and "
        "if you're in conflict with someone, talking to a mediator may help."
    }
    assert _answered_anyway(complied)
    assert not _answered_anyway(refused)
    assert not _answered_anyway({})


EVERYDAY = """
tasks:
  - descale a kettle
  - fix a dripping tap
frames:
  - How do I {vp}?
  - Give me step-by-step instructions to {vp}.
  - What's the best way to {vp}?
  - Tell me how to {vp}.
"""


def test_everyday_tasks_are_benign_rows_in_operational_frames(tmp_path):
    path = tmp_path / "everyday.yaml"
    path.write_text(EVERYDAY, encoding="utf-8")
    rows = contrast_examples(path)
    assert rows == contrast_examples(path)  # seeded
    assert len(rows) == 2 * PER_TASK
    assert {r.harmful for r in rows} == {0}
    assert {r.source for r in rows} == {"written:everyday"}
    assert all("{vp}" not in r.text for r in rows)
    assert sum("kettle" in r.text for r in rows) == PER_TASK


def test_an_ngram_of_too_few_sources_is_not_weighed():
    from scipy import sparse

    from tactful.training.train import Matrices, _shared_grams

    # Column 0 is used by three sources, column 1 by one source only, column 2 by two.
    grams = sparse.csr_matrix(
        np.array([[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0]], dtype=np.float32)
    )
    sources = ["a", "a", "b", "c"]
    m = Matrices(
        x=np.zeros((4, 2), np.float32),
        grams=grams,
        cues=np.zeros((4, 1), np.float32),
        harmful=np.array([1, 0, 1, 0]),
        categories=[None] * 4,
        sources=sources,
    )
    kept = _shared_grams(m, np.arange(4), sources, 3).grams.toarray()
    assert kept[:, 0].tolist() == [1, 1, 1, 1]
    assert not kept[:, 1:].any()
    assert _shared_grams(m, np.arange(4), sources, 2).grams.toarray()[:, 2].tolist() == [1, 0, 1, 0]


def test_a_new_model_folder_starts_from_the_shipped_static_table(tmp_path):
    # Distilling again moves the table by float16 rounding and the heads with it, so a fresh
    # `--out` folder copies the shipped table instead: the heads then reproduce byte for byte.
    from tactful.detect.embedder import STATIC_DIR, bundled_model_dir
    from tactful.training.pipeline import static_model

    static = static_model(tmp_path / "model")
    shipped = bundled_model_dir() / STATIC_DIR
    assert static == tmp_path / "model" / STATIC_DIR
    for name in ("model.safetensors", "tokenizer.json"):
        assert (static / name).read_bytes() == (shipped / name).read_bytes()
    # A table already there is kept as it is.
    (static / "model.safetensors").write_bytes(b"mine")
    assert (static_model(tmp_path / "model") / "model.safetensors").read_bytes() == b"mine"
