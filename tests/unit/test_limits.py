from __future__ import annotations

import io

import pytest
from pydantic import ValidationError

from tactful.errors import InputError, InputTooLargeError
from tactful.limits import (
    Limits,
    OversizedLine,
    bounded_lines,
    check_nesting,
    check_request,
    nesting_depth,
)

SMALL = Limits(max_message_chars=10, max_messages=2, max_nesting=3, max_line_bytes=64)


def test_limits_are_validated_settings():
    with pytest.raises(ValidationError):
        Limits(max_message_chars=0)
    with pytest.raises(ValidationError):
        Limits(unknown=1)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ("x" * 11, "the message is too long: 11 characters"),
        ([{"role": "user", "content": "hi"}] * 3, "too many messages: 3"),
        ([{"role": "user", "content": "x" * 11}], "message 1 is too long"),
        ("ok \ud800", "not valid Unicode"),
    ],
)
def test_breaking_a_limit_is_an_input_error_naming_it(request_, message):
    with pytest.raises(InputError, match=message):
        check_request(request_, SMALL)


def test_size_limits_are_told_apart_from_bad_text():
    with pytest.raises(InputTooLargeError):
        check_request("x" * 11, SMALL)
    with pytest.raises(InputError) as bad:
        check_request("\ud800", SMALL)
    assert not isinstance(bad.value, InputTooLargeError)


def test_within_limits_passes():
    check_request("x" * 10, SMALL)
    check_request([{"role": "user", "content": "hello"}], SMALL)


def test_nesting_is_counted_without_recursion():
    deep: object = "leaf"
    for _ in range(100_000):
        deep = [deep]
    assert nesting_depth(deep, stop_after=5) == 6
    assert nesting_depth({"a": [{"b": 1}]}, stop_after=10) == 3
    with pytest.raises(InputError, match="nested more than 3 levels"):
        check_nesting({"a": [{"b": [1]}]}, SMALL)


def test_oversized_lines_are_skipped_without_losing_the_next():
    stream = io.BytesIO(b"short\n" + b"x" * 1000 + b"\nnext\n" + b"y" * 65 + b"\nlast")
    lines = list(bounded_lines(stream, 64))
    assert lines[0] == b"short\n"
    assert isinstance(lines[1], OversizedLine)
    assert lines[1].size == 1000
    assert "1,000 bytes" in str(lines[1])
    assert lines[2] == b"next\n"
    assert isinstance(lines[3], OversizedLine)
    assert lines[4] == b"last"
    assert len(lines) == 5
