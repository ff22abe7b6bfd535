"""What the audit trail keeps of a request under each mode."""

from __future__ import annotations

import json

import pytest

from tactful.audit.redact import (
    RequestMode,
    matches_digest,
    redact,
    request_digest,
    stored_request,
)

MESSAGES = [
    {"role": "user", "content": "Mail jane.doe@example.com or call +44 20 7946 0958 today."},
    {"role": "assistant", "content": "Sure."},
    {"role": "user", "content": "My card is 4111 1111 1111 1111, server 10.0.0.12."},
]


@pytest.mark.parametrize(
    ("text", "placeholder", "gone"),
    [
        ("write to jane.doe@example.com please", "[EMAIL]", "jane.doe"),
        ("call +1 (555) 123-4567 now", "[PHONE]", "123-4567"),
        ("card 4111-1111-1111-1111 expires", "[CARD]", "4111"),
        ("ssh to 192.168.1.20 and", "[IP]", "192.168"),
        ("see https://user:pw@example.com/x?y=1", "[URL]", "pw@"),
        ("IBAN DE89370400440532013000 please", "[IBAN]", "DE8937"),
    ],
)
def test_redaction_replaces_identifiers(text: str, placeholder: str, gone: str) -> None:
    out = redact(text)
    assert placeholder in out
    assert gone not in out


def test_redaction_leaves_ordinary_text_alone() -> None:
    text = "How can I kill a Python process that hangs? It uses 3 threads and 2 GB."
    assert redact(text) == text


def test_full_mode_keeps_every_message_verbatim() -> None:
    assert json.loads(stored_request(MESSAGES, RequestMode.FULL)) == MESSAGES


def test_redacted_mode_keeps_roles_and_wording_without_identifiers() -> None:
    kept = json.loads(stored_request(MESSAGES, RequestMode.REDACTED))
    assert [m["role"] for m in kept] == ["user", "assistant", "user"]
    text = " ".join(m["content"] for m in kept)
    for secret in ("jane.doe", "7946", "4111", "10.0.0.12"):
        assert secret not in text
    assert kept[0]["content"] == "Mail [EMAIL] or call [PHONE] today."


def test_hash_mode_keeps_nothing_readable_and_is_stable() -> None:
    kept = stored_request(MESSAGES, RequestMode.HASH)
    assert kept.startswith("sha256:")
    assert "jane" not in kept
    assert kept == stored_request([dict(m) for m in MESSAGES], RequestMode.HASH)
    assert kept != stored_request(MESSAGES[:1], RequestMode.HASH)


def test_a_hash_key_changes_the_digest_and_is_needed_to_match() -> None:
    keyed = request_digest(MESSAGES, b"secret")
    assert keyed.startswith("hmac-sha256:")
    assert keyed != request_digest(MESSAGES, b"other")
    assert matches_digest(MESSAGES, keyed, b"secret")
    assert not matches_digest(MESSAGES, keyed, None)
    assert not matches_digest(MESSAGES[:2], keyed, b"secret")
