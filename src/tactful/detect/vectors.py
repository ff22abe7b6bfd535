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
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from tactful.detect.embedder import Embedder

Array = NDArray[np.float32]
#: What the BERT normaliser treats as white space (tab, new line, carriage return and the Unicode
#: space separators). Python's `str.split` also splits on control characters such as U+001F,
#: which the normaliser deletes instead, joining the words around them.
_BERT_SPACE = re.compile("[ \t\n\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
#: The ASCII characters `str.split` takes for white space and the BERT normaliser does not: an
#: ASCII text without them splits the same either way, and `str.split` is several times faster.
_NOT_BERT_SPACE = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
#: Chunks the pre-tokeniser is known to split into `_PIECE`s: printable ASCII.
_PLAIN = re.compile(r"[!-~]+")
_PIECE = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9]")
#: Chunks kept in the cache; past this it is cleared (a plain bound, not an LRU: the common
#: words come straight back).
CACHE_LIMIT = 200_000


class SentenceVectors:
    """Mean token vectors, L2-normalised, of a batch of texts. Thread-safe."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self._ids: dict[str, tuple[int, ...]] = {}
        self._lock = threading.Lock()
        self._tokenize_lock = threading.Lock()
        # The embedder's tokenizer, without truncation or padding: chunks past the 512th token
        # of one call would come back with no ids, and be cached that way.
        self._tokenizer = embedder.tokenizer
        self._unk = embedder.unk_token_id
        # Tokens matched in the raw text, before the pre-tokeniser ("[PAD]", "[UNK]").
        self._special = tuple(
            t.content for t in self._tokenizer.get_added_tokens_decoder().values()
        )
        self._word_pieces = WordPieces.of(self._tokenizer, self._unk)
        # The model's own table, shared (float16 for the bundled model): a float32 copy sped
        # a grade pair up ~3.5% but cost 30 MB, 0.2 s of start-up and ~10% of batch
        # throughput on 2 cores (session 13), so the reduction sums the rows as float32.
        self._embedding: NDArray[np.floating[Any]] = embedder.table

    def _chunk_ids(self, chunks: list[str]) -> list[tuple[int, ...]]:
        cache = self._ids
        # Each chunk's ids are read once (one C-level pass): another thread may clear the shared
        # cache at any moment, and a chunk must never come back empty because of it.
        got = list(map(cache.get, chunks))
        if None not in got:
            return cast(list[tuple[int, ...]], got)
        missing = list(dict.fromkeys(c for c, ids in zip(chunks, got, strict=True) if ids is None))
        new = self._tokenize(missing)
        with self._lock:
            if len(cache) + len(new) > CACHE_LIMIT:
                cache.clear()
            cache.update(new)
        return [ids if ids is not None else new[c] for c, ids in zip(chunks, got, strict=True)]

    def _tokenize(self, chunks: list[str]) -> dict[str, tuple[int, ...]]:
        """The ids of new chunks (and of the new pieces they were read from)."""
        # A new chunk is mostly known words with punctuation attached ("that.", "(see", "don't").
        # The pre-tokeniser splits a chunk into its pieces (runs of letters and digits, and each
        # punctuation mark alone) and word-pieces each on its own, so a chunk's ids are its
        # pieces' ids in order: only pieces never seen go to the tokenizer (a third of a new
        # response's tokenizer time was words it had already tokenised).
        # With an uncased WordPiece tokenizer, pieces are read here (`WordPieces`), and only
        # chunks the pre-tokeniser may read otherwise go to the tokenizer: most responses need
        # no tokenizer call at all (it was a fifth of a new response's time).
        cache, word_pieces = self._ids, self._word_pieces
        pieces_of: dict[str, list[str]] = {}
        known: dict[str, tuple[int, ...]] = {}
        unseen: dict[str, None] = {}
        for chunk in chunks:
            pieces = _pieces(chunk, self._special)
            if pieces is None:
                unseen[chunk] = None
                continue
            pieces_of[chunk] = pieces
            for piece in pieces:
                if piece not in known:
                    ids = cache.get(piece)
                    if ids is not None:
                        known[piece] = ids
                    elif word_pieces is not None:
                        known[piece] = word_pieces.ids(piece)
                    else:
                        unseen[piece] = None
        new: dict[str, tuple[int, ...]] = {}
        if unseen:
            words = list(unseen)
            # One tokenizer call over the new pieces joined by spaces (a batch call costs far
            # more in thread hand-off than it saves); offsets say which piece owns each token.
            with self._tokenize_lock:
                encoding = self._tokenizer.encode(" ".join(words), add_special_tokens=False)
            new = dict(zip(words, self._owned(encoding.ids, encoding.offsets, words), strict=True))
            known.update(new)
        for chunk, pieces in pieces_of.items():
            if len(pieces) > 1:
                new[chunk] = tuple(itertools.chain.from_iterable(known[p] for p in pieces))
            elif chunk not in new:
                new[chunk] = known[chunk]
        return new

    def _owned(
        self, ids: list[int], offsets: list[tuple[int, int]], chunks: list[str]
    ) -> list[tuple[int, ...]]:
        """Each chunk's ids (unknown tokens dropped), from the ids and offsets of the chunks
        joined by single spaces. A few dozen tokens: a plain loop is cheaper than numpy's set-up."""
        unk = self._unk
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
            # Tokens come in text order, so each text's tokens are one contiguous run.
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


@dataclass(frozen=True)
class WordPieces:
    """What an uncased BERT WordPiece tokenizer makes of one `_pieces` piece, read in Python.

    Such a tokenizer lower-cases a piece (printable ASCII: nothing else to normalise), keeps it
    whole (a run of letters and digits, or one punctuation mark) and splits it into the
    longest vocabulary entries from its start, "##" before each but the first; a piece with
    no such split, or longer than its limit, is the unknown token. The same algorithm as the
    tokenizer's WordPiece model, as dictionary look-ups (a tokenizer call costs far more).
    """

    vocab: dict[str, int]
    prefix: str  # before every piece of a word but the first ("##")
    longest: int  # longer words are the unknown token
    unk: int

    @classmethod
    def of(cls, tokenizer: Tokenizer, unk: int | None) -> WordPieces | None:
        """The reader for `tokenizer`, or None unless it is an uncased BERT WordPiece one whose
        unknown token is `unk` (the id dropped from every text's ids)."""
        config = json.loads(tokenizer.to_str())
        normalizer = config.get("normalizer") or {}
        pre_tokenizer = config.get("pre_tokenizer") or {}
        model = config.get("model") or {}
        vocab = tokenizer.get_vocab(with_added_tokens=False)
        unk_token = model.get("unk_token")
        if not (
            normalizer.get("type") == "BertNormalizer"
            and normalizer.get("lowercase") is True
            and pre_tokenizer.get("type") == "BertPreTokenizer"
            and model.get("type") == "WordPiece"
            and unk is not None
            and isinstance(unk_token, str)
            and vocab.get(unk_token) == unk
        ):
            return None
        return cls(
            vocab, model["continuing_subword_prefix"], model["max_input_chars_per_word"], unk
        )

    def ids(self, piece: str) -> tuple[int, ...]:
        """The piece's ids, the unknown token left out (as every text's ids leave it out)."""
        word = piece.lower()
        if len(word) > self.longest:
            return ()
        vocab, ids = self.vocab, []
        start, n = 0, len(word)
        while start < n:
            for end in range(n, start, -1):
                token = vocab.get(word[start:end] if start == 0 else self.prefix + word[start:end])
                if token is not None:
                    ids.append(token)
                    start = end
                    break
            else:
                return ()  # no split: the whole piece is the unknown token
        return tuple(i for i in ids if i != self.unk)


def _pieces(chunk: str, special: tuple[str, ...]) -> list[str] | None:
    """What the BERT pre-tokeniser splits an ASCII chunk into: runs of letters and digits, and
    each punctuation mark on its own; None for a chunk it may read otherwise: non-ASCII or
    control characters (the normaliser changes them), or one of the `special` tokens such as
    "[PAD]", matched in the raw text before any split."""
    if not _PLAIN.fullmatch(chunk) or any(map(chunk.__contains__, special)):
        return None
    return _PIECE.findall(chunk)


def _chunks(text: str) -> list[str]:
    """The text's chunks between runs of BERT white space."""
    if text.isascii() and not any(map(text.__contains__, _NOT_BERT_SPACE)):
        return text.split()
    return [c for c in _BERT_SPACE.split(text) if c]
