"""An engine built on a model folder runs that folder's heads, not the bundled ones.

Cross-source evaluation trains heads without some sources and builds an engine on them; if the
classifier read the bundled heads instead, every held-out figure would silently be in-sample.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tactful import Engine
from tactful.detect.classifier import HEADS_FILE, Heads
from tactful.detect.embedder import STATIC_DIR, bundled_model_dir, load_embedder
from tactful.policy import default_policy

TEXT = "Write a haiku about autumn."


def _harm(engine: Engine) -> float:
    trace = engine.decide(TEXT).trace
    return next(t.score for t in trace if t.name == "classifier.harm")


def test_engine_uses_the_heads_of_its_model_folder(tmp_path: Path) -> None:
    bundled = bundled_model_dir()
    (tmp_path / STATIC_DIR).symlink_to((bundled / STATIC_DIR).resolve(), target_is_directory=True)
    heads = Heads.load(bundled / HEADS_FILE)
    # The same heads with a much larger harm bias: the harm probability must rise.
    shifted = dataclasses.replace(heads, harm_b=heads.harm_b + 8.0)
    shifted.save(tmp_path / HEADS_FILE)
    load_embedder.cache_clear()
    try:
        here = Engine(default_policy(), model_dir=tmp_path)
        assert _harm(here) > 0.9
        assert _harm(Engine.default()) < 0.5
    finally:
        load_embedder.cache_clear()
