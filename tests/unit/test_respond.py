from __future__ import annotations

import re

import pytest

from tactful.models import Action, Kind
from tactful.respond import quote, words_for

LECTURING = re.compile(
    r"\b(unethical|immoral|inappropriate|(that|this|it) (is|would be) illegal|it.s illegal|"
    r"shame|ashamed|you should know better|"
    r"i must remind|it is important to remember|please understand|responsible ai|"
    r"as an ai|i cannot stress|tricky)\b",
    re.IGNORECASE,
)


def _cases(policy):
    for cid, category in policy.categories.items():
        if category.kind is Kind.HARMFUL:
            for action in (Action.REFUSE, Action.REDIRECT):
                yield cid, action, Kind.HARMFUL
        else:
            action = Action.REFUSE if category.kind is Kind.IMPOSSIBLE else Action.REDIRECT
            yield cid, action, category.kind


def test_every_refusal_has_the_three_sentence_shape(policy):
    for cid, action, kind in _cases(policy):
        words = words_for(policy, action, kind, cid)
        assert words.message, cid
        text = words.message
        assert len(text.split()) <= 70, (cid, action, len(text.split()), text)
        assert not LECTURING.search(text), (cid, text)
        category = policy.categories[cid]
        assert category.reason in text, (cid, text)
        # the alternative: another door is always offered
        assert "I can " in text, (cid, text)
        if kind is Kind.HARMFUL:
            assert "won't" in text or "not going to" in text, text
        else:
            assert "can't" in text, text


def test_impossible_says_cant_and_what_to_do_instead(policy):
    memory = words_for(policy, Action.REFUSE, Kind.IMPOSSIBLE, "no_memory").message
    assert memory and memory.startswith("I can't") and "paste" in memory
    access = words_for(policy, Action.REFUSE, Kind.IMPOSSIBLE, "no_access").message
    assert access and "SQL" in access


def test_out_of_scope_points_to_a_professional(policy):
    text = words_for(policy, Action.REDIRECT, Kind.OUT_OF_SCOPE, "medical_diagnosis").message
    assert text and "a doctor" in text and "I can explain" in text


def test_redirect_leads_with_what_can_be_done(policy):
    text = words_for(policy, Action.REDIRECT, Kind.HARMFUL, "cyber_attack").message
    assert text and text.index("I can") < text.index("won't")


def test_partial_names_the_declined_part(policy):
    words = words_for(
        policy,
        Action.PARTIAL,
        Kind.HARMFUL,
        "cyber_attack",
        helped=["Write a Python scraper for prices"],
        declined=["make it get past their CAPTCHA"],
    )
    assert words.message
    assert "“write a Python scraper for prices”" in words.message
    assert "but not with “make it get past their CAPTCHA”" in words.message


def test_comply_has_no_message_and_notes_are_one_line(policy):
    assert words_for(policy, Action.COMPLY, Kind.NONE, None).message is None
    note = words_for(policy, Action.COMPLY_WITH_NOTE, Kind.OUT_OF_SCOPE, "medical_diagnosis")
    assert note.message and len(note.message.split()) < 30


def test_clarify_asks_a_question(policy):
    text = words_for(policy, Action.CLARIFY, Kind.HARMFUL, "cyber_attack").message
    assert (text and text.endswith("?")) or "?" in (text or "")


def test_rewrite_comes_from_the_policy(policy):
    words = words_for(policy, Action.REDIRECT, Kind.HARMFUL, "fraud_scam")
    assert words.rewrite and "warning signs" in words.rewrite


@pytest.mark.parametrize(
    ("part", "expected"),
    [("Write it.", "“write it”"), ("", "that part"), ("a " * 20, "“" + "a " * 11 + "a …”")],
)
def test_quote(part, expected):
    assert quote(part) == expected


def test_repeat_refusal_is_shorter(policy):
    first = words_for(policy, Action.REFUSE, Kind.HARMFUL, "weapons_cbrne").message
    again = words_for(policy, Action.REFUSE, Kind.HARMFUL, "weapons_cbrne", repeat=True).message
    assert first and again and len(again) < len(first) and "As before" in again
