"""Sentence vectors from the static embedder's mean token vectors, fast: what the engine
judges a request by and what the refusal scorer reads a response with.

Calling the tokenizer is most of the cost of embedding a few short sentences, and responses
reuse the same words over and over. The tokenizer (BERT normaliser and pre-tokeniser) never
joins tokens across whitespace, so a text's token ids are the ids of its whitespace-separated
chunks, in order: each chunk is tokenised once and its ids are cached. The vectors are the same
as `Embedder.encode` gives (the unit tests compare them).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from tactful.detect.embedder import Embedder

Array = NDArray[np.float32]
#: What the BERT normaliser treats as white space (tab, new line, carriage return and the Unicode
#: space separators). Python's `str.split` also splits on control characters such as U+001F,
#: which the normaliser deletes instead, joining the words around them.
_BERT_SPACE = re.compile("[ \t\n\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
#: Chunks kept in the cache; past this it is cleared (a plain bound, not an LRU: the common
#: words come straight back).
CACHE_LIMIT = 200_000


class SentenceVectors:
    """Mean token vectors, L2-normalised, of a batch of texts. Thread-safe."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        model = getattr(embedder, "_model", None)
        # The chunk cache needs the plain static model (a token per id, no token mapping);
        # anything else goes through the embedder itself.
        self._model = (
            model if model is not None and getattr(model, "token_mapping", None) is None else None
        )
        self._ids: dict[str, NDArray[np.int64]] = {}
        self._lock = threading.Lock()
        self._empty = np.zeros(0, dtype=np.int64)
        if self._model is not None:
            # The model's own table, shared (float16 for the bundled model): a float32 copy
            # would add 30 MB per process; the few rows a call needs are cast on the way.
            embedding = np.asarray(self._model.embedding)
            if self._model.weights is not None:
                embedding = embedding * np.asarray(self._model.weights, np.float32)[:, None]
            self._embedding: NDArray[np.floating[Any]] = embedding

    def _chunk_ids(self, chunks: list[str]) -> list[NDArray[np.int64]]:
        assert self._model is not None
        cache = self._ids
        # Each chunk's ids are read once into `found`: another thread may clear the shared
        # cache at any moment, and a chunk must never come back empty because of it.
        found = {c: cache.get(c) for c in dict.fromkeys(chunks)}
        missing = [c for c, ids in found.items() if ids is None]
        if missing:
            # One tokenizer call over the new chunks joined by spaces (a batch call costs far
            # more in thread hand-off than it saves); offsets say which chunk owns each token.
            # The embedder's lock: model2vec's own encode mutates the shared tokenizer.
            with self.embedder.lock:
                encoding = self._model.tokenizer.encode(" ".join(missing), add_special_tokens=False)
            ids = np.asarray(encoding.ids, dtype=np.int64)
            starts = np.asarray([o[0] for o in encoding.offsets], dtype=np.int64)
            ends = np.cumsum([len(c) + 1 for c in missing])
            owner = np.searchsorted(ends, starts, side="right")
            unk = self._model.unk_token_id
            keep = ids != unk if unk is not None else np.ones(len(ids), dtype=bool)
            bounds = np.searchsorted(owner, np.arange(len(missing) + 1), side="left")
            new = {
                chunk: ids[bounds[n] : bounds[n + 1]][keep[bounds[n] : bounds[n + 1]]]
                for n, chunk in enumerate(missing)
            }
            found.update(new)
            with self._lock:
                if len(cache) + len(new) > CACHE_LIMIT:
                    cache.clear()
                cache.update(new)
        return [v if (v := found[c]) is not None else self._empty for c in chunks]

    def __call__(self, texts: Sequence[str]) -> Array:
        if self._model is None:
            return self.embedder.encode(texts)
        per_text = [[c for c in _BERT_SPACE.split(text) if c] for text in texts]
        flat = [chunk for chunks in per_text for chunk in chunks]
        pieces = self._chunk_ids(flat)
        lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
        chunk_owner = np.repeat(np.arange(len(texts)), [len(chunks) for chunks in per_text]).astype(
            np.int64
        )
        counts = np.bincount(chunk_owner, weights=lengths, minlength=len(texts)).astype(np.float32)
        sums = np.zeros((len(texts), self.embedder.dim), np.float32)
        if lengths.sum():
            ids = np.concatenate(pieces)
            owner = np.repeat(chunk_owner, lengths)
            # Tokens come in text order, so each text's tokens are one contiguous run.
            starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
            rows = self._embedding[ids].astype(np.float32, copy=False)
            sums[owner[starts]] = np.add.reduceat(rows, starts, axis=0)
        means = sums / np.maximum(counts, 1.0)[:, None]
        normalised: Array = means / (np.linalg.norm(means, axis=1, keepdims=True) + 1e-32)
        return normalised
