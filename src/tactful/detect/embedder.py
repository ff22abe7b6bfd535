"""Sentence embeddings from the bundled static (model2vec) model: numpy only, no torch."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from tactful.errors import ModelError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

#: Where the bundled model lives inside the package.
MODEL_PACKAGE = "tactful.assets"
STATIC_DIR = "static"


def bundled_model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE).joinpath("model")))


class Embedder:
    """L2-normalised sentence vectors. Token vectors are averaged, so cost is linear in length.

    Reads a model2vec static model's files itself (the token table from `model.safetensors`, the
    tokenizer from `tokenizer.json`): model2vec's loader imports huggingface_hub and httpx,
    which was a fifth of the engine's cold start, for nothing run time uses. The vectors are
    model2vec's own (the unit tests compare them with `StaticModel.encode`).
    """

    def __init__(self, path: Path) -> None:
        if not (path / "model.safetensors").is_file():
            raise ModelError(f"no static model at {path}: run `tactful train` or reinstall tactful")
        try:
            self.table, self.tokenizer, self.unk_token_id = _read_static_model(path)
        except Exception as exc:  # corrupt files surface as many exception types
            raise ModelError(f"cannot load the static model at {path}: {exc}") from exc
        self.dim = int(self.table.shape[1])
        self.path = path
        from tactful.detect.vectors import SentenceVectors  # a cycle at import time otherwise

        self.fast = SentenceVectors(self)
        self.vector = lru_cache(maxsize=8192)(self._vector)

    def _vector(self, text: str) -> NDArray[np.float32]:
        """One text's vector, cached: a turn is embedded once however often it is judged."""
        vector: NDArray[np.float32] = self.fast([text])[0]
        vector.setflags(write=False)
        return vector

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """The texts' vectors, one row each (a zero row for a text with no known token)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.fast(texts)


def _read_static_model(path: Path) -> tuple[NDArray[np.floating[Any]], Tokenizer, int | None]:
    """The token table (a row per token id, the model's weights and token mapping applied), the
    tokenizer without truncation or padding, and the id of its unknown token."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    with safe_open(str(path / "model.safetensors"), framework="numpy") as tensors:
        names = set(tensors.keys())
        table: NDArray[np.floating[Any]] = tensors.get_tensor("embeddings")
        mapping = tensors.get_tensor("mapping") if "mapping" in names else None
        weights = tensors.get_tensor("weights") if "weights" in names else None
    # A quantised vocabulary maps token ids to shared rows; weights scale each token's row.
    if mapping is not None:
        table = table[np.asarray(mapping, dtype=np.int64)]
    if weights is not None:
        table = table * np.asarray(weights, np.float32)[:, None]
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    # New chunks are tokenised joined in one call: the tokenizer's own truncation at 512
    # tokens would give chunks past it no ids (`tactful.detect.vectors`).
    tokenizer.no_truncation()
    tokenizer.no_padding()
    if len(table) < tokenizer.get_vocab_size():
        raise ValueError(f"{len(table)} token vectors for {tokenizer.get_vocab_size()} tokens")
    unk_token = getattr(tokenizer.model, "unk_token", None)
    unk = tokenizer.token_to_id(unk_token) if isinstance(unk_token, str) else None
    return table, tokenizer, unk


@lru_cache(maxsize=4)
def load_embedder(path: Path | None = None) -> Embedder:
    return Embedder((path or bundled_model_dir()) / STATIC_DIR)
