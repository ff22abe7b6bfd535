"""Sentence vectors from the static embedder's mean token vectors, fast: what the engine
judges a request by and what the refusal scorer reads a response with.

Calling the tokenizer is most of the cost of embedding a few short sentences, and responses
reuse the same words over and over. The tokenizer (BERT normaliser and pre-tokeniser) never
joins tokens across whitespace, so a text's token ids are the ids of its whitespace-separated
chunks, in order: each chunk is tokenised once and its ids are cached. The vectors are the same
as `Embedder.encode` gives (the unit tests compare them).
"""

from __future__ import annotations

import itertools
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
#: The ASCII characters `str.split` takes for white space and the BERT normaliser does not: an
#: ASCII text without them splits the same either way, and `str.split` is several times faster.
_NOT_BERT_SPACE = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
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
        self._ids: dict[str, tuple[int, ...]] = {}
        self._lock = threading.Lock()
        self._tokenize_lock = threading.Lock()
        if self._model is not None:
            # A tokenizer of our own, without truncation: the model's truncates at 512 tokens
            # (model2vec sets that on it after every encode), and since new chunks are tokenised
            # joined in one call, chunks past the 512th token came back with no ids and were
            # cached that way. Its own copy also leaves model2vec's mutations to the embedder.
            from tokenizers import Tokenizer

            self._tokenizer = Tokenizer.from_str(self._model.tokenizer.to_str())
            self._tokenizer.no_truncation()
            self._tokenizer.no_padding()
            # The model's own table, shared (float16 for the bundled model): a float32 copy
            # would add 30 MB per process; the few rows a call needs are cast on the way.
            embedding = np.asarray(self._model.embedding)
            if self._model.weights is not None:
                embedding = embedding * np.asarray(self._model.weights, np.float32)[:, None]
            self._embedding: NDArray[np.floating[Any]] = embedding

    def _chunk_ids(self, chunks: list[str]) -> list[tuple[int, ...]]:
        assert self._model is not None
        cache = self._ids
        # Each chunk's ids are read once into `found`: another thread may clear the shared
        # cache at any moment, and a chunk must never come back empty because of it.
        found = {c: cache.get(c) for c in dict.fromkeys(chunks)}
        missing = [c for c, ids in found.items() if ids is None]
        if missing:
            # One tokenizer call over the new chunks joined by spaces (a batch call costs far
            # more in thread hand-off than it saves); offsets say which chunk owns each token.
            with self._tokenize_lock:
                encoding = self._tokenizer.encode(" ".join(missing), add_special_tokens=False)
            new = dict(
                zip(missing, self._owned(encoding.ids, encoding.offsets, missing), strict=True)
            )
            found.update(new)
            with self._lock:
                if len(cache) + len(new) > CACHE_LIMIT:
                    cache.clear()
                cache.update(new)
        return [v if (v := found[c]) is not None else () for c in chunks]

    def _owned(
        self, ids: list[int], offsets: list[tuple[int, int]], chunks: list[str]
    ) -> list[tuple[int, ...]]:
        """Each chunk's ids (unknown tokens dropped), from the ids and offsets of the chunks
        joined by single spaces. A few dozen tokens: a plain loop is cheaper than numpy's set-up."""
        unk = self._model.unk_token_id if self._model is not None else None
        owned: list[list[int]] = [[] for _ in chunks]
        ends = list(itertools.accumulate(len(c) + 1 for c in chunks))
        n, last = 0, len(chunks)
        for token, (start, _) in zip(ids, offsets, strict=True):
            while start >= ends[n]:  # the chunk this token starts in (tokens come in order)
                n += 1
                if n == last:
                    return [tuple(o) for o in owned]
            if token != unk:
                owned[n].append(token)
        return [tuple(o) for o in owned]

    def __call__(self, texts: Sequence[str]) -> Array:
        if self._model is None:
            return self.embedder.encode(texts)
        per_text = [_chunks(text) for text in texts]
        pieces = self._chunk_ids([chunk for chunks in per_text for chunk in chunks])
        # Tokens per text, and where each text with any tokens starts in the concatenated ids:
        # a few texts, so plain Python costs less than numpy's set-up for them.
        totals: list[int] = []
        rows_of: list[int] = []  # texts with at least one token
        starts: list[int] = []
        at = k = 0
        for i, chunks in enumerate(per_text):
            total = sum(map(len, pieces[k : k + len(chunks)]))
            k += len(chunks)
            totals.append(total)
            if total:
                rows_of.append(i)
                starts.append(at)
                at += total
        counts = np.asarray(totals, dtype=np.float32)
        if at:
            ids = np.fromiter(itertools.chain.from_iterable(pieces), dtype=np.int64, count=at)
            # Tokens come in text order, so each text's tokens are one contiguous run. The
            # float16 rows are summed as float32 by the reduction itself (the same sums as
            # casting them first, without the cast copy).
            found = np.add.reduceat(self._embedding[ids], starts, axis=0, dtype=np.float32)
            if len(rows_of) == len(texts):
                sums = found
            else:
                sums = np.zeros((len(texts), self.embedder.dim), np.float32)
                sums[rows_of] = found
        else:
            sums = np.zeros((len(texts), self.embedder.dim), np.float32)
        means = sums / np.maximum(counts, 1.0)[:, None]
        # np.linalg.norm(means, axis=1, keepdims=True), as it computes it for real arrays.
        norms: Array = np.sqrt(np.add.reduce(means * means, axis=1, keepdims=True))
        normalised: Array = means / (norms + 1e-32)
        return normalised


def _chunks(text: str) -> list[str]:
    """The text's chunks between runs of BERT white space."""
    if text.isascii() and not any(map(text.__contains__, _NOT_BERT_SPACE)):
        return text.split()
    return [c for c in _BERT_SPACE.split(text) if c]
