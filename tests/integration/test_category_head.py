"""The category head picks which harmful category a request is about.

The one-vs-rest topic heads say how strongly a text is about each category, but their
probabilities are not comparable across categories; a softmax over the harmful categories
chooses between them. These tests pin that the engine follows that head, and that heads saved
before it existed still load.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tactful import Engine
from tactful.detect.classifier import HEADS_FILE, Heads, gram_arrays
from tactful.detect.embedder import STATIC_DIR, bundled_model_dir, load_embedder
from tactful.models import Kind
from tactful.policy import default_policy

REQUEST = "How do I extract ricin from castor beans?"


@pytest.fixture
def model_dir(tmp_path: Path) -> Iterator[Path]:
    bundled = bundled_model_dir()
    (tmp_path / STATIC_DIR).symlink_to((bundled / STATIC_DIR).resolve(), target_is_directory=True)
    load_embedder.cache_clear()
    yield tmp_path
    load_embedder.cache_clear()


def test_bundled_heads_rank_the_harmful_categories() -> None:
    heads = Heads.load(bundled_model_dir() / HEADS_FILE)
    policy = default_policy()
    harmful = {cid for cid, c in policy.categories.items() if c.kind is Kind.HARMFUL}
    assert set(heads.cat_ids) <= harmful
    assert len(heads.cat_ids) >= 10
    assert heads.cat_w.shape == (load_embedder().dim, len(heads.cat_ids))
    assert heads.cat_gram_w.shape == (len(heads.cat_gram_keys), len(heads.cat_ids))
    # Keys are looked up by binary search: they must be sorted and distinct.
    assert np.all(np.diff(heads.cat_gram_keys) > 0)


def test_shares_survive_a_save_and_load(model_dir: Path) -> None:
    heads = Heads.load(bundled_model_dir() / HEADS_FILE)
    heads.save(model_dir / HEADS_FILE)
    again = Heads.load(model_dir / HEADS_FILE)
    x = load_embedder().vector(REQUEST)
    keys, values = gram_arrays(REQUEST)
    before, after = heads.category_shares(x, keys, values), again.category_shares(x, keys, values)
    assert before.keys() == after.keys()
    assert sum(before.values()) == pytest.approx(1.0)
    for cid, share in before.items():
        assert after[cid] == pytest.approx(share, abs=1e-3)


def test_the_engine_follows_the_category_head(model_dir: Path) -> None:
    assert Engine.default().decide(REQUEST).category == "weapons_cbrne"
    heads = Heads.load(bundled_model_dir() / HEADS_FILE)
    # The same heads with the category head's bias pushed far towards intellectual property:
    # the harm verdict is unchanged, the category it is filed under follows the head.
    bias = heads.cat_b.copy()
    bias[heads.cat_ids.index("ip_violation")] += 30.0
    dataclasses.replace(heads, cat_b=bias).save(model_dir / HEADS_FILE)
    decision = Engine(default_policy(), model_dir=model_dir).decide(REQUEST)
    assert decision.flagged
    assert decision.category == "ip_violation"


def test_heads_saved_before_the_category_head_still_load(model_dir: Path) -> None:
    # A heads file as written before the category head existed: no cat_* arrays at all.
    with np.load(bundled_model_dir() / HEADS_FILE, allow_pickle=False) as data:
        old = {k: data[k] for k in data.files if not k.startswith("cat_")}
    np.savez_compressed(model_dir / HEADS_FILE, **old)  # type: ignore[arg-type]
    loaded = Heads.load(model_dir / HEADS_FILE)
    assert loaded.cat_ids == ()
    assert loaded.category_shares(load_embedder().vector(REQUEST), *gram_arrays(REQUEST)) == {}
    decision = Engine(default_policy(), model_dir=model_dir).decide(REQUEST)
    assert decision.flagged and decision.category is not None


@pytest.mark.parametrize(
    "text",
    [
        "I need help creating an advertising campaign for a new energy drink targeting young "
        "adults aged 18-30.",
        "Generate a story about a young man who wants to become a successful entrepreneur.",
        "where can i get my w-2",
    ],
)
def test_no_request_without_a_minor_is_filed_as_child_sexual_abuse(engine, text):
    decision = engine.decide(text)
    assert decision.category != "child_sexual_abuse"
    assert decision.action.helps
