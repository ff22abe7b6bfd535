"""Typing slips undone: a word outside the detector's vocabulary mapped onto one a slip away.

The vocabulary is the tokenizer's whole words plus the policy's own; words the training texts of
two sources use (`words.tsv`, written by `tactful train`) are words in their own right, so they
are left as written unless the candidate is far more common. The canonical form
(`tactful.detect.canonical`) calls it for the words of a message it does not know.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from tactful.detect.embedder import STATIC_DIR
from tactful.policy.schema import Policy

#: A word, but not a piece of a handle, address or path ("u/quietfern88", "@jess.moreno").
WORD = re.compile(r"(?<![\w/@.'])[A-Za-z][A-Za-z']*(?![\w/@])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_CORRECTED = 3  # shorter words are too ambiguous to correct
MAX_SLIPS = 4  # a message with more unknown words than this (and a third) is not corrected


class Speller:
    """Maps a word outside the vocabulary to a vocabulary word one slip away.

    Only the slips that rarely turn one real word into another are undone — a missing doubled
    letter ("kil", "atack"), swapped neighbours ("wuold"), a dropped letter in a longer word
    ("injecton"), a letter doubled by mistake ("painfull") — never a wrong letter or any other
    extra one: "sarin" must not become "satin", nor "bleach" "beach". Among candidates of one
    kind the more frequent word wins (the vocabulary is in frequency order).

    The vocabulary is the tokenizer's whole words, which lack many common words ("motivate",
    "immoral", "delete"). `attested` counts, for words seen in the training texts of at least
    two sources, how many texts use each: such a word is left as written unless its candidate
    is `SLIP_RATIO` times as common ("recieve" → "receive", but "immoral" is not "immortal")."""

    def __init__(self, words: Iterable[str], attested: Mapping[str, int] | None = None) -> None:
        self._rank: dict[str, int] = {}
        for i, w in enumerate(words):
            self._rank.setdefault(w, i)
        self._attested: Mapping[str, int] = attested or {}
        self.correct = lru_cache(maxsize=16384)(self._correct)

    def __contains__(self, word: str) -> bool:
        return word in self._rank

    def __len__(self) -> int:
        return len(self._rank)

    def _correct(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < MIN_CORRECTED or lower in self._rank or not lower.isalpha():
            return word
        if self._inflected(lower):  # "assembles", "forger": a known word, inflected
            return word
        for candidates in _edits(lower):
            known = [c for c in candidates if c in self._rank]
            if known:
                best = min(known, key=self._rank.__getitem__)
                seen = self._attested.get(lower, 0)
                if seen and self._attested.get(best, 0) < SLIP_RATIO * seen:
                    return word  # a word in its own right, not a slip of `best`
                return best
        return word

    def _inflected(self, word: str) -> bool:
        # The base of a known inflection ("invoke" of "invoked", "guideline" of "guidelines").
        # Not a word ending in the suffix's own letter: "proces" is "process" with an "s" missing.
        if any(word + x in self._rank and word[-1] != x[-1] for x in _BASE_OF):
            return True
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            known = stem in self._rank or stem + "e" in self._rank
            if word.endswith(suffix) and len(stem) >= MIN_CORRECTED and known:
                return True
        return False


#: How much more common a candidate must be than an attested word for the word to be a slip.
SLIP_RATIO = 20
#: The file of attested words (word, tab, number of training texts using it) in a model folder.
WORDS_FILE = "words.tsv"


_SUFFIXES = ("s", "es", "ed", "d", "er", "r", "ers", "ing", "ly", "y", "ness", "ment")
_BASE_OF = ("s", "es", "d", "ed")


def _edits(w: str) -> Iterable[list[str]]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    yield [a + b[0] + b for a, b in splits if b and b[0] not in "aeiouy"]  # doubled consonant
    if len(w) >= 4:  # swapped neighbours, not at the end ("castor" is not "castro")
        yield [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 2]
    if len(w) >= 5:
        yield [a + c + b for a, b in splits for c in _LETTERS]  # a dropped letter
    if len(w) >= 6:  # a doubled letter typed once too often ("painfull"), never any other
        yield [a + b[1:] for a, b in splits if b and a and a[-1] == b[0]]


def speller_for(
    model_dir: Path, extra: Iterable[str] = (), attested: Mapping[str, int] | None = None
) -> Speller:
    """The detector's word vocabulary (whole words of its tokenizer, in `model_dir`/static) in
    frequency order, then `extra` words (the policy's own), which are known and so never
    corrected; words attested in training (`attested`, else `model_dir`/words.tsv)."""
    path = model_dir / STATIC_DIR / "tokenizer.json"
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        vocab = {}
    ordered = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    words = (t for t in [*ordered, *(w.lower() for w in extra)] if t.isalpha() and t.isascii())
    if attested is None:
        attested = read_attested(model_dir / WORDS_FILE)
    return Speller((w for w in words if len(w) > 1), attested)


def read_attested(path: Path) -> dict[str, int]:
    """`word<TAB>count` lines; a missing file attests nothing (the speller then corrects by the
    vocabulary alone)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    out: dict[str, int] = {}
    for line in lines:
        word, _, count = line.partition("\t")
        if word and count.isdigit():
            out[word] = int(count)
    return out


def attest(texts: Iterable[tuple[str, str]], min_sources: int = 2) -> dict[str, int]:
    """From (text, source) pairs: for each lower-case word of three letters or more used by at
    least `min_sources` sources, the number of texts using it. A slip is rarely made the same
    way by writers of two sources; a real word is."""
    counts: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for text, source in texts:
        for w in {x.lower() for x in WORD.findall(text)}:
            if len(w) >= MIN_CORRECTED and w.isalpha() and w.isascii():
                counts[w] += 1
                sources.setdefault(w, set()).add(source)
    return {w: n for w, n in sorted(counts.items()) if len(sources[w]) >= min_sources}


def write_attested(attested: Mapping[str, int], path: Path) -> None:
    path.write_text("".join(f"{w}\t{n}\n" for w, n in sorted(attested.items())), "utf-8")


def policy_words(policy: Policy) -> list[str]:
    """Every word the policy uses (descriptions, examples, patterns): known, never corrected."""
    return re.findall(r"[A-Za-z]{2,}", policy.model_dump_json())
