"""Sentence embeddings from the bundled static (model2vec) model: numpy only, no torch."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tactful.errors import ModelError

#: Where the bundled model lives inside the package.
MODEL_PACKAGE = "tactful.assets"
STATIC_DIR = "static"


def bundled_model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE).joinpath("model")))


class Embedder:
    """L2-normalised sentence vectors. Token vectors are averaged, so cost is linear in length."""

    def __init__(self, path: Path) -> None:
        from model2vec import StaticModel  # deferred: keeps `import tactful` fast

        if not (path / "model.safetensors").is_file():
            raise ModelError(f"no static model at {path}: run `tactful train` or reinstall tactful")
        try:
            self._model = StaticModel.from_pretrained(path, normalize=True, force_download=False)
        except Exception as exc:  # corrupt files surface as many exception types
            raise ModelError(f"cannot load the static model at {path}: {exc}") from exc
        self.dim = int(self._model.dim)
        self.path = path
        # The Rust tokenizer is mutated on every encode (model2vec sets its truncation), and
        # concurrent use raises "Already borrowed": one encode at a time keeps the engine
        # thread-safe, as the server's threadpool needs.
        self.lock = threading.Lock()
        from tactful.detect.vectors import SentenceVectors  # a cycle at import time otherwise

        # The same vectors as `encode`, without model2vec's per-call overhead (progress bar,
        # batching, a tokenizer call for words it has seen before): most of a short request's
        # embedding cost.
        self.fast = SentenceVectors(self)
        self.vector = lru_cache(maxsize=8192)(self._vector)

    def _vector(self, text: str) -> NDArray[np.float32]:
        """One text's vector, cached: a turn is embedded once however often it is judged."""
        vector: NDArray[np.float32] = self.fast([text])[0]
        vector.setflags(write=False)
        return vector

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self.lock:
            vectors = self._model.encode(
                list(texts), max_length=None, use_multiprocessing=False, batch_size=4096
            )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def load_embedder(path: Path | None = None) -> Embedder:
    return Embedder((path or bundled_model_dir()) / STATIC_DIR)
