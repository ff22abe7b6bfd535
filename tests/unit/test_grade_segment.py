from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tactful.detect.embedder import load_embedder
from tactful.grade.refusal import selected
from tactful.grade.segment import mask_quotes, sentences, word_count


@functools.cache
def _model2vec() -> Any:
    """model2vec's own reader of the bundled model: the reference the engine's vectors follow."""
    from model2vec import StaticModel

    return StaticModel.from_pretrained(load_embedder().path, normalize=True, force_download=False)


def reference(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, load_embedder().dim), dtype=np.float32)
    return np.asarray(
        _model2vec().encode(texts, max_length=None, use_multiprocessing=False), np.float32
    )


def test_sentences_split_on_end_punctuation_and_lines() -> None:
    got = sentences("I won't do that. Here is why: it hurts people!\nWould you like another idea?")
    assert [s.text for s in got] == [
        "I won't do that.",
        "Here is why: it hurts people!",
        "Would you like another idea?",
    ]
    assert [s.question for s in got] == [False, False, True]


def test_numbered_items_are_sentences_of_their_own() -> None:
    got = sentences("Steps:\n1. Buy flour.\n2. Mix it. Then bake.")
    assert [s.text for s in got] == ["Steps:", "1. Buy flour.", "2. Mix it.", "Then bake."]
    assert [s.list_item for s in got] == [False, True, True, False]


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert len(sentences("Use a tool, e.g. Wireshark, to look. Then stop.")) == 2


def test_a_quoted_refusal_is_masked_and_never_split() -> None:
    got = sentences(
        "The stock line is \"I'm sorry, but I can't help. Ask me later.\" It annoys people."
    )
    assert "I'm sorry" in got[0].text
    assert "sorry" not in got[0].masked
    assert "QUOTE" in got[0].masked
    assert mask_quotes('He said "no thanks at all" twice') == "He said  QUOTE  twice"


def test_code_and_empty_text() -> None:
    assert sentences("Call `kill -9 PID` to force it.")[0].code
    assert sentences("   ") == []
    assert word_count("It's 3 o'clock.") == 3


def test_selection_keeps_opening_close_and_cued_middle() -> None:
    text = " ".join(f"Fact number {i} is here." for i in range(12))
    sents = sentences(text.replace("Fact number 6 is here.", "I won't cover number six."))
    picked = selected(sents)
    assert picked[:4] == [0, 1, 2, 3] and picked[-3:] == [9, 10, 11]
    assert 6 in picked and 5 not in picked


@pytest.mark.parametrize(
    "texts",
    [
        ["I am sorry, but I cannot help."],
        ["Café déjà vu 🙂!", "", "Two words"],
        [],
        ["QUOTE  tabs\tand\nnew lines", "naïve-co_op x²: ÀB日本語 (e.g.) 3.5%", "zzqxj ??"],
    ],
)
def test_sentence_vectors_match_the_embedder(texts: list[str]) -> None:
    embedder = load_embedder()
    fast = embedder.fast(texts)
    assert fast.shape == (len(texts), embedder.dim)
    np.testing.assert_allclose(fast, reference(texts), atol=1e-3)
    np.testing.assert_allclose(embedder.encode(texts), fast, atol=1e-6)
    # The second call reads the chunk cache and must give the same vectors.
    np.testing.assert_allclose(embedder.fast(texts), fast, atol=1e-6)


@given(st.text(max_size=80))
@settings(max_examples=60, deadline=None)
def test_the_engine_vector_is_the_embedders_vector(text: str) -> None:
    # The engine embeds one request through the fast path; it must be the model's own vector,
    # whatever the text (an empty or unknown-word text gives the zero vector both ways).
    embedder = load_embedder()
    np.testing.assert_allclose(embedder.vector(text), reference([text])[0], atol=1e-3)


def test_chunks_past_the_tokenizers_512_token_limit_keep_their_ids() -> None:
    # New chunks are tokenised joined in one call; past 512 tokens the bundled tokenizer's own
    # truncation dropped the later ones, and their (empty) ids were cached for good.
    from tactful.detect.vectors import SentenceVectors

    embedder = load_embedder()
    fast = SentenceVectors(embedder)
    words = [f"zq{i}x" for i in range(400)]  # several tokens each: well past 512 in all
    long = " ".join(words)
    np.testing.assert_allclose(fast([long]), reference([long]), atol=1e-3)
    # The last chunks, read back from the cache on their own, still have their ids.
    tail = " ".join(words[-5:])
    np.testing.assert_allclose(fast([tail]), reference([tail]), atol=1e-3)
    assert np.linalg.norm(fast([tail])) > 0.5


@given(st.lists(st.text(alphabet="ab Z.,'-[](PADUNK)é\x01\x7f!?09", max_size=14), max_size=6))
@settings(max_examples=200, deadline=None)
def test_a_new_chunk_read_from_its_pieces_has_the_tokenizers_ids(words: list[str]) -> None:
    # New ASCII chunks are read from their pre-tokeniser pieces, some of them already cached:
    # the ids must be the tokenizer's own for the whole chunk (special tokens such as "[PAD]"
    # and characters the normaliser changes are sent whole).
    from tactful.detect.vectors import SentenceVectors, _chunks

    embedder = load_embedder()
    fast = SentenceVectors(embedder)
    chunks = _chunks(" ".join(words))
    fast._chunk_ids([p for c in chunks for p in re.findall(r"[a-z]+|\.", c)][::2])  # some known
    unk = fast._tokenizer.token_to_id("[UNK]")
    expected = [
        tuple(i for i in fast._tokenizer.encode(c, add_special_tokens=False).ids if i != unk)
        for c in chunks
    ]
    assert fast._chunk_ids(chunks) == expected
    assert fast._chunk_ids(chunks) == expected  # and from the cache


@pytest.mark.parametrize(
    "text",
    [
        "a \x000\x00 b",
        "x \x007\x00",
        '"quoted text here" and \x001\x00',
        '"a quote here" \x000\x00',
    ],
)
def test_a_literal_quote_marker_is_text_not_a_quote(text: str) -> None:
    # The segmenter holds quotes as NUL-digits-NUL markers; the same characters in a response
    # were read as a marker (IndexError, or another quote put in their place).
    got = sentences(text)
    assert all("\x00" not in s.text and "\x00" not in s.masked for s in got)
    joined = " ".join(s.text for s in got)
    assert joined.count("quote") == text.count("quote")


@given(
    st.text(max_size=200)
    | st.lists(
        st.sampled_from(["\x00", "0", "12", '"', "“", "”", "'", ". ", "\n", "A", "e.g.", " ", "x"]),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_sentences_never_raise(text: str) -> None:
    for s in sentences(text):
        assert s.text and "\x00" not in s.text


@given(
    st.lists(
        st.sampled_from(
            ["e.g", "I.E", "etc", "vs", "Mr", "no", "approx", "x", "ab", ".", " ", "\n"]
        ),
        min_size=1,
        max_size=10,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_the_abbreviation_search_from_the_tail_is_the_whole_search(piece: str) -> None:
    from tactful.grade.segment import _ABBREVIATION

    for text in (piece + ".", piece + ".\n"):
        tail = _ABBREVIATION.search(text, max(0, len(text) - 10))
        assert (tail is None) == (_ABBREVIATION.search(text) is None)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=40))
@settings(max_examples=300, deadline=None)
def test_chunks_split_at_bert_white_space_only(text: str) -> None:
    # The fast split of ASCII text must find the chunks the BERT white-space pattern finds
    # (control characters such as U+001F are no white space to the normaliser).
    from tactful.detect.vectors import _BERT_SPACE, _chunks

    assert _chunks(text) == [c for c in _BERT_SPACE.split(text) if c]
    ascii_text = text.encode("ascii", "ignore").decode()
    assert _chunks(ascii_text) == [c for c in _BERT_SPACE.split(ascii_text) if c]


@given(st.text(alphabet="ab1 _.é'\"“”\n", max_size=50))
@settings(max_examples=500, deadline=None)
def test_the_quote_pattern_finds_what_its_plain_form_finds(text: str) -> None:
    # The single-quote alternative checks the character before the mark after the mark, so
    # that every alternative opens with its mark; the spans must be those of the plain form.
    import re

    from tactful.grade.segment import _QUOTED

    plain = re.compile(r"\"[^\"]{3,}\"|“[^”]{3,}”|(?<!\w)'[^']{12,}'(?!\w)")
    assert [m.span() for m in _QUOTED.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="aB1 .!?…\x00\"'”’)]\n\t\r“‘([*#-\u00a0", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_boundary_pattern_splits_as_its_plain_form(text: str) -> None:
    # It opens with the class of a boundary's first character; the splits must be the same.
    import re

    from tactful.grade.segment import _BOUNDARY

    plain = re.compile(r"(?<=[.!?…\x00])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*#-])|\n+")
    assert _BOUNDARY.split(text) == plain.split(text)


@given(st.text(alphabet="aB1 .!?…\x00\"'”’)]\n\t\r“‘([*#-\u00a0", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_fast_boundary_split_splits_as_the_pattern(text: str) -> None:
    from tactful.grade.segment import _BOUNDARY, _blocks

    assert _blocks(text) == _BOUNDARY.split(text)


@given(st.text(alphabet="aZ09' -é\u2019\n\t.\ud800", max_size=40))
@settings(max_examples=500, deadline=None)
def test_word_count_counts_the_word_pattern_matches(text: str) -> None:
    import re

    assert word_count(text) == len(re.findall(r"[A-Za-z0-9']+", text))


def test_pieces_read_in_python_have_the_tokenizers_ids() -> None:
    # New pieces are split by WordPiece in Python, from the tokenizer's own vocabulary: whole
    # words, words split into several entries, unknown ones and over-long ones must all get
    # the ids the tokenizer gives them.
    import random

    from tactful.detect.vectors import SentenceVectors

    embedder = load_embedder()
    fast = SentenceVectors(embedder)
    assert fast._word_pieces is not None
    tokenizer = fast._tokenizer
    words = sorted(w for w in tokenizer.get_vocab() if w.isascii())
    sample = random.Random(3).sample(words, 1500)
    chunks = [c for w in sample for c in (w, w.capitalize(), f"un{w}ness.", f"({w}'s")]
    chunks += ["zzqxj", "x" * 100, "y" * 101, "Antidisestablishmentarianism", "2026-12-06", "[UNK]"]
    unk = tokenizer.token_to_id("[UNK]")
    expected = [
        tuple(i for i in tokenizer.encode(c, add_special_tokens=False).ids if i != unk)
        for c in chunks
    ]
    assert fast._chunk_ids(chunks) == expected


def test_a_missing_or_corrupt_static_model_is_a_model_error(tmp_path) -> None:
    from tactful.detect.embedder import Embedder
    from tactful.errors import ModelError

    with pytest.raises(ModelError, match="no static model"):
        Embedder(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"not a safetensors file")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelError, match="cannot load the static model"):
        Embedder(tmp_path)
