from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from tactful.detect.features import (
    BUCKETS,
    CONTRACTIONS,
    FUNCTION_WORDS,
    content_words,
    ngram_counts,
    request_grams,
)


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode()) & (BUCKETS - 1)


def test_a_contraction_counts_only_inside_bigrams_in_a_request() -> None:
    # "i'll" alone was taught by threats ("I'll hurt you") and read an ordinary reply as harm.
    text = "Draft a reply saying I'll have them by Tuesday"
    grams = request_grams(text)
    assert _bucket("i'll") not in grams
    assert _bucket("saying i'll") in grams and _bucket("i'll have") in grams
    assert _bucket("tuesday") in grams
    assert "i'll" not in content_words(text)


def test_the_refusal_scorer_keeps_contractions_on_their_own() -> None:
    # "I'm sorry" and "I'll help" are what a refusal reads like.
    assert _bucket("i'm") in ngram_counts("I'm sorry, I can't do that")


def test_contractions_are_pronoun_and_auxiliary_only() -> None:
    assert {"i'll", "you're", "it's", "let's", "they've"} <= CONTRACTIONS
    # Negations say something about the request ("don't kill" vs "kill").
    assert not {"don't", "can't", "won't"} & CONTRACTIONS
    assert not CONTRACTIONS & FUNCTION_WORDS


@given(st.text(alphabet="abcdeI'l ms.,", max_size=60))
@settings(max_examples=200, deadline=None)
def test_request_grams_are_the_text_grams_less_contraction_unigrams(text: str) -> None:
    plain, request = ngram_counts(text), request_grams(text)
    dropped = {_bucket(c) for c in CONTRACTIONS}
    # Every bucket the request reading has, the plain one has too (it drops more, never adds).
    assert set(request) <= set(plain)
    assert set(plain) - set(request) <= dropped
    if request:
        norm = sum(v * v for v in request.values())
        assert abs(norm - 1.0) < 1e-9
