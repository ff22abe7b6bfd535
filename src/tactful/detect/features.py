"""Hashed word n-grams: the word-order signal a mean of token vectors loses.

"kill a process" and "kill a person" average to nearby vectors; their bigrams differ. Hashing
(crc32, stable across processes and platforms) keeps the weight table a fixed size with no
vocabulary file. Training and run time share this one function.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter

#: 2**18 buckets: collisions are rare for the few thousand n-grams that carry weight.
BUCKETS = 1 << 18
_WORD = re.compile(r"[a-z0-9']+")


#: Function words carry a dataset's style (how its authors write), not what is asked, so they
#: count only inside bigrams ("a child", "kill a") and never on their own.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "about",
        "than",
        "then",
        "so",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "just",
        "really",
        "very",
        "please",
    ]
)
_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in FUNCTION_WORDS)
_WORD_BYTES = re.compile(rb"[a-z0-9']+")
_MASK = BUCKETS - 1


def content_words(text: str) -> list[str]:
    """The text's words that count on their own (function words only count inside bigrams)."""
    return [w for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS]


def ngram_counts(text: str) -> dict[int, float]:
    """Bucket → sublinear, L2-normalised weight of the text's unigrams and bigrams."""
    # Words are found in the UTF-8 bytes: the pattern is ASCII, so the words are the same, and
    # crc32 hashes them without an encode per n-gram ("surrogatepass": a lone surrogate is no
    # word either way, and must not raise).
    words = _WORD_BYTES.findall(text.lower().encode("utf-8", "surrogatepass"))
    keys = [zlib.crc32(w) & _MASK for w in words if w not in _FUNCTION_BYTES]
    keys += [zlib.crc32(a + b" " + b) & _MASK for a, b in itertools.pairwise(words)]
    if not keys:
        return {}
    unique = dict.fromkeys(keys)
    if len(unique) == len(keys):
        # Every n-gram once (most sentences): each weight is 1 + log 1 = 1 and the norm is the
        # square root of their number, so this is the general case below, computed directly.
        return dict.fromkeys(unique, 1.0 / math.sqrt(len(keys)))
    weights = {k: 1.0 + math.log(v) for k, v in Counter(keys).items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()}
