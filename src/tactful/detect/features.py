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
#: A pronoun or "that" / "there" / "let" joined to its auxiliary is a function word too, and in a
#: request it says even less: "i'll" and "i'm" alone were taught by threats ("I'll hurt you",
#: "I'm going to …") and read "Draft a reply saying I'll have them by Tuesday" as harmful. Only
#: for judging requests; the refusal scorer keeps them ("I'm sorry", "I'll help" are what it reads).
CONTRACTIONS = frozenset(
    f"{p}'{a}"
    for p, auxiliaries in (
        ("i", ("m", "ll", "ve", "d")),
        ("you", ("re", "ll", "ve", "d")),
        ("we", ("re", "ll", "ve", "d")),
        ("they", ("re", "ll", "ve", "d")),
        ("he", ("s", "ll", "d")),
        ("she", ("s", "ll", "d")),
        ("it", ("s", "ll", "d")),
        ("that", ("s", "ll", "d")),
        ("there", ("s", "re", "ll", "d")),
        ("let", ("s",)),
    )
    for a in auxiliaries
)
#: What counts only inside bigrams when a request is read.
REQUEST_FUNCTION_WORDS = FUNCTION_WORDS | CONTRACTIONS
_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in FUNCTION_WORDS)
REQUEST_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in REQUEST_FUNCTION_WORDS)
_WORD_BYTES = re.compile(rb"[a-z0-9']+")
_MASK = BUCKETS - 1


def content_words(text: str) -> list[str]:
    """The request's words that count on their own (function words only count inside bigrams)."""
    return [w for w in _WORD.findall(text.lower()) if w not in REQUEST_FUNCTION_WORDS]


def ngram_counts(text: str, function_words: frozenset[bytes] = _FUNCTION_BYTES) -> dict[int, float]:
    """Bucket → sublinear, L2-normalised weight of the text's unigrams and bigrams.
    `function_words` count only inside bigrams."""
    # Words are found in the UTF-8 bytes: the pattern is ASCII, so the words are the same, and
    # crc32 hashes them without an encode per n-gram ("surrogatepass": a lone surrogate is no
    # word either way, and must not raise).
    words = _WORD_BYTES.findall(text.lower().encode("utf-8", "surrogatepass"))
    keys = [zlib.crc32(w) & _MASK for w in words if w not in function_words]
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


def request_grams(text: str) -> dict[int, float]:
    """`ngram_counts` of a request: contractions of function words count only inside bigrams."""
    return ngram_counts(text, REQUEST_FUNCTION_BYTES)
